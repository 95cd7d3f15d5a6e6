"""Finding a service in a real browser: search in English and in Chinese, open it, all accessible.

Every browser test starts from an empty database, so the catalogue is built here.
"""

from __future__ import annotations

import json

import pytest
from playwright.sync_api import Page, expect

from guichet.catalog import search
from guichet.catalog import services as catalog
from guichet.catalog.models import Channel
from guichet.catalog.services import RequirementSpec

from .support import english, in_language


@pytest.fixture(autouse=True)
def _fresh_index():
    search.reset()
    yield
    search.reset()


@pytest.fixture
def catalogue(transactional_db):
    market = catalog.save_department(
        "MKT", name={"en": "Market Regulation Bureau", "zh-hans": "市场监督管理局"}
    )
    police = catalog.save_department(
        "POLICE", name={"en": "Public Security Bureau", "zh-hans": "公安局"}
    )
    id_card = catalog.save_evidence_type(
        "id-card", name={"en": "Resident identity card", "zh-hans": "居民身份证"}
    )
    health = catalog.save_evidence_type(
        "staff-health-certs", name={"en": "Staff health certificates", "zh-hans": "健康证明"}
    )
    restaurant = catalog.save_event(
        "open-restaurant", kind="business", name={"en": "Opening a restaurant"}
    )
    common = {
        "legal_time_limit_days": 20,
        "promised_time_limit_days": 5,
        "channels": [Channel.ONLINE, Channel.ANY_CENTRE],
    }
    food = catalog.create_service(
        "FOOD-BUSINESS-LICENCE",
        name={"en": "Food business licence", "zh-hans": "食品经营许可"},
        description={
            "en": "Permission to sell or serve food.",
            "zh-hans": "销售或供应食品的许可。",
        },
        audience="company",
        competent_department=market,
        fee_amount=0,
        events=[restaurant],
        requirements=[
            RequirementSpec(id_card),
            RequirementSpec(
                health,
                condition='"cooked" in foods',
                condition_text={"en": "If you sell cooked food", "zh-hans": "销售熟食的"},
                mandatory=False,
                tolerated_days=30,
            ),
        ],
        **common,
    )
    catalog.publish(food)
    for n in range(3):
        other = catalog.create_service(
            f"RESIDENCE-{n}",
            name={"en": f"Residence permit, case {n}", "zh-hans": f"居住证{n}"},
            audience="person",
            competent_department=police,
            requirements=[RequirementSpec(id_card)],
            visits=0,
            **common,
        )
        catalog.publish(other)


def search_for(page: Page, words: str, language: str = "en") -> None:
    page.get_by_label(in_language(language, "Search for a service")).fill(words)
    page.get_by_role("button", name=in_language(language, "Search"), exact=True).click()


def test_search_in_english_with_a_typo_and_open_the_service(
    page: Page, live_server, axe, catalogue
):
    page.goto(f"{live_server.url}/services/")
    axe.assert_clean(page, "/services/ (browsing)")
    search_for(page, "food licnce")
    result = page.get_by_role("link", name="Food business licence")
    expect(result).to_be_visible()
    axe.assert_clean(page, "/services/ with search results")

    result.click()
    expect(page.locator("h1")).to_have_text("Food business licence")
    documents = page.get_by_role("table", name=english("Documents you need"))
    expect(documents).to_contain_text("If you sell cooked food")
    expect(documents).not_to_contain_text('"cooked" in foods')
    ld = json.loads(page.locator('script[type="application/ld+json"]').text_content())
    assert ld["@type"] == "GovernmentService" and ld["name"] == "Food business licence"
    axe.assert_clean(page, "a service page")


def test_search_in_chinese_without_spaces(page: Page, live_server, axe, catalogue):
    page.context.add_cookies(
        [{"name": "django_language", "value": "zh-hans", "url": live_server.url}]
    )
    page.goto(f"{live_server.url}/services/")
    expect(page.locator("html")).to_have_attribute("lang", "zh-hans")
    search_for(page, "食品经营", "zh-hans")
    result = page.get_by_role("link", name="食品经营许可")
    expect(result).to_be_visible()
    expect(page.get_by_role("link", name="居住证0")).to_have_count(0)
    axe.assert_clean(page, "/services/ in Chinese with results")
    result.click()
    expect(page.locator("h1")).to_have_text("食品经营许可")
    expect(page.get_by_text("销售熟食的")).to_be_visible()
    axe.assert_clean(page, "a service page in Chinese")


@pytest.mark.browser_context_args(java_script_enabled=False)
def test_filters_work_without_javascript(page: Page, live_server, catalogue):
    page.goto(f"{live_server.url}/services/")
    page.get_by_label(english("Department")).select_option("POLICE")
    page.get_by_label(english("Can be done fully online"), exact=False).check()
    page.get_by_role("button", name=english("Search"), exact=True).click()
    expect(page.get_by_role("heading", name="3 services found")).to_be_visible()
    expect(page.get_by_role("link", name="Food business licence")).to_have_count(0)


def test_the_service_page_keeps_the_strict_policy(browser, live_server, catalogue):
    context = browser.new_context(bypass_csp=False)
    try:
        page = context.new_page()
        errors: list[str] = []
        page.on(
            "console", lambda m: errors.append(m.text) if "Content Security" in m.text else None
        )
        for path in ("/services/?q=food", "/services/FOOD-BUSINESS-LICENCE/"):
            assert page.goto(f"{live_server.url}{path}").status == 200
            page.wait_for_load_state("load")
        assert errors == []
    finally:
        context.close()
