"""English and Simplified Chinese are complete; so are French and Thai (every page so far)."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from babel.messages.pofile import read_po

LOCALE = Path(__file__).resolve().parent.parent / "src" / "guichet" / "locale"
PLACEHOLDER = re.compile(r"%\(\w+\)[sd]|%[sd]")


def catalogue(language: str):
    with (LOCALE / language / "LC_MESSAGES" / "django.po").open("rb") as handle:
        return read_po(handle)


@pytest.mark.parametrize("language", ["zh_Hans", "fr", "th"])
def test_every_message_is_translated_and_keeps_its_placeholders(language):
    missing, broken = [], []
    for message in catalogue(language):
        if not message.id:
            continue
        ids = message.id if isinstance(message.id, tuple) else (message.id,)
        strings = message.string if isinstance(message.string, tuple) else (message.string,)
        if message.fuzzy or not all(strings):
            missing.append(ids[0])
            continue
        wanted = set(PLACEHOLDER.findall(ids[-1]))
        if any(set(PLACEHOLDER.findall(s)) != wanted for s in strings if wanted or s):
            broken.append(ids[0])
    assert missing == [], f"{language}: untranslated or fuzzy: {missing[:10]}"
    assert broken == [], f"{language}: placeholders differ: {broken[:10]}"


EXTRACT = """
import django, sys
django.setup()
from django.conf import settings
from django.core.management import call_command
settings.LOCALE_PATHS = [sys.argv[1]]
call_command("makemessages", locale=["fr"], no_location=True, verbosity=0)
"""


@pytest.mark.skipif(shutil.which("xgettext") is None, reason="GNU gettext is not installed")
def test_the_catalogues_hold_every_message_of_the_code(tmp_path):
    """After adding strings, run `make translations` and translate them; this says when."""
    # Extract from a copy of the code, so the real catalogues are never touched.
    source = tmp_path / "src"
    shutil.copytree(
        LOCALE.parent, source, ignore=shutil.ignore_patterns("locale", "__pycache__", "static")
    )
    subprocess.run(
        [sys.executable, "-c", EXTRACT, str(tmp_path / "out")],
        cwd=source,
        check=True,
        capture_output=True,
        timeout=120,
        env={**os.environ, "DJANGO_SETTINGS_MODULE": "guichet.config.settings"},
    )
    with (tmp_path / "out" / "fr" / "LC_MESSAGES" / "django.po").open("rb") as handle:
        in_code = {m.id if isinstance(m.id, str) else m.id[0] for m in read_po(handle) if m.id}
    known = {m.id if isinstance(m.id, str) else m.id[0] for m in catalogue("fr") if m.id}
    assert len(in_code) > 50  # the extraction really read the code
    assert sorted(in_code - known) == []
