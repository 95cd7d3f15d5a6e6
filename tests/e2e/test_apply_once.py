"""Apply once, in a real browser, from the guide's outcome to the certificate and its readers.

A citizen answers a guide whose outcome is two services (the food licence, reviewed by the
market bureau and the fire brigade, and the fire inspection); applies for both in one form; the
data hub attaches the staff health certificates the Health Commission issued; the lease is
uploaded; a clerk accepts with the floor plan's absence tolerated and the citizen hands it in
later; a reviewer of each department opens a document and approves, in parallel; the
certificate comes out sealed; its printed code verifies at /verify; and "My data" names both
departments that read the citizen's records.
"""

from __future__ import annotations

import io
import re
from pathlib import Path

import pytest
from playwright.sync_api import Browser, BrowserContext, Page, expect
from pypdf import PdfReader, PdfWriter

from guichet.accounts import services as accounts
from guichet.accounts.roles import Role
from guichet.cases.models import Case, Material
from guichet.datahub.models import Credential
from guichet.guidance import services as guidance

from .support import english

FOOD, FIRE = "FOOD-BUSINESS-LICENCE", "FIRE-SAFETY-INSPECTION"
WORK = "/applications/work"
DEPARTMENT_NAMES = {"MKT": "Market Regulation Bureau", "FIRE": "Fire and Rescue Detachment"}

# One question; a "yes" leads to both services (the smallest funnel with a bundle outcome).
RESTAURANT = {
    "slug": "open-a-restaurant",
    "title": {"en": "Opening a restaurant"},
    "start": "cooking",
    "audience": "person",
    "questions": [
        {
            "key": "cooking",
            "kind": "yes_no",
            "text": {"en": "Will you cook food on the premises?"},
            "next": "end",
        }
    ],
    "results": [
        {"when": "cooking", "service": FOOD},
        {"when": "cooking", "service": FIRE},
    ],
}


@pytest.fixture
def restaurant_guide(world):
    return guidance.import_flow(RESTAURANT, publish_now=True)


@pytest.fixture
def lease_pdf(tmp_path: Path) -> Path:
    writer = PdfWriter()
    writer.add_blank_page(width=595, height=842)
    buffer = io.BytesIO()
    writer.write(buffer)
    path = tmp_path / "lease contract.pdf"
    path.write_bytes(buffer.getvalue())
    return path


def staff_member(make_user, role: Role, code: str, name: str):
    """A staff user of one organisation, named as the applicant will read it."""
    user = make_user(role)
    user.memberships.all().delete()
    accounts.grant_membership(user, role=role, organisation_code=code, organisation_name=name)
    return user


def new_context(browser: Browser) -> BrowserContext:
    # Like the `page` fixture's context: CSP bypassed so axe-core can be injected.
    context = browser.new_context(bypass_csp=True, locale="en-GB")
    context.set_default_timeout(10_000)
    return context


def click(page: Page, name: str) -> None:
    page.get_by_role("button", name=english(name), exact=True).click()


# --- The citizen's part ------------------------------------------------------------------


def apply_from_the_guide(page: Page, base: str, axe, lease: Path) -> str:
    page.goto(f"{base}/guide/open-a-restaurant/")
    page.get_by_label(english("Yes"), exact=True).check()
    click(page, "Continue")
    expect(page).to_have_url(re.compile(r"/guide/open-a-restaurant/sheet/\?cooking=yes"))
    click(page, "Apply for all of these")

    expect(page).to_have_url(re.compile(r"/applications/new/\?service=FOOD"))
    expect(page.locator("#chosen-title")).to_contain_text("2")
    expect(page.get_by_text("Opening a restaurant")).to_be_visible()
    axe.assert_clean(page, "the start page")
    expect(page.get_by_label("Myself: Li Wei")).to_be_checked()  # the only party
    click(page, "Start the application")

    # Step 1: the data asked once, prefilled from the hub.
    expect(page).to_have_url(re.compile(r"/edit/\?step=details$"))
    number = re.search(r"/applications/([^/]+)/edit/", page.url).group(1)
    expect(page.locator("[aria-current=step]")).to_have_text(english("Your details"))
    expect(page.get_by_label(english("Address"), exact=True)).to_have_value(
        "100 Changde Road, Jing'an"
    )
    axe.assert_clean(page, "the details step")
    page.get_by_label(english("Phone number")).fill("13800000000")
    click(page, "Save and continue")

    # Step 2: the hub found the Health Commission's certificate; the lease is uploaded.
    expect(page).to_have_url(re.compile(r"step=documents$"))
    consent = page.locator("#consent-title").locator("..")
    expect(consent).to_contain_text("From Health Commission: certificate")
    axe.assert_clean(page, "the documents step")
    click(page, "Use these records")
    expect(consent).to_contain_text("You agreed to the use of these records")
    lease_section = page.locator("#doc-lease-contract")
    expect(lease_section).to_contain_text("Food Business Licence, Fire Safety Inspection")
    lease_section.get_by_label(english("Upload the document")).set_input_files(lease)
    lease_section.get_by_role("button", name=english("Upload"), exact=True).click()
    expect(page.locator("#doc-lease-contract")).to_contain_text("Uploaded: lease contract.pdf")
    click(page, "Continue")

    # Step 3: the floor plan may follow after acceptance; submit.
    expect(page).to_have_url(re.compile(r"step=review$"))
    expect(page.locator("#gaps-title").locator("..")).to_contain_text("Floor plan")
    axe.assert_clean(page, "the review step")
    click(page, "Submit the application")

    expect(page).to_have_url(re.compile(rf"/applications/{number}/$"))
    expect(page.locator(".timeline")).to_contain_text(english("The application was submitted."))
    axe.assert_clean(page, "the application page (submitted)")
    return number


