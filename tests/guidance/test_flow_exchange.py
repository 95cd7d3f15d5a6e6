"""Guided flows travel inside the catalogue's JSON document, and come back exactly."""

from __future__ import annotations

import json

from django.db import transaction

from guichet.catalog.exchange import export_catalogue, import_catalogue
from guichet.guidance import selectors


def _exported_with_flow(publish_demo_flow) -> dict:
    with transaction.atomic():
        publish_demo_flow("internet-cafe")
        exported = export_catalogue()
        transaction.set_rollback(True)
    return json.loads(json.dumps(exported))


def test_flows_round_trip_with_the_catalogue_into_an_empty_database(publish_demo_flow):
    document = _exported_with_flow(publish_demo_flow)
    assert [flow["slug"] for flow in document["flows"]] == ["internet-cafe"]
    assert selectors.published_flow("internet-cafe") is None  # the database is empty again

    summary = import_catalogue(document)
    assert summary["flows"] == {"created": 1, "updated": 0, "unchanged": 0}
    assert selectors.published_flow("internet-cafe") is not None
    again = export_catalogue()
    assert {k: v for k, v in again.items() if k != "exported_at"} == {
        k: v for k, v in document.items() if k != "exported_at"
    }


def test_importing_the_same_flows_again_changes_nothing(publish_demo_flow):
    document = _exported_with_flow(publish_demo_flow)
    import_catalogue(document)
    versions = selectors.versions("internet-cafe").count()
    assert import_catalogue(document)["flows"] == {"created": 0, "updated": 0, "unchanged": 1}
    assert selectors.versions("internet-cafe").count() == versions
