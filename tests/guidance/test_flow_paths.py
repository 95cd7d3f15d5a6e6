"""Enumerating paths: numbers by the regions their thresholds cut; the demo's coverage."""

from __future__ import annotations

from guichet.demo import flows as demo_flows
from guichet.guidance import paths
from guichet.guidance.engine import Question, compile_definition


def test_a_number_is_represented_once_per_region_its_conditions_distinguish():
    question = Question("seats", "number", {"en": "Seats?"}, minimum=0, maximum=500)
    found = paths.representatives(question, ["seats >= 50", "seats < 10 and x", "150 <= seats"])
    assert found == [0, 10, 50, 150]


def test_a_number_without_thresholds_has_one_representative():
    question = Question("age", "number", {"en": "Age?"}, minimum=18)
    assert paths.representatives(question, ["other > 3"]) == [18]


def test_a_date_is_represented_by_the_days_around_its_thresholds():
    question = Question("day", "date", {"en": "When?"})
    assert paths.representatives(question, ['day >= "2025-01-01"']) == ["2024-12-31", "2025-01-01"]


def test_the_toy_flow_has_every_path_enumerated(toy):
    found = [p.query for p in paths.enumerate_paths(toy)]
    # food: 3 food choices x (small | big x alcohol yes/no) = 9; drinks: 3.
    assert len(found) == 12 == len(set(found))
    assert "kind=drinks&area_m2=300&serves_alcohol=yes" in found


def test_the_demo_covers_at_least_27_activities_and_63_scenarios():
    activities, scenarios = set(), 0
    for doc in demo_flows.documents():
        definition = compile_definition(doc)
        activities |= {(definition.slug, a) for a in paths.activities(definition)}
        scenarios += len(paths.scenarios(definition))
    assert len(activities) >= 27
    assert scenarios >= 63


def test_every_result_of_every_demo_flow_can_apply():
    for doc in demo_flows.documents():
        definition = compile_definition(doc)
        assert paths.reachable_results(definition) == set(range(len(definition.results)))
