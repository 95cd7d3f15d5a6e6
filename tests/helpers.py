"""Small helpers the tests share (fixtures live in conftest.py)."""

from __future__ import annotations

from contextlib import contextmanager

from django.db import connection as default_connection
from django_otp.oath import TOTP
from django_otp.plugins.otp_totp.models import TOTPDevice

PASSWORD = "correct horse battery staple"


def current_totp(user) -> str:
    """The code the user's authenticator app shows right now."""
    device = TOTPDevice.objects.get(user=user, confirmed=True)
    totp = TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift)
    return f"{totp.token():0{device.digits}d}"


def wrong_code(user) -> str:
    """A six-digit code the device accepts at no step of its tolerance window."""
    device = TOTPDevice.objects.get(user=user, confirmed=True)
    window = range(device.drift - device.tolerance - 1, device.drift + device.tolerance + 2)
    accepted = {
        f"{TOTP(device.bin_key, device.step, device.t0, device.digits, drift).token():06d}"
        for drift in window
    }
    return next(f"{n:06d}" for n in range(123456, 1_000_000, 111111) if f"{n:06d}" not in accepted)


AUDIT_TABLES = ("audit_auditevent", "audit_personaldataaccess")


@contextmanager
def audit_triggers_suspended(connection=default_connection, tables=AUDIT_TABLES):
    """Lift the append-only triggers, as someone with DDL rights could (tests only)."""
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            for table in tables:
                cursor.execute(f"ALTER TABLE {table} DISABLE TRIGGER USER")
        else:
            placeholders = ",".join(["%s"] * len(tables))
            cursor.execute(
                "SELECT name, sql FROM sqlite_master WHERE type='trigger' "
                f"AND tbl_name IN ({placeholders})",
                list(tables),
            )
            saved = cursor.fetchall()
            for name, _sql in saved:
                cursor.execute(f"DROP TRIGGER {name}")
    try:
        yield
    finally:
        with connection.cursor() as cursor:
            if connection.vendor == "postgresql":
                for table in tables:
                    cursor.execute(f"ALTER TABLE {table} ENABLE TRIGGER USER")
            else:
                for _name, sql in saved:
                    cursor.execute(sql)
