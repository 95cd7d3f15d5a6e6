"""The platform's seal: a short, signed QR payload anyone can check offline.

A certificate a department issues carries a QR code holding its essential claims, signed with
the platform's current key. Anyone with the platform's published public keys (the JWK Set from
``public_keys_jwks()``) can check it without asking the platform; the online check adds what
a signature cannot say (revoked, suspended, expired).

Format (the same layering as the EU Digital COVID Certificate)::

    "GC1:" + base45( zlib.compress( COSE_Sign1( CBOR claims ), level 9 ) )

1. **Claims**: a CBOR map with integer keys, CWT style (RFC 8392):

   ======== ============================================================================
   key      meaning
   ======== ============================================================================
   1        ``iss``: the issuing platform, ``settings.GUICHET_PUBLIC_BASE_URL``
   4        ``exp``: when the certificate stops being valid (int, seconds since the epoch);
            absent when it does not expire
   6        ``iat``: when the seal was made (int, seconds since the epoch)
   -70000   the certificate itself: a map whose keys the issuing code defines (number,
            type code, holder's name, masked identifier, department code, dates...)
   ======== ============================================================================

   ``seal()`` signs the map its caller gives and only adds ``iss`` and ``iat`` when missing.
2. **COSE_Sign1** (RFC 9052, CBOR tag 18): ``[protected, unprotected, payload, signature]``.
   The protected header is ``{1: -7, 4: kid}`` (alg ES256, the key id as bytes); the
   unprotected header is empty; the signature is ECDSA P-256 / SHA-256 over the
   ``Sig_structure`` ``["Signature1", protected, h'', payload]``, as raw ``r || s`` (64 bytes).
3. **zlib** (level 9), then **base45** (RFC 9285), whose alphabet is exactly the QR code's
   alphanumeric set, so the QR encodes 5.5 bits per character instead of 8; then the prefix
   ``GC1:`` (Guichet certificate, version 1).

Why not a JWS: size. A realistic certificate (number, type code, holder's name in Chinese,
masked identity number, department code, issued and valid-until dates, plus iss/iat/exp)
seals to 334-352 characters, a QR code of version 11 at error correction M (61x61 modules).
The same claims as a compact JWS (short JSON keys, ES256) take 407-427 characters and, being
lower-case base64url, need the QR's byte mode: version 15-16 (77-81 modules), too dense for
a small printed label or a phone with a weak camera. Of a seal, 64 bytes are the signature
and about 30 the framing; version 10 (311 characters) would need the claims some 40 bytes
shorter (e.g. dates as integers, no valid-until beside ``exp``, shorter type codes).

Keys: ES256 (ECDSA P-256). The kid is the start of the key's RFC 7638 thumbprint (6 bytes,
8 base64url characters). Rotation retires the current key (it stops signing) but keeps it
published, so what it sealed still opens. A verifier takes the kid and alg from the protected
header only, and checks nothing else offline: expiry and status are the registry's. Private
keys are stored as PKCS#8 encrypted under ``GUICHET_SIGNING_KEY_SECRET`` or, when that is
empty, a passphrase derived from ``SECRET_KEY``; changing either makes the existing keys
unusable for signing (not for verifying): run ``guichet signing-rotate``.

Note: built with cbor2 and cryptography rather than pycose: pycose 1.1.0 cannot decode
messages under cbor2 6 (tag contents decode as tuples and frozen maps, which it rejects), and
the hand-built version doubles as the reference a third-party verifier can follow.
"""

from __future__ import annotations

import base64
import hashlib
import json
import zlib
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

import base45
import cbor2
import segno
from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.hazmat.primitives.asymmetric.utils import (
    decode_dss_signature,
    encode_dss_signature,
)
from cryptography.hazmat.primitives.kdf.hkdf import HKDF
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.db import connection, transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from guichet.audit import services as audit

from .models import SigningKey

PREFIX = "GC1:"
CLAIM_ISSUER = 1
CLAIM_EXPIRES = 4
CLAIM_ISSUED_AT = 6
CLAIM_CERTIFICATE = -70000

_COSE_SIGN1_TAG = 18
_HEADER_ALG = 1
_HEADER_KID = 4
_ES256 = -7
_COORDINATE_BYTES = 32
# A seal fits in a QR code (4,296 alphanumeric characters at most); anything longer, or
# inflating beyond this, is not one of ours (and would be a zip bomb).
_MAX_SEAL_CHARS = 4_296
_MAX_COSE_BYTES = 16_384
_ES256_JWK = ("EC", "P-256", "ES256")
# One number for the advisory lock that serialises key creation on PostgreSQL.
_KEYS_LOCK_KEY = 7_305_112_346
_PASSPHRASE_INFO = b"guichet.datahub.signing: private key passphrase v1"

