"""The page shell: every role is led to its work, in the visitor's language and formats."""

from __future__ import annotations

from datetime import datetime
from decimal import Decimal

import pytest
from django.template import Context, Template
from django.utils import translation
from django.utils.html import escape

from guichet.accounts.roles import Role
from guichet.web.roles import ROLE_HOMES


def render(source: str, language: str, **context) -> str:
    with translation.override(language):
        return Template("{% load guichet %}" + source).render(Context(context))


@pytest.mark.parametrize(
    ("language", "expected"),
    [
        ("en", "CN¥1,234.50"),
        ("zh-hans", "¥1,234.50"),
        ("fr", "1\u202f234,50\u00a0CNY"),
        ("th", "CN¥1,234.50"),
    ],
)
def test_money_is_formatted_in_the_pages_language(language, expected):
    assert render("{{ fee|money }}", language, fee=Decimal("1234.5")) == expected


def test_numbers_and_dates_follow_the_language():
    assert render("{{ n|number }}", "fr", n=1234567) == "1\u202f234\u202f567"
    assert render("{{ n|number }}", "en", n=1234567) == "1,234,567"
    day = datetime(2026, 3, 8)
    assert render('{{ d|date:"DATE_FORMAT" }}', "zh-hans", d=day) == "2026年3月8日"
    assert render('{{ d|date:"DATE_FORMAT" }}', "fr", d=day) == "8 mars 2026"


def test_anonymous_home_leads_to_login_and_registration(client, db):
    page = client.get("/").content.decode()
    assert 'href="/accounts/login/"' in page and 'href="/accounts/register/"' in page
    assert 'class="skip-link" href="#main"' in page and '<main id="main"' in page


@pytest.mark.parametrize("role", list(Role))
def test_each_role_is_led_from_the_home_page_to_its_work(login_client, make_user, role):
    client = login_client(make_user(role))
    response = client.get("/", follow=True)
    assert response.redirect_chain[-1][0] == f"/work/{role.value}/"
    assert f"<h1>{escape(ROLE_HOMES[role].title)}</h1>" in response.content.decode()


def test_language_cookie_switches_the_page_language(client, db):
    for code in ("zh-hans", "fr", "th", "en"):
        response = client.post("/i18n/setlang/", {"language": code, "next": "/"}, follow=True)
        assert f'<html lang="{code}"' in response.content.decode()


def test_kiosk_pages_use_the_large_touch_variant(client, db):
    assert 'class="kiosk"' in client.get("/kiosk/").content.decode()


def test_platform_administrator_verifies_the_audit_chain_from_the_browser(login_client, make_user):
    client = login_client(make_user(Role.PLATFORM_ADMINISTRATOR))
    response = client.post("/platform/audit/")
    assert "The chain is intact" in response.content.decode()


def test_audit_page_is_closed_to_other_roles(login_client, make_user):
    client = login_client(make_user(Role.CITY_LEADER))
    assert client.get("/platform/audit/").status_code == 403


def test_inbox_shows_only_the_users_own_messages(login_client, make_user):
    from guichet.notify.models import InboxMessage

    me, other = make_user(), make_user()
    InboxMessage.objects.create(recipient=me, subject="Your permit is ready")
    theirs = InboxMessage.objects.create(recipient=other, subject="Someone else's secret")
    client = login_client(me)
    page = client.get("/inbox/").content.decode()
    assert "Your permit is ready" in page and "secret" not in page
    assert client.post(f"/inbox/{theirs.pk}/read/").status_code == 404


def test_unknown_page_is_a_readable_404(client, db):
    response = client.get("/no-such-page/")
    assert response.status_code == 404
    assert "Page not found" in response.content.decode()
