"""The platform's seal: certificates verifiable offline, across key rotations."""

from __future__ import annotations

import json
import threading
import zlib
from datetime import UTC, datetime, timedelta
from io import StringIO

import base45
import cbor2
import pytest
import segno
from cryptography.hazmat.primitives import serialization
from django.core.exceptions import ImproperlyConfigured
from django.core.management import call_command
from django.db import connection, connections
from django.test import override_settings
from django.utils import timezone

from guichet.audit.models import AuditEvent
from guichet.datahub import signing
from guichet.datahub.models import SigningKey

pytestmark = pytest.mark.django_db

# What datahub.services.seal_claims puts in a certificate, with the longest demo type code.
REALISTIC_CERTIFICATE = {
    1: "HEALTH-2025-000123",  # number
    2: "birth-medical-certificate",  # evidence type code
    3: "张伟明",  # holder
    4: "3101**********1234",  # masked identity number
    5: "HEALTH",  # issuing department
    6: "2025-11-22",  # issued on
    7: "2030-11-21",  # valid until
}
# ES256 + error correction M + the claims above come to about 350 characters: version 11
# (61x61 modules). Version 10 holds 311 characters, some 40 bytes fewer than these claims.
MAX_QR_VERSION = 11


def realistic_claims() -> dict:
    return {
        signing.CLAIM_EXPIRES: int(datetime(2030, 11, 21, 23, 59, 59, tzinfo=UTC).timestamp()),
        signing.CLAIM_CERTIFICATE: dict(REALISTIC_CERTIFICATE),
    }


def cose_parts(text: str) -> list:
    """The four parts of the COSE_Sign1 inside a seal, as a third party would read them."""
    message = cbor2.loads(zlib.decompress(base45.b45decode(text.removeprefix(signing.PREFIX))))
    assert message.tag == 18
    return list(message.value)


def reseal(parts: list) -> str:
    message = cbor2.dumps(cbor2.CBORTag(18, parts))
    return signing.PREFIX + base45.b45encode(zlib.compress(message, 9)).decode("ascii")


def refusal(text: str, **kwargs) -> str:
    with pytest.raises(signing.SealInvalid) as caught:
        signing.open_seal(text, **kwargs)
    assert str(caught.value.message)  # a sentence for people, not only a code
    return caught.value.reason


# --- Sealing and opening --------------------------------------------------------------------


def test_a_sealed_certificate_opens_with_its_claims():
    before = timezone.now().replace(microsecond=0)
    text = signing.seal(realistic_claims())

    sealed = signing.open_seal(text)

    assert text.startswith("GC1:")
    assert sealed.kid == signing.current_key().kid
    assert sealed.certificate == REALISTIC_CERTIFICATE
    assert sealed.issuer == "https://guichet.example"
    assert before <= sealed.issued_at <= timezone.now()
    assert sealed.expires_at == datetime(2030, 11, 21, 23, 59, 59, tzinfo=UTC)


def test_the_seal_signs_what_the_caller_gives_and_adds_only_issuer_and_time():
    issued = datetime(2025, 1, 2, 3, 4, 5, tzinfo=UTC)
    text = signing.seal({signing.CLAIM_ISSUER: "https://peer.example", 6: issued, -70001: [1]})

    sealed = signing.open_seal(text)

    assert sealed.claims == {1: "https://peer.example", 6: int(issued.timestamp()), -70001: [1]}
    assert sealed.issued_at == issued
    assert sealed.expires_at is None  # no exp claim: a certificate without an end date


def test_a_seal_is_cbor_in_cose_sign1_with_alg_and_kid_in_the_protected_header():
    text = signing.seal(realistic_claims())

    protected, unprotected, payload, signature = cose_parts(text)

    assert cbor2.loads(protected) == {1: -7, 4: signing.current_key().kid.encode("ascii")}
    assert unprotected == {}
    assert cbor2.loads(payload)[signing.CLAIM_CERTIFICATE] == REALISTIC_CERTIFICATE
    assert len(signature) == 64  # r || s, as COSE wants, not DER


def test_one_changed_byte_of_the_signature_is_a_bad_signature():
    protected, unprotected, payload, signature = cose_parts(signing.seal(realistic_claims()))
    forged_signature = bytes([signature[0] ^ 0x01]) + signature[1:]

    assert refusal(reseal([protected, unprotected, payload, forged_signature])) == "bad-signature"