PublicKey = ec.EllipticCurvePublicKey


class SealInvalid(Exception):
    """The seal cannot be trusted; ``reason`` says why for code, ``message`` for people."""

    MESSAGES = {
        "malformed": _("This code is not a certificate seal, or it is damaged."),
        "unknown-key": _("This seal was made with a key that is not among the published keys."),
        "bad-signature": _(
            "This seal's signature does not match its content: it may have been altered."
        ),
    }

    def __init__(self, reason: str) -> None:
        if reason not in self.MESSAGES:
            raise ValueError(f"Unknown seal failure {reason!r}.")
        self.reason = reason
        self.message = self.MESSAGES[reason]
        super().__init__(reason)


@dataclass(frozen=True)
class Sealed:
    """What a valid seal says; whether the certificate is still valid is the caller's check."""

    kid: str
    claims: dict
    issued_at: datetime
    expires_at: datetime | None

    @property
    def issuer(self) -> str | None:
        return self.claims.get(CLAIM_ISSUER)

    @property
    def certificate(self) -> Any:
        return self.claims.get(CLAIM_CERTIFICATE)


# --- Keys -----------------------------------------------------------------------------------


def current_key() -> SigningKey:
    """The key that signs now: the newest one not retired, created on first use."""
    key = _newest_active()
    if key is not None:
        return key
    with transaction.atomic():
        _lock_keys()
        # Whoever waited on the lock sees the key the winner committed, and creates none.
        key = _newest_active()
        if key is None:
            key = _create_key()
            audit.record(
                action="signing_key.created",
                target_type="signing_key",
                target_id=key.kid,
                summary={"kid": key.kid, "algorithm": key.algorithm},
            )
    return key


@transaction.atomic
def rotate(*, actor: Any = None) -> SigningKey:
    """Start signing with a new key; the old ones stop signing but keep verifying."""
    _lock_keys()
    key = _create_key()
    active = SigningKey.objects.filter(retired_at__isnull=True).exclude(pk=key.pk)
    retired = sorted(active.values_list("kid", flat=True))
    active.update(retired_at=timezone.now())
    audit.record(
        action="signing_key.rotated",
        actor=actor,
        target_type="signing_key",
        target_id=key.kid,
        summary={"kid": key.kid, "algorithm": key.algorithm, "retired": retired},
    )
    return key


def public_keys_jwks() -> dict:
    """Every key, current and retired, as a JWK Set (RFC 7517) to publish."""
    keys = SigningKey.objects.only("kid", "algorithm", "public_key_pem")
    return {"keys": [_jwk(key.kid, _public_key(key)) for key in keys]}


def _newest_active() -> SigningKey | None:
    # The model's ordering (-created_at, -id) makes "newest" deterministic even on a tie.
    return SigningKey.objects.filter(retired_at__isnull=True).first()


def _lock_keys() -> None:
    # SQLite runs every transaction IMMEDIATE (settings), which already serialises writers.
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_advisory_xact_lock(%s)", [_KEYS_LOCK_KEY])


def _create_key() -> SigningKey:
    private = ec.generate_private_key(ec.SECP256R1())
    public = private.public_key()
    return SigningKey.objects.create(
        kid=_kid(public),
        algorithm="ES256",
        public_key_pem=public.public_bytes(
            serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo
        ).decode("ascii"),
        private_key_pem=private.private_bytes(
            serialization.Encoding.PEM,
            serialization.PrivateFormat.PKCS8,
            serialization.BestAvailableEncryption(_passphrase()),
        ).decode("ascii"),
    )


def _passphrase() -> bytes:
    secret = getattr(settings, "GUICHET_SIGNING_KEY_SECRET", "")
    if secret:
        return secret.encode("utf-8")
    # A key of its own, so the passphrase never equals SECRET_KEY used elsewhere.
    hkdf = HKDF(algorithm=hashes.SHA256(), length=32, salt=None, info=_PASSPHRASE_INFO)
    return hkdf.derive(settings.SECRET_KEY.encode("utf-8"))


def _private_key(key: SigningKey) -> ec.EllipticCurvePrivateKey:
    try:
        private = serialization.load_pem_private_key(
            key.private_key_pem.encode("ascii"), password=_passphrase()
        )
    except (ValueError, TypeError) as error:
        raise ImproperlyConfigured(
            f"Signing key {key.kid} cannot be decrypted with the configured passphrase "
            "(GUICHET_SIGNING_KEY_SECRET, or SECRET_KEY when unset). Restore it, or run "
            "`guichet signing-rotate` to sign with a new key."
        ) from error
    if not isinstance(private, ec.EllipticCurvePrivateKey):
        raise ImproperlyConfigured(f"Signing key {key.kid} is not an EC key.")
    return private


