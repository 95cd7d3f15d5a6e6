"""Many writers at once never fork the chain (PostgreSQL, real connections per thread)."""

from __future__ import annotations

import threading

import pytest
from django.db import connection, connections, transaction

from guichet.audit import services as audit
from guichet.audit.models import AuditEvent


@pytest.mark.django_db(transaction=True)
def test_concurrent_writers_keep_one_unbroken_chain():
    if connection.vendor != "postgresql":
        pytest.skip("concurrency of the chain is tested on PostgreSQL (SQLite serialises writers)")
    start = threading.Barrier(8)
    failures: list[BaseException] = []

    def writer(n: int) -> None:
        try:
            start.wait()
            for i in range(10):
                with transaction.atomic():
                    audit.record(action="ticket.called", target_type="ticket", target_id=f"{n}-{i}")
        except BaseException as error:  # collected and asserted below
            failures.append(error)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=writer, args=(n,)) for n in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert failures == []
    assert AuditEvent.objects.count() == 80
    checked, broken = audit.verify_chain()
    assert (checked, broken) == (80, None)