def test_changed_claims_under_the_old_signature_are_a_bad_signature():
    protected, unprotected, payload, signature = cose_parts(signing.seal(realistic_claims()))
    claims = cbor2.loads(payload)
    claims[signing.CLAIM_CERTIFICATE][7] = "2099-12-31"  # someone extends their certificate

    forged = reseal([protected, unprotected, cbor2.dumps(claims), signature])

    assert refusal(forged) == "bad-signature"


def test_a_seal_claiming_another_known_kid_is_a_bad_signature():
    text = signing.seal(realistic_claims())
    signing.rotate()
    protected, unprotected, payload, signature = cose_parts(text)
    header = cbor2.loads(protected)
    header[4] = signing.current_key().kid.encode("ascii")

    assert refusal(reseal([cbor2.dumps(header), unprotected, payload, signature])) == (
        "bad-signature"
    )


@pytest.mark.parametrize(
    "text",
    [
        "",
        "hello",
        "GC1:",
        "GC1:not base45 at all!",
        "GC1:" + base45.b45encode(b"no zlib here").decode(),
        "GC1:" + base45.b45encode(zlib.compress(b"\xff\xfe not cbor")).decode(),
        "GC1:" + base45.b45encode(zlib.compress(cbor2.dumps([1, 2, 3]))).decode(),
        "GC1:" + base45.b45encode(zlib.compress(b"\0" * 1_000_000)).decode(),  # zip bomb
        "GC1:" + "A" * 10_000,  # longer than any QR code holds
    ],
)
def test_garbage_is_malformed(text):
    assert refusal(text) == "malformed"


def test_another_prefix_is_malformed():
    text = signing.seal(realistic_claims())

    assert refusal("HC1:" + text.removeprefix("GC1:")) == "malformed"


def test_a_seal_with_another_algorithm_is_malformed():
    protected, unprotected, payload, signature = cose_parts(signing.seal(realistic_claims()))
    header = cbor2.loads(protected)
    header[1] = -8  # EdDSA: not what the platform signs with

    assert refusal(reseal([cbor2.dumps(header), unprotected, payload, signature])) == "malformed"


def test_a_seal_by_a_key_outside_the_set_is_an_unknown_key():
    other_platform_seal = signing.seal(realistic_claims())
    SigningKey.objects.all().delete()  # this platform never held that key
    signing.current_key()

    assert refusal(other_platform_seal) == "unknown-key"
    assert refusal(other_platform_seal, keys={}) == "unknown-key"
    with pytest.raises(signing.SealInvalid) as caught:
        signing.open_seal_with_jwks(other_platform_seal, signing.public_keys_jwks())
    assert caught.value.reason == "unknown-key"


# --- Keys and rotation ----------------------------------------------------------------------


def test_the_first_seal_creates_one_key_and_later_ones_reuse_it():
    assert SigningKey.objects.count() == 0

    kids = {signing.open_seal(signing.seal(realistic_claims())).kid for _ in range(3)}

    assert kids == {signing.current_key().kid}
    assert SigningKey.objects.count() == 1
    assert AuditEvent.objects.filter(action="signing_key.created").count() == 1


def test_a_seal_made_before_rotation_still_opens_and_new_seals_use_the_new_key(make_user):
    old_seal = signing.seal(realistic_claims())
    old_kid = signing.current_key().kid
    admin = make_user()

    new_key = signing.rotate(actor=admin)
    new_seal = signing.seal(realistic_claims())
    jwks = json.loads(json.dumps(signing.public_keys_jwks()))

    assert new_key.kid != old_kid
    assert signing.current_key() == new_key
    assert SigningKey.objects.get(kid=old_kid).retired_at is not None
    assert signing.open_seal(old_seal).kid == old_kid
    assert signing.open_seal_with_jwks(old_seal, jwks).kid == old_kid
    assert signing.open_seal(new_seal).kid == new_key.kid
    assert signing.open_seal_with_jwks(new_seal, jwks).kid == new_key.kid
    event = AuditEvent.objects.get(action="signing_key.rotated")
    assert (event.actor, event.target_type, event.target_id) == (admin, "signing_key", new_key.kid)
    assert event.summary["retired"] == [old_kid]