def _public_key(key: SigningKey) -> PublicKey:
    public = serialization.load_pem_public_key(key.public_key_pem.encode("ascii"))
    if not isinstance(public, ec.EllipticCurvePublicKey):
        raise ImproperlyConfigured(f"Signing key {key.kid} is not an EC key.")
    return public


def _b64url(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode("ascii")


def _b64url_decode(text: str) -> bytes:
    return base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))


def _coordinates(public: PublicKey) -> tuple[str, str]:
    numbers = public.public_numbers()
    return (
        _b64url(numbers.x.to_bytes(_COORDINATE_BYTES, "big")),
        _b64url(numbers.y.to_bytes(_COORDINATE_BYTES, "big")),
    )


def _kid(public: PublicKey) -> str:
    # The start of the RFC 7638 thumbprint: derived from the key, so anyone can check it.
    # Six bytes (eight characters) keep the QR small; the unique column catches a collision.
    x, y = _coordinates(public)
    canonical = json.dumps({"crv": "P-256", "kty": "EC", "x": x, "y": y}, separators=(",", ":"))
    return _b64url(hashlib.sha256(canonical.encode("ascii")).digest()[:6])


def _jwk(kid: str, public: PublicKey) -> dict:
    x, y = _coordinates(public)
    return {"kty": "EC", "crv": "P-256", "x": x, "y": y, "kid": kid, "alg": "ES256", "use": "sig"}


# --- Sealing --------------------------------------------------------------------------------


def seal(claims: Mapping[int, Any]) -> str:
    """Sign the claims with the current key; return the text to put in the QR code."""
    return seal_many([claims])[0]


def seal_many(claim_sets: list[Mapping[int, Any]]) -> list[str]:
    """Seal many claim sets, loading and decrypting the current key once (bulk loads: the
    key's lookup and decryption are most of a single seal's 0.7 ms)."""
    key = current_key()
    private = _private_key(key)
    now = int(timezone.now().timestamp())
    sealed = []
    for claims in claim_sets:
        payload_claims = dict(claims)
        payload_claims.setdefault(CLAIM_ISSUER, settings.GUICHET_PUBLIC_BASE_URL)
        payload_claims.setdefault(CLAIM_ISSUED_AT, now)
        for numeric_date in (CLAIM_EXPIRES, CLAIM_ISSUED_AT):
            if isinstance(payload_claims.get(numeric_date), datetime):
                payload_claims[numeric_date] = int(payload_claims[numeric_date].timestamp())
        sealed.append(_encode(payload_claims, kid=key.kid, private=private))
    return sealed


def _encode(claims: Mapping[Any, Any], *, kid: str, private: ec.EllipticCurvePrivateKey) -> str:
    protected = cbor2.dumps({_HEADER_ALG: _ES256, _HEADER_KID: kid.encode("ascii")})
    payload = cbor2.dumps(dict(claims), canonical=True)
    der = private.sign(_sig_structure(protected, payload), ec.ECDSA(hashes.SHA256()))
    r, s = decode_dss_signature(der)
    signature = r.to_bytes(_COORDINATE_BYTES, "big") + s.to_bytes(_COORDINATE_BYTES, "big")
    message = cbor2.CBORTag(_COSE_SIGN1_TAG, [protected, {}, payload, signature])
    compressed = zlib.compress(cbor2.dumps(message), 9)
    return PREFIX + base45.b45encode(compressed).decode("ascii")


def _sig_structure(protected: bytes, payload: bytes) -> bytes:
    return cbor2.dumps(["Signature1", protected, b"", payload])


# --- Opening --------------------------------------------------------------------------------


def open_seal(text: str, *, keys: Mapping[str, PublicKey] | None = None) -> Sealed:
    """Check a seal against the given public keys, or against every key the platform has."""
    if keys is not None:
        return _open(text, keys.get)
    return _open(text, _stored_public_key)


def open_seal_with_jwks(text: str, jwks: Mapping[str, Any]) -> Sealed:
    """The offline check a third party writes: the published JWK Set and nothing else.

    Raises ``ValueError`` when ``jwks`` is not a JWK Set, ``SealInvalid`` for a bad seal.
    """
    return _open(text, keys_from_jwks(jwks).get)