# --- The staff's part --------------------------------------------------------------------


def accept_with_the_floor_plan_tolerated(page: Page, base: str, axe, number: str) -> None:
    page.goto(f"{base}{WORK}/acceptance/")
    page.get_by_role("link", name=number).click()
    expect(page.locator("h1")).to_contain_text(number)
    axe.assert_clean(page, "the acceptance page")
    tolerate = page.get_by_label(english("Tolerate its absence"))
    expect(tolerate).to_have_count(1)  # only the floor plan may follow
    tolerate.check()
    click(page, "Accept the application")
    expect(page).to_have_url(re.compile(rf"{WORK}/acceptance/$"))
    expect(page.locator(".notices")).to_contain_text(number)


def open_task(page: Page, base: str, number: str, service: str) -> None:
    page.goto(f"{base}{WORK}/inbox/")
    row = page.get_by_role("row").filter(has_text=service)
    row.get_by_role("link", name=number).click()
    expect(page.locator("h1")).to_contain_text(number)
    expect(page.locator(".lead")).to_have_text(service)


def approve(page: Page) -> None:
    page.get_by_label(english("Approve"), exact=True).check()
    click(page, "Record the decision")
    expect(page).to_have_url(re.compile(rf"{WORK}/inbox/$"))


# --- The journey -------------------------------------------------------------------------