def test_the_jwks_publishes_every_key_as_an_es256_jwk():
    first = signing.current_key()
    second = signing.rotate()

    jwks = json.loads(json.dumps(signing.public_keys_jwks()))

    assert [key["kid"] for key in jwks["keys"]] == [second.kid, first.kid]
    for key in jwks["keys"]:
        assert set(key) == {"kty", "crv", "x", "y", "kid", "alg", "use"}
        assert (key["kty"], key["crv"], key["alg"], key["use"]) == ("EC", "P-256", "ES256", "sig")
        assert len(key["x"]) == len(key["y"]) == 43  # 32 bytes, base64url without padding
        assert "=" not in key["x"] + key["y"]


def test_the_offline_check_needs_only_the_jwks_and_no_database(django_assert_num_queries):
    text = signing.seal(realistic_claims())
    jwks = json.loads(json.dumps(signing.public_keys_jwks()))

    with django_assert_num_queries(0):
        sealed = signing.open_seal_with_jwks(text, jwks)

    assert sealed.certificate == REALISTIC_CERTIFICATE


def test_the_offline_check_skips_keys_it_cannot_use():
    text = signing.seal(realistic_claims())
    jwks = signing.public_keys_jwks()
    jwks["keys"].insert(0, {"kty": "OKP", "crv": "Ed25519", "x": "abc", "kid": "ed"})
    jwks["keys"].insert(0, {"kty": "EC", "crv": "P-256", "x": "AAAA", "y": "AAAA", "kid": "bad"})

    assert signing.open_seal_with_jwks(text, jwks).kid == signing.current_key().kid


def test_the_stored_private_key_is_encrypted_and_useless_without_the_passphrase():
    pem = signing.current_key().private_key_pem.encode("ascii")

    assert pem.startswith(b"-----BEGIN ENCRYPTED PRIVATE KEY-----")
    with pytest.raises(TypeError):
        serialization.load_pem_private_key(pem, password=None)
    with pytest.raises(ValueError):
        serialization.load_pem_private_key(pem, password=b"guess")


@override_settings(GUICHET_SIGNING_KEY_SECRET="a passphrase of the operator's")
def test_an_operator_passphrase_encrypts_the_private_key():
    pem = signing.current_key().private_key_pem.encode("ascii")

    assert serialization.load_pem_private_key(pem, password=b"a passphrase of the operator's")
    assert signing.open_seal(signing.seal(realistic_claims()))


def test_a_lost_passphrase_stops_sealing_with_a_clear_error():
    signing.current_key()

    with override_settings(GUICHET_SIGNING_KEY_SECRET="another passphrase"):
        with pytest.raises(ImproperlyConfigured, match="signing-rotate"):
            signing.seal(realistic_claims())
        signing.rotate()  # what the error says to do
        assert signing.open_seal(signing.seal(realistic_claims()))


def test_the_rotate_command_prints_the_new_kid():
    old_kid = signing.current_key().kid
    out = StringIO()

    call_command("signing_rotate", stdout=out)

    assert out.getvalue().strip() == signing.current_key().kid != old_kid


# --- The QR code ----------------------------------------------------------------------------


def test_a_realistic_seal_fits_a_small_qr_code():
    text = signing.seal(
        {
            signing.CLAIM_ISSUED_AT: timezone.now() - timedelta(days=1),
            **realistic_claims(),
        }
    )

    code = segno.make(text, error="m", micro=False)

    assert code.mode == "alphanumeric"  # what base45 is for
    assert code.version <= MAX_QR_VERSION, len(text)


def test_the_qr_code_is_inline_svg():
    svg = signing.qr_svg(signing.seal(realistic_claims()))

    assert svg.startswith("<svg") and "viewBox" in svg and "<?xml" not in svg


# --- Races (PostgreSQL: real connections per thread) ----------------------------------------


@pytest.mark.django_db(transaction=True)
def test_processes_starting_at_once_end_with_one_current_key():
    if connection.vendor != "postgresql":
        pytest.skip("tested on PostgreSQL (SQLite serialises writers)")
    start = threading.Barrier(6)
    kids: list[str] = []
    failures: list[BaseException] = []

    def first_seal() -> None:
        try:
            start.wait()
            kids.append(signing.open_seal(signing.seal(realistic_claims())).kid)
        except BaseException as error:  # collected and asserted below
            failures.append(error)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=first_seal) for _ in range(6)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert failures == []
    assert SigningKey.objects.count() == 1
    assert set(kids) == {SigningKey.objects.get().kid}
