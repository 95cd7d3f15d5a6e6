"""Browser tests: real pages in Debian's Chromium through Playwright, against a live server.

Chromium comes from ``GUICHET_CHROMIUM`` (default ``/usr/bin/chromium``); no browser is ever
downloaded. Without it every test here is skipped, loudly. Accessibility checks use axe-core
from ``node_modules`` (``npm ci``).
"""

from __future__ import annotations

import os

# Playwright's sync API runs an event loop in this thread; without this, Django's ORM calls
# made by the tests themselves (creating users, reading codes) raise SynchronousOnlyOperation.
os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"

import re  # noqa: E402
from pathlib import Path  # noqa: E402

import pytest  # noqa: E402
from playwright.sync_api import Page, expect  # noqa: E402

from guichet.accounts import services as accounts  # noqa: E402
from tests.helpers import PASSWORD, current_totp  # noqa: E402

from .support import english, path_of  # noqa: E402

E2E_DIR = Path(__file__).resolve().parent
REPO_ROOT = E2E_DIR.parent.parent
AXE_JS = REPO_ROOT / "node_modules" / "axe-core" / "axe.min.js"

CHROMIUM = os.environ.get("GUICHET_CHROMIUM", "/usr/bin/chromium")
HAVE_CHROMIUM = Path(CHROMIUM).is_file()
SKIP_REASON = (
    f"Chromium not found at {CHROMIUM}: browser tests SKIPPED "
    "(install Debian's chromium or set GUICHET_CHROMIUM)"
)
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]

_skipped_for_missing_chromium = 0


# --- Collection: every test here is a browser test; skipped loudly without Chromium --------


def pytest_collection_modifyitems(config, items):
    global _skipped_for_missing_chromium
    for item in items:
        if E2E_DIR not in Path(str(item.path)).resolve().parents:
            continue
        item.add_marker(pytest.mark.browser)
        if not HAVE_CHROMIUM:
            item.add_marker(pytest.mark.skip(reason=SKIP_REASON))
            _skipped_for_missing_chromium += 1


def pytest_terminal_summary(terminalreporter, exitstatus, config):
    if _skipped_for_missing_chromium:
        terminalreporter.write_sep(
            "!", f"{SKIP_REASON}: {_skipped_for_missing_chromium} tests", red=True, bold=True
        )


# --- Browser: Debian's Chromium, one per session ------------------------------------------


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    return {
        **browser_type_launch_args,
        "executable_path": CHROMIUM,
        "args": CHROMIUM_ARGS,
        "headless": True,
    }


@pytest.fixture(scope="session")
def browser_context_args(browser_context_args):
    # The site's Content-Security-Policy (script-src 'self') blocks the inline <script> that
    # page.add_script_tag() creates for axe-core, so contexts bypass CSP.
    return {**browser_context_args, "bypass_csp": True}


@pytest.fixture(autouse=True)
def _expect_timeout():
    expect.set_options(timeout=10_000)


# --- Helpers ------------------------------------------------------------------------------


@pytest.fixture
def log_in(live_server):
    """Log a user in through the login page; staff also enter their current code."""

    def login(page: Page, user, *, second_factor: bool = True) -> Page:
        page.goto(f"{live_server.url}/accounts/login/")
        page.get_by_label(english("E-mail address or phone number")).fill(user.email)
        page.get_by_label(english("Password"), exact=True).fill(PASSWORD)
        page.get_by_role("button", name=english("Log in"), exact=True).click()
        if accounts.needs_second_factor(user):
            expect(page).to_have_url(re.compile(r"/accounts/second-factor/"))
            if second_factor:
                page.get_by_label(english("Six-digit code from your authenticator app")).fill(
                    current_totp(user)
                )
                page.get_by_role("button", name=english("Continue"), exact=True).click()
                expect(page).not_to_have_url(re.compile(r"/accounts/"))
        else:
            expect(page).not_to_have_url(re.compile(r"/accounts/login/"))
        return page

    return login


class Axe:
    """Runs axe-core in a page and reports serious and critical violations."""

    IMPACTS = ("serious", "critical")
    TARGETS_SHOWN = 5

    def violations(self, page: Page) -> list[dict]:
        if not AXE_JS.is_file():
            pytest.fail(f"axe-core not found at {AXE_JS}: run `npm ci` in the repository root")
        if not page.evaluate("() => typeof window.axe !== 'undefined'"):
            page.add_script_tag(path=str(AXE_JS))
        results = page.evaluate("async () => await axe.run()")
        return [v for v in results["violations"] if v.get("impact") in self.IMPACTS]

    def report(self, violations: list[dict]) -> str:
        lines = []
        for v in violations:
            targets = [
                " ".join(t) if isinstance(t, list) else str(t)
                for node in v["nodes"]
                for t in node["target"]
            ]
            shown = ", ".join(targets[: self.TARGETS_SHOWN])
            if len(targets) > self.TARGETS_SHOWN:
                shown += f" (+{len(targets) - self.TARGETS_SHOWN} more)"
            checks = v["nodes"][0].get("any") or v["nodes"][0].get("all") or [{}]
            detail = checks[0].get("message", "")
            lines.append(
                f"  - {v['id']} [{v['impact']}]: {v['help']} ({v.get('helpUrl', '')})\n"
                f"      on {shown}" + (f"\n      first: {detail}" if detail else "")
            )
        return "\n".join(lines)

    def assert_clean(self, page: Page, where: str = "") -> None:
        found = self.violations(page)
        where = where or path_of(page)
        assert not [v["id"] for v in found], (
            f"axe found {len(found)} serious/critical accessibility violation(s) on {where}:\n"
            + self.report(found)
        )


@pytest.fixture
def axe() -> Axe:
    return Axe()