def test_apply_once_from_the_guide_to_a_verified_certificate_and_who_read_the_data(
    page: Page,
    browser: Browser,
    live_server,
    log_in,
    axe,
    world,
    restaurant_guide,
    make_user,
    lease_pdf,
    tmp_path,
):
    base = live_server.url
    clerk = staff_member(make_user, Role.WINDOW_CLERK, "C01", "Jing'an service centre")
    reviewers = {
        code: staff_member(make_user, Role.DEPARTMENT_REVIEWER, code, name)
        for code, name in DEPARTMENT_NAMES.items()
    }

    page.set_default_timeout(10_000)
    log_in(page, world.citizen)
    number = apply_from_the_guide(page, base, axe, lease_pdf)
    case = Case.objects.get(number=number)
    assert case.state == Case.State.SUBMITTED
    assert [i.service_version.service.code for i in case.items.order_by("position")] == [FOOD, FIRE]
    reused = Material.objects.get(item__case=case, evidence_type__code="staff-health-certs")
    assert reused.source == Material.Source.CREDENTIAL
    assert reused.credential == world.health_certificate  # issued by HEALTH, not a reviewer

    contexts = [new_context(browser) for _ in range(3)]
    try:
        clerk_page, mkt_page, fire_page = (context.new_page() for context in contexts)
        log_in(clerk_page, clerk)
        accept_with_the_floor_plan_tolerated(clerk_page, base, axe, number)
        case.refresh_from_db()
        assert case.state == Case.State.IN_REVIEW
        # The citizen is told which document may still follow, and until when.
        page.goto(f"{base}/applications/{number}/")
        awaited = page.locator("#awaited-title").locator("..")
        expect(awaited).to_contain_text("Floor plan")
        expect(awaited).to_contain_text("Hand it in by")
        # Approval waits for it: the citizen hands the floor plan in from the same page.
        page.set_input_files("#supply-floor-plan", lease_pdf)
        awaited.get_by_role("button", name=english("Upload")).click()
        expect(page.locator("#awaited-title")).to_have_count(0)

        # Both departments work at the same time: each opens its task and a document.
        log_in(mkt_page, reviewers["MKT"])
        log_in(fire_page, reviewers["FIRE"])
        open_task(mkt_page, base, number, "Food Business Licence")
        open_task(fire_page, base, number, "Food Business Licence")
        axe.assert_clean(mkt_page, "the review task page")
        axe.assert_clean(fire_page, "the review task page of a collaborating department")

        lease_link = mkt_page.get_by_role("link", name=f"Open {english('Lease contract')}")
        with mkt_page.expect_response(re.compile(r"/materials/\d+/$")) as opened:
            lease_link.first.click()  # Chromium shows the PDF in its viewer
        assert opened.value.ok
        assert opened.value.header_value("content-type") == "application/pdf"
        mkt_page.go_back()

        fire_page.get_by_role("link", name="Open Staff health certificates").first.click()
        expect(fire_page.locator("dl").first).to_contain_text(world.health_certificate.number)
        axe.assert_clean(fire_page, "a reused certificate opened by a reviewer")
        fire_page.go_back()

        approve(mkt_page)
        approve(fire_page)  # the fire brigade's part of the food licence
        open_task(fire_page, base, number, "Fire Safety Inspection")  # and its own
        approve(fire_page)
    finally:
        for context in contexts:
            context.close()

    case.refresh_from_db()
    assert case.state == Case.State.ISSUED
    food = case.items.get(position=1)
    certificate = Credential.objects.get(number=food.credential_number)

    # The application shows both departments' approval, the issue, and the certificate.
    page.goto(f"{base}/applications/{number}/")
    food_card = page.locator("section.card").filter(has_text="Food Business Licence")
    expect(food_card).to_contain_text("Market Regulation Bureau (Approved)")
    expect(food_card).to_contain_text("Fire and Rescue Detachment (Approved)")
    expect(food_card.get_by_role("link")).to_contain_text(certificate.number)
    expect(page.locator(".timeline")).to_contain_text(english("The certificates were issued."))
    axe.assert_clean(page, "the application page (issued)")

    # The citizen downloads the certificate from "My documents".
    page.goto(f"{base}/my/documents/")
    expect(page.get_by_role("row", name=re.compile(certificate.number))).to_be_visible()
    axe.assert_clean(page, "my documents and certificates")
    download = page.get_by_role("link", name=f"Download {certificate.number}")
    pdf = page.context.request.get(f"{base}{download.get_attribute('href')}")
    assert pdf.ok and pdf.body().startswith(b"%PDF")
    target = tmp_path / f"{certificate.number}.pdf"
    target.write_bytes(pdf.body())
    text = "".join(p.extract_text() for p in PdfReader(target).pages)
    assert certificate.number in text
    # The code printed under the QR, broken over lines (base45: digits, capitals, " $%*+-./:").
    printed = re.search(r"GC1:[0-9A-Z $%*+\-./:]*(?:\n[0-9A-Z $%*+\-./:]+$)*", text, re.M)
    code = "".join(printed.group(0).splitlines())
    assert code == certificate.seal

    # Anyone checks the printed code at /verify.
    page.goto(f"{base}/verify")
    page.get_by_label(english("Certificate code")).fill(code)
    click(page, "Check")
    expect(page.get_by_role("status")).to_contain_text("This certificate is genuine and valid.")
    expect(page.get_by_role("status")).to_contain_text(certificate.number)
    axe.assert_clean(page, "the verification page")

    # "Who used my data" names both departments that read the citizen's records.
    page.goto(f"{base}/my/data/")
    table = page.get_by_role("table")
    for name in DEPARTMENT_NAMES.values():
        expect(table).to_contain_text(name)
    expect(table).to_contain_text(number)
    expect(table).to_contain_text("Document: Lease contract")  # what was read, in words
    expect(table).to_contain_text("Certificate: Staff health certificates")
    axe.assert_clean(page, "my data")

    # The pages of the journey keep to the strict Content-Security-Policy (no bypass here).
    strict = browser.new_context(locale="en-GB")
    try:
        citizen = log_in(strict.new_page(), world.citizen)
        errors: list[str] = []
        citizen.on(
            "console", lambda m: errors.append(m.text) if "Content Security" in m.text else None
        )
        for path in [f"/applications/{number}/", "/applications/", "/my/documents/", "/my/data/"]:
            citizen.goto(f"{base}{path}")
            citizen.wait_for_load_state("load")
        assert errors == []
    finally:
        strict.close()
