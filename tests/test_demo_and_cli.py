"""The demo city loads idempotently; the command line is a front for manage.py."""

from __future__ import annotations

import pytest
from django.apps import apps
from django.core.management import call_command

from guichet.__main__ import main
from guichet.accounts.roles import Role


def _row_counts() -> dict[str, int]:
    return {
        m._meta.label: m.objects.count()
        for m in apps.get_models()
        if m._meta.app_label in {"accounts", "audit", "notify", "otp_totp"}
    }


def test_demo_city_has_one_login_per_role_and_loading_twice_changes_nothing(db, capsys):
    call_command("demo")
    printed = capsys.readouterr().out
    for role in Role:
        assert str(role.label) in printed
    first = _row_counts()
    call_command("demo")
    assert _row_counts() == first
    # One login per role; the hotline's generated community workers and desk managers have
    # no password and live under their own sub-domains.
    User = apps.get_model("accounts", "User")
    assert User.objects.filter(email__endswith="@demo.example").count() == len(Role)
    assert User.objects.filter(email__endswith="@workers.demo.example").count() > 2000


def test_hyphenated_commands_reach_their_management_command(db, capsys):
    # The command closes the connection when it ends (as manage.py does): keep it last.
    main(["guichet", "check-audit"])
    assert "Audit chain intact" in capsys.readouterr().out


def test_serve_command_documents_its_options(capsys):
    with pytest.raises(SystemExit):
        main(["guichet", "serve", "--help"])
    help_text = capsys.readouterr().out
    assert "--workers" in help_text and "--port" in help_text