def keys_from_jwks(jwks: Mapping[str, Any]) -> dict[str, PublicKey]:
    """The ES256 keys of a JWK Set by kid; entries of other types are skipped."""
    entries = jwks.get("keys") if isinstance(jwks, Mapping) else None
    if not isinstance(entries, list):
        raise ValueError("A JWK Set is an object with a list of keys.")
    keys: dict[str, PublicKey] = {}
    for entry in entries:
        if not isinstance(entry, Mapping) or not isinstance(entry.get("kid"), str):
            continue
        if (entry.get("kty"), entry.get("crv"), entry.get("alg", "ES256")) != _ES256_JWK:
            continue
        try:
            x = int.from_bytes(_b64url_decode(entry["x"]), "big")
            y = int.from_bytes(_b64url_decode(entry["y"]), "big")
            keys[entry["kid"]] = ec.EllipticCurvePublicNumbers(x, y, ec.SECP256R1()).public_key()
        except (KeyError, TypeError, ValueError):
            continue  # a point off the curve or broken encoding verifies nothing
    return keys


def _stored_public_key(kid: str) -> PublicKey | None:
    key = SigningKey.objects.filter(kid=kid).first()
    return _public_key(key) if key is not None else None


def _open(text: str, resolve: Callable[[str], PublicKey | None]) -> Sealed:
    protected, payload, signature, kid = _parse(text)
    public = resolve(kid)
    if public is None:
        raise SealInvalid("unknown-key")
    r = int.from_bytes(signature[:_COORDINATE_BYTES], "big")
    s = int.from_bytes(signature[_COORDINATE_BYTES:], "big")
    try:
        public.verify(
            encode_dss_signature(r, s),
            _sig_structure(protected, payload),
            ec.ECDSA(hashes.SHA256()),
        )
    except InvalidSignature:
        raise SealInvalid("bad-signature") from None
    return _sealed(kid, payload)


def _parse(text: str) -> tuple[bytes, bytes, bytes, str]:
    """Undo prefix, base45, zlib and CBOR; return the parts the signature covers and the kid."""
    if not isinstance(text, str) or not text.startswith(PREFIX) or len(text) > _MAX_SEAL_CHARS:
        raise SealInvalid("malformed")
    try:
        compressed = base45.b45decode(text[len(PREFIX) :])
        inflater = zlib.decompressobj()
        raw = inflater.decompress(compressed, _MAX_COSE_BYTES)
        if inflater.unconsumed_tail or not inflater.eof:
            raise ValueError("too large or truncated")
        message = cbor2.loads(raw)
        # The tag is optional in RFC 9052 when the context says what the message is.
        if isinstance(message, cbor2.CBORTag):
            if message.tag != _COSE_SIGN1_TAG:
                raise ValueError("not a COSE_Sign1")
            message = message.value
        protected, unprotected, payload, signature = message
        header = cbor2.loads(protected)
        if not (
            isinstance(header, Mapping)
            and header.get(_HEADER_ALG) == _ES256
            and isinstance(unprotected, Mapping)
            and isinstance(payload, bytes)
            and isinstance(signature, bytes)
            and len(signature) == 2 * _COORDINATE_BYTES
        ):
            raise ValueError("not an ES256 COSE_Sign1")
        kid = header[_HEADER_KID].decode("ascii")
    except Exception:  # base45, zlib and cbor2 each fail their own way on garbage
        raise SealInvalid("malformed") from None
    return protected, payload, signature, kid


def _sealed(kid: str, payload: bytes) -> Sealed:
    try:
        claims = cbor2.loads(payload)
        if not isinstance(claims, dict):
            raise ValueError("the claims are a map")
        issued = claims[CLAIM_ISSUED_AT]
        expires = claims.get(CLAIM_EXPIRES)
        if not _is_numeric_date(issued) or not (expires is None or _is_numeric_date(expires)):
            raise ValueError("iat and exp are integer seconds")
        return Sealed(
            kid=kid,
            claims=claims,
            issued_at=datetime.fromtimestamp(issued, UTC),
            expires_at=datetime.fromtimestamp(expires, UTC) if expires is not None else None,
        )
    except Exception:  # signed, yet not claims we can read: report it rather than crash
        raise SealInvalid("malformed") from None


def _is_numeric_date(value: Any) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


def qr_svg(text: str, *, scale: int = 4) -> str:
    """The seal as an inline SVG QR code (error correction M or better) for pages and PDFs."""
    code = segno.make(text, error="m", micro=False)
    return code.svg_inline(scale=scale, omitsize=True, title=str(_("Certificate seal")))
