"""The supermarket funnel in a real browser, in English and in Chinese, down to the printed sheet.

Every browser test starts from an empty database, so the services and the flow are made here.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect
from pypdf import PdfReader

from guichet.demo import flows as demo_flows
from guichet.demo.flows import stand_in
from guichet.guidance import services

from .support import in_language

SUPERMARKET = demo_flows.document("supermarket")

# What a person picks, by the labels they read, per language.
ANSWERS = {
    "en": [
        ("Small shop (under 200 m²)",),
        ("Retail to the public",),
        ("Bulk food (weighed for the customer)", "Cooked food made in store"),
        (None,),  # yes
        ("Class II devices (thermometers, blood pressure monitors)",),
    ],
    "zh-hans": [
        ("小型门店（200平方米以下）",),
        ("零售",),
        ("散装食品", "现场制售熟食"),
        (None,),
        ("第二类医疗器械（体温计、血压计等）",),
    ],
}
EXPECTED = {
    "en": ["Food business licence", "Drug retail licence", "Class II medical devices filing"],
    "zh-hans": ["食品经营许可", "药品零售许可", "第二类医疗器械经营备案"],
}


@pytest.fixture
def supermarket(transactional_db):
    codes = {r["service"] for r in SUPERMARKET["results"] if r.get("service")}
    stand_in.ensure_catalogue(codes)
    return services.import_flow(SUPERMARKET, publish_now=True)


def answer(page: Page, language: str, labels: tuple) -> None:
    for label in labels:
        name = in_language(language, "Yes") if label is None else label
        page.get_by_label(name, exact=True).check()
    page.get_by_role("button", name=in_language(language, "Continue"), exact=True).click()


def walk_to_the_sheet(page: Page, live_server, language: str, axe) -> None:
    page.goto(f"{live_server.url}/guide/supermarket/")
    expect(page.locator("html")).to_have_attribute("lang", language)
    axe.assert_clean(page, f"the first question ({language})")
    for number, labels in enumerate(ANSWERS[language]):
        answer(page, language, labels)
        if number == 1:  # the address holds the answers so far: it can be bookmarked
            expect(page).to_have_url(re.compile(r"size=small.*sales=retail"))
    expect(page).to_have_url(re.compile(r"/guide/supermarket/sheet/\?size=small&"))
    expect(page.locator("h1")).to_have_text(in_language(language, "Your instruction sheet"))
    for name in EXPECTED[language]:
        expect(page.get_by_role("heading", name=re.compile(re.escape(name)))).to_be_visible()
    axe.assert_clean(page, f"the sheet ({language})")


def download_pdf(page: Page, language: str, tmp_path: Path) -> str:
    link = page.get_by_role("link", name=in_language(language, "Download the sheet to print (PDF)"))
    with page.expect_download() as info:
        link.click()
    target = tmp_path / f"sheet-{language}.pdf"
    info.value.save_as(target)
    reader = PdfReader(target)
    assert len(reader.pages) == 1
    return re.sub(r"\s+", "", reader.pages[0].extract_text())


@pytest.mark.browser_context_args(locale="en-GB")
def test_the_supermarket_funnel_in_english_ends_on_a_one_page_sheet(
    page: Page, live_server, axe, supermarket, tmp_path
):
    walk_to_the_sheet(page, live_server, "en", axe)
    text = download_pdf(page, "en", tmp_path)
    for name in EXPECTED["en"]:
        assert name.replace(" ", "") in text
    # Changing an earlier answer drops it and what follows, and asks it again.
    page.get_by_role("link", name=re.compile("Change.*Which foods will you sell")).click()
    expect(page.locator("h1")).to_have_text("Which foods will you sell?")
    expect(page).to_have_url(re.compile(r"\?size=small&sales=retail$"))


@pytest.mark.browser_context_args(locale="zh-CN")
def test_the_supermarket_funnel_in_chinese_ends_on_a_one_page_sheet(
    page: Page, live_server, axe, supermarket, tmp_path
):
    walk_to_the_sheet(page, live_server, "zh-hans", axe)
    text = download_pdf(page, "zh-hans", tmp_path)
    assert "开办超市" in text
    for name in EXPECTED["zh-hans"]:
        assert name in text


def test_a_tampered_link_restarts_at_the_first_invalid_answer(
    page: Page, live_server, axe, supermarket
):
    page.goto(f"{live_server.url}/guide/supermarket/?size=small&sales=barter&foods=bulk")
    expect(page.get_by_role("alert")).to_contain_text("barter")
    expect(page.locator("h1")).to_have_text("How will you sell?")
    axe.assert_clean(page, "a question with an error")
