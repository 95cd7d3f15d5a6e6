"""The audit trail is append-only in the database and tamper-evident by its hash chain."""

from __future__ import annotations

import pytest
from django.db import DatabaseError, connection, transaction

from guichet.__main__ import main
from guichet.audit import services as audit
from guichet.audit.models import GENESIS_HASH, AuditEvent, PersonalDataAccess
from tests.helpers import audit_triggers_suspended


@pytest.fixture
def trail(db, make_user):
    clerk = make_user()
    return [
        audit.record(
            action="case.submitted",
            actor=clerk,
            target_type="case",
            target_id=f"C{i}",
            summary={"items": i, "note": "données 数据 ข้อมูล"},
        )
        for i in range(5)
    ]


def test_each_event_names_the_hash_of_the_one_before(trail):
    events = list(AuditEvent.objects.order_by("id"))
    assert events[0].prev_hash in (GENESIS_HASH, *[e.hash for e in events])
    for before, after in zip(events, events[1:], strict=False):
        assert after.prev_hash == before.hash
    assert audit.verify_chain()[1] is None


def test_update_of_an_audit_row_is_refused_by_the_database(trail):
    with pytest.raises(DatabaseError, match="append-only"), transaction.atomic():
        AuditEvent.objects.filter(pk=trail[2].pk).update(action="case.approved")
    with (
        pytest.raises(DatabaseError, match="append-only"),
        transaction.atomic(),
        connection.cursor() as cursor,
    ):
        cursor.execute("UPDATE audit_auditevent SET summary = '{}'")
    assert AuditEvent.objects.get(pk=trail[2].pk).action == "case.submitted"


def test_delete_of_an_audit_row_is_refused_by_the_database(trail):
    with pytest.raises(DatabaseError, match="append-only"), transaction.atomic():
        AuditEvent.objects.filter(pk=trail[0].pk).delete()
    assert AuditEvent.objects.filter(pk=trail[0].pk).exists()


def test_personal_data_access_records_are_append_only_too(db, make_user):
    record = audit.record_personal_data_access(
        accessor=make_user(),
        subject_type="person",
        subject_id="110101199003074514",
        data_kind="credential",
        purpose="review of application",
        case_reference="C-1",
    )
    with pytest.raises(DatabaseError, match="append-only"), transaction.atomic():
        PersonalDataAccess.objects.filter(pk=record.pk).update(purpose="curiosity")


def test_tampered_row_is_named_by_check_audit(trail, capsys):
    with audit_triggers_suspended():
        AuditEvent.objects.filter(pk=trail[3].pk).update(summary={"items": 99})
    with pytest.raises(SystemExit) as exit_info:
        main(["guichet", "check-audit"])
    assert exit_info.value.code != 0
    assert f"event {trail[3].pk}" in capsys.readouterr().err


def test_deleted_row_breaks_the_chain_at_its_successor(trail):
    with audit_triggers_suspended():
        AuditEvent.objects.filter(pk=trail[1].pk).delete()
    checked, broken = audit.verify_chain()
    assert broken is not None and broken.event_id == trail[2].pk
    assert "predecessor" in broken.reason


def test_intact_trail_passes_check_audit(trail, capsys):
    main(["guichet", "check-audit"])
    assert "intact" in capsys.readouterr().out


def test_event_records_request_id_and_address_of_the_request(client, make_user):
    user = make_user()
    client.post(
        "/api/v1/accounts/register",
        {"email": "new@example.org", "password": "a long enough pass phrase"},
        content_type="application/json",
        HTTP_X_REQUEST_ID="req-12345678",
        REMOTE_ADDR="203.0.113.9",
    )
    event = AuditEvent.objects.filter(action="account.registered").latest("id")
    assert (event.request_id, event.ip) == ("req-12345678", "203.0.113.9")
    assert user.pk != event.actor_id


def test_personal_data_access_needs_a_purpose(db, make_user):
    with pytest.raises(ValueError, match="purpose"):
        audit.record_personal_data_access(
            accessor=make_user(),
            subject_type="person",
            subject_id="X",
            data_kind="record",
            purpose=" ",
        )


def test_who_read_my_data_lists_accesses_newest_first(db, make_user):
    reviewer = make_user()
    for purpose in ("first look", "second look"):
        audit.record_personal_data_access(
            accessor=reviewer,
            subject_type="company",
            subject_id="91310106MA1FY5XK2J",
            data_kind="licence",
            purpose=purpose,
            organisation="MKT",
        )
    accesses = list(audit.accesses_to(subject_type="company", subject_id="91310106MA1FY5XK2J"))
    assert [a.purpose for a in accesses] == ["second look", "first look"]
    assert accesses[0].accessor_label == reviewer.email
