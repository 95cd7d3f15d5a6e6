"""The second factor of staff logins: an authenticator app (TOTP), enrolled on first use."""

from __future__ import annotations

from base64 import b32encode

import segno
from django.conf import settings
from django.db import transaction
from django.utils.translation import gettext as _
from django_otp.oath import TOTP
from django_otp.plugins.otp_totp.models import TOTPDevice

from guichet.audit import services as audit


def device_for(user) -> tuple[TOTPDevice, bool]:
    """The user's confirmed device, or the one being enrolled (made on first need)."""
    device = TOTPDevice.objects.filter(user=user, confirmed=True).first()
    if device is not None:
        return device, False
    device = TOTPDevice.objects.filter(user=user, confirmed=False).first()
    return device or TOTPDevice.objects.create(
        user=user, name=_("Authenticator app"), confirmed=False
    ), True


@transaction.atomic
def prove(user, device: TOTPDevice, token: str) -> bool:
    """Check a code (django-otp throttles repeated failures); a first success enrols."""
    allowed, _details = device.verify_is_allowed()
    if not (allowed and device.verify_token(token.strip())):
        return False
    if not device.confirmed:
        device.confirmed = True
        device.save(update_fields=["confirmed"])
        audit.record(action="account.second_factor_enrolled", actor=user, target=user)
    return True


def provisioning(device: TOTPDevice) -> dict[str, str]:
    """What an authenticator app needs: a QR code (inline SVG) and the key to type."""
    qr = segno.make(device.config_url, error="m")
    return {
        "qr_svg": qr.svg_data_uri(scale=4, border=2),
        "secret": b32encode(device.bin_key).decode(),
    }


def demo_code(device: TOTPDevice) -> str | None:
    """The current code of a demo account, shown only in demo mode."""
    if not (settings.DEMO_HINTS and device.user.is_demo):
        return None
    totp = TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift)
    return f"{totp.token():0{device.digits}d}"
