"""The centre manager's pages: today live, the daily report and the staffing planner.

The world is the demo's district centre (25 windows, ten groups) with a week of simulated
tickets, loaded once for the module and rolled back after it.
"""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.db import transaction
from django.utils import timezone

from guichet.accounts import services as accounts
from guichet.accounts.roles import Role
from guichet.centres import queue
from guichet.centres.models import Centre, ServiceGroup, Window
from guichet.demo import centres as demo_centres

CODE = demo_centres.DISTRICT


@pytest.fixture(scope="module")
def loaded(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock(), transaction.atomic():
        yield demo_centres.load_centres(history_days=7)
        transaction.set_rollback(True)


@pytest.fixture
def centre(loaded, db):
    return Centre.objects.get(code=CODE)


@pytest.fixture
def clerk(make_user):
    user = make_user(Role.WINDOW_CLERK)
    user.memberships.all().delete()
    accounts.grant_membership(user, role=Role.WINDOW_CLERK, organisation_code=CODE)
    return user


def pages(day=None) -> list[str]:
    day = day or timezone.localdate() - timedelta(days=1)
    return [
        f"/centres/manage/{CODE}/",
        f"/centres/manage/{CODE}/report/?day={day.isoformat()}",
        f"/centres/manage/{CODE}/staffing/?weekday={day.weekday()}&target=0.9",
    ]


def test_a_clerk_of_the_centre_sees_today_live(centre, clerk, login_client):
    group = ServiceGroup.objects.get(code="ja-residence")
    window = Window.objects.get(centre=centre, number=3)
    for _ in range(3):
        queue.take_ticket(centre, group=group)
    called = queue.call_next(window, clerk=clerk)
    client = login_client(clerk)
    response = client.get(f"/centres/manage/{CODE}/")
    assert response.status_code == 200
    assert response["Refresh"] == "30"
    assert response.context["waiting_total"] == 2
    assert response.context["total"]["figures"].visitors == 3
    row = next(r for r in response.context["windows"] if r["window"].number == 3)
    assert row["ticket"].number == called.number and row["window"].is_open
    assert called.number in response.content.decode()


def test_a_city_leader_reads_any_centres_daily_report(centre, make_user, login_client):
    yesterday = timezone.localdate() - timedelta(days=1)
    client = login_client(make_user(Role.CITY_LEADER))
    response = client.get(f"/centres/manage/{CODE}/report/?day={yesterday.isoformat()}")
    assert response.status_code == 200
    total = response.context["total"]["figures"]
    assert total.visitors > 500 and total.called > 0
    assert len(response.context["windows"]) == 25
    labels = {r["label"] for r in response.context["groups"]}
    assert {"Household and civil affairs", "Pick-up and replacements"} <= labels
    assert f"{total.visitors:,}" in response.content.decode()


def test_a_wrong_day_falls_back_to_yesterday_with_a_message(centre, clerk, login_client):
    response = login_client(clerk).get(f"/centres/manage/{CODE}/report/?day=someday")
    assert response.status_code == 200
    assert response.context["day"] == timezone.localdate() - timedelta(days=1)
    assert "YYYY-MM-DD" in response.content.decode()


@pytest.mark.parametrize("path", range(3))
def test_a_citizen_and_a_clerk_of_another_centre_are_refused(
    centre, make_user, login_client, client, path
):
    stranger = make_user(Role.WINDOW_CLERK)  # a clerk of ORG1
    assert login_client(stranger).get(pages()[path]).status_code == 403
    client.logout()
    assert login_client(make_user()).get(pages()[path]).status_code == 403


def test_anonymous_visitors_are_sent_to_log_in(centre, client):
    response = client.get(pages()[0])
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]


def test_an_unknown_centre_is_not_found(centre, clerk, login_client):
    assert login_client(clerk).get("/centres/manage/NOWHERE/").status_code == 404


def test_the_planner_shows_a_plan_and_what_it_achieves_against_an_even_split(
    centre, clerk, login_client
):
    # Monday, the busy day (the week of history holds one, the seed's peak of 1,788 visitors).
    response = login_client(clerk).get(f"/centres/manage/{CODE}/staffing/?weekday=0&target=0.9")
    assert response.status_code == 200
    table = response.context["table"]
    assert [row["hour"] for row in table] == list(range(9, 17))
    assert all(0 < row["total"] <= 25 for row in table)
    assert len(response.context["groups"]) == 10
    planned, even, everyone = response.context["outcomes"]
    # The planner's staffing calls most visitors in time; an even split starves the busy groups.
    assert planned["share"] > 0.8 and planned["share"] > even["share"] + 0.1
    assert planned["window_hours"] <= everyone["window_hours"]
    page = response.content.decode()
    assert planned["simulated"] in page and "Erlang" in page


def test_the_planner_refuses_a_target_out_of_range_and_plans_with_the_default(
    centre, clerk, login_client
):
    weekday = (timezone.localdate() - timedelta(days=1)).weekday()
    response = login_client(clerk).get(
        f"/centres/manage/{CODE}/staffing/?weekday={weekday}&target=2"
    )
    assert response.status_code == 200
    assert response.context["form"].errors["target"]
    assert response.context["table"]  # planned with 90 %


def test_the_planner_says_when_there_is_no_history(clerk, login_client, db):
    Centre.objects.create(code="JA-NEW", name={"en": "New centre"}, kind="community")
    accounts.grant_membership(clerk, role=Role.WINDOW_CLERK, organisation_code="JA-NEW")
    response = login_client(clerk).get("/centres/manage/JA-NEW/staffing/")
    assert response.status_code == 200
    assert "nothing to plan from yet" in response.content.decode()
