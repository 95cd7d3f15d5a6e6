"""Every answer path of every demo flow gives the outcome recorded in its regression file.

A change in a flow, or in the catalogue entries it uses, fails here until the files are
regenerated on purpose with `guichet guidance-regressions` and the diff is reviewed.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from django.db import transaction

from guichet.demo import flows as demo_flows
from guichet.demo.flows import stand_in
from guichet.guidance import regressions

DIRECTORY = Path(__file__).resolve().parent / "regressions"
SLUGS = [doc["slug"] for doc in demo_flows.documents()]


@pytest.fixture(scope="module")
def _module_catalogue(django_db_setup, django_db_blocker):
    """The demo catalogue, loaded once for the module and rolled back after it.

    Loading it takes seconds (ten on PostgreSQL); each test's own transaction nests inside.
    """
    with django_db_blocker.unblock(), transaction.atomic():
        yield stand_in.load_demo_catalogue()
        transaction.set_rollback(True)


@pytest.fixture
def demo_catalogue(_module_catalogue, db):
    return _module_catalogue


@pytest.mark.parametrize("slug", SLUGS)
def test_every_path_gives_the_recorded_outcome(demo_catalogue, slug):
    stored = json.loads(regressions.path_for(DIRECTORY, slug).read_text())
    fresh = regressions.flow_regression(demo_flows.document(slug))
    changes = regressions.differences(stored, fresh)
    assert not changes, (
        f"The outcomes of {slug} changed (against the {demo_catalogue}):\n"
        + "\n".join(changes)
        + "\nIf intended, run `guichet guidance-regressions` and commit the files."
    )
    assert stored == fresh


def test_the_files_are_written_as_the_command_writes_them(demo_catalogue):
    record = regressions.flow_regression(demo_flows.document("retirement"))
    assert regressions.path_for(DIRECTORY, "retirement").read_text() == regressions.dumps(record)


def test_a_changed_outcome_is_reported_path_by_path(demo_catalogue):
    record = regressions.flow_regression(demo_flows.document("moving-house"))
    changed = json.loads(json.dumps(record))
    changed["answers"]["move_within_city=yes&has_vehicle=no"] = 0
    found = regressions.differences(changed, record)
    assert len(found) == 1 and found[0].startswith("move_within_city=yes&has_vehicle=no:")
