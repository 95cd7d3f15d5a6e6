"""The funnel's pages: a question at a time, a tampered link never fails, the sheet and its PDF."""

from __future__ import annotations

import io
import re

import pytest
from django.http import QueryDict
from pypdf import PdfReader

from guichet.accounts.roles import Role
from guichet.guidance import engine, outcome, paths

SMALL = "size=small&sales=retail&foods=bulk&sells_drugs=yes&devices=class2"
EVERYTHING = (
    "size=large&sales=wholesale&sales=retail&sales=own_manufacture&foods=prepackaged"
    "&foods=bulk&foods=cooked&foods=infant_formula&foods=health_food&sells_drugs=yes"
    "&devices=class3"
)


def text_of(response) -> str:
    return re.sub(r"\s+", " ", response.content.decode())


def test_the_guide_lists_the_published_flows(client, supermarket, toy_flow):
    page = text_of(client.get("/guide/"))
    assert "Opening a supermarket" in page and "Opening a toy shop" in page


def test_the_first_question_comes_first(client, supermarket):
    response = client.get("/guide/supermarket/")
    assert response.status_code == 200
    page = text_of(response)
    assert "How big will the shop be?" in page and 'name="size"' in page


def test_a_bookmarked_step_shows_the_next_question_and_the_answers_with_change_links(
    client, supermarket
):
    page = text_of(client.get("/guide/supermarket/?size=small&sales=retail&sales=wholesale"))
    assert "Which foods will you sell?" in page
    # Earlier answers travel in the form, and each has a link that drops it and what follows.
    assert '<input type="hidden" name="sales" value="wholesale">' in page
    assert 'href="/guide/supermarket/?size=small">Change' in page
    assert 'href="/guide/supermarket/">Change' in page


@pytest.mark.parametrize(
    "query",
    [
        "size=gigantic",
        "size=small&sales=retail&foods=bulk&sells_drugs=maybe",
        "size=small&size=large",
        "size=small&sales=retail&foods=%00&devices=none",
        "size=" + "x" * 5000,
        "size=small&sales=retail&foods=bulk&sells_drugs=yes&devices=class9&size=large",
    ],
)
def test_a_tampered_link_restarts_at_the_first_invalid_answer_with_a_message(
    client, supermarket, query
):
    response = client.get(f"/guide/supermarket/?{query}")
    assert response.status_code == 200
    page = text_of(response)
    assert "There is a problem" in page and 'role="alert"' in page


def test_an_answer_off_the_path_is_left_out_and_said(client, toy_flow):
    response = client.get("/guide/toy/?kind=drinks&foods=bulk")
    page = text_of(response)
    assert "Floor area?" in page and "do not apply to your situation" in page


def test_a_finished_walk_goes_to_the_sheet_with_its_canonical_address(client, supermarket):
    response = client.get(
        "/guide/supermarket/?devices=class2&sells_drugs=yes&foods=bulk&sales=retail&size=small"
    )
    assert response.status_code == 302
    assert response["Location"] == f"/guide/supermarket/sheet/?{SMALL}"


def test_the_sheet_lists_the_procedures_in_order_with_their_documents(client, supermarket):
    page = text_of(client.get(f"/guide/supermarket/sheet/?{SMALL}"))
    names = [
        "Company registration",
        "Food business licence",
        "Drug retail licence",
        "Class II medical devices filing",
    ]
    positions = [page.index(f". {name}</h2>") for name in names]
    assert positions == sorted(positions)
    assert "Staff health certificates" in page
    assert "download>Download the sheet to print (PDF)" in page
    assert '<svg role="img" aria-label="QR code' in page


def test_a_sheet_without_all_answers_goes_back_to_the_questions(client, supermarket):
    response = client.get("/guide/supermarket/sheet/?size=small")
    assert response.status_code == 302
    assert response["Location"] == "/guide/supermarket/?size=small"
    assert client.get("/guide/supermarket/sheet.pdf?size=small").status_code == 302


def test_an_unknown_or_unpublished_guide_is_not_found(client, db):
    assert client.get("/guide/no-such-guide/").status_code == 404
    assert client.get("/guide/no-such-guide/sheet.pdf").status_code == 404


def pdf(client, query: str, language: str = "en") -> tuple[int, str]:
    response = client.get(f"/guide/supermarket/sheet.pdf?{query}", HTTP_ACCEPT_LANGUAGE=language)
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    reader = PdfReader(io.BytesIO(response.content))
    return len(reader.pages), re.sub(r"\s+", " ", " ".join(p.extract_text() for p in reader.pages))


def _heaviest_and_lightest(flow) -> list[str]:
    definition = flow.compiled()
    catalogue = outcome.Catalogue.for_flow(definition)
    weight = {}
    for path in paths.enumerate_paths(definition):
        result = outcome.build(definition, path.context, catalogue)
        lines = len(result.services) + len(result.checklist) + 2 * len(result.notes)
        weight[path.query] = lines + sum(len(s.documents) for s in result.services) / 4
    ordered = sorted(weight, key=weight.get)
    return [ordered[-1], ordered[0], ordered[len(ordered) // 2]]


def test_the_sheet_pdf_is_one_page_listing_the_licences(client, supermarket):
    for query in [EVERYTHING, SMALL, *_heaviest_and_lightest(supermarket)]:
        walk = engine.walk(supermarket.compiled(), QueryDict(query))
        expected = outcome.build(walk.definition, walk.context)
        pages, text = pdf(client, query)
        assert pages == 1, query
        for service in expected.services:
            assert service.name in text, (service.name, query)


def test_the_sheet_pdf_follows_the_page_language(client, supermarket):
    pages, text = pdf(client, EVERYTHING, "zh-hans")
    assert pages == 1
    assert "开办超市" in text and "食品经营许可" in text and "药品批发许可" in text


def test_the_declaration_is_prefilled_for_a_logged_in_representative(
    client, supermarket, make_user, login_client
):
    user = make_user(Role.BUSINESS_REPRESENTATIVE, phone="+8613800000000")
    user.full_name = "Li Na"
    user.save(update_fields=["full_name"])
    login_client(user)
    _pages, text = pdf(client, SMALL)
    assert "Li Na" in text and "+8613800000000" in text
    assert "Test Company" in text and "91310106MA1FY5XK2J" in text


def test_the_heaviest_supermarket_sheet_fits_one_page_with_the_demo_catalogue(client, db):
    from guichet.demo import flows as demo_flows
    from guichet.demo.flows import stand_in
    from guichet.guidance import services

    stand_in.load_demo_catalogue()
    services.import_flow(demo_flows.document("supermarket"), publish_now=True)
    for language in ("en", "zh-hans", "th"):
        pages, text = pdf(client, EVERYTHING, language)
        assert pages == 1, language
