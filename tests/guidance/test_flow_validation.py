"""A flow is refused on save when it is broken, with every problem said in plain words."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError

from guichet.demo import flows as demo_flows
from guichet.demo.flows import stand_in
from guichet.guidance import services, validation

from .conftest import TOY_EVIDENCE, TOY_SERVICES

KNOWN = {"known_services": TOY_SERVICES, "known_evidence": TOY_EVIDENCE}


def problems(doc) -> list[str]:
    return validation.problems(doc, **KNOWN)


def test_the_toy_flow_is_valid(toy_doc):
    assert problems(toy_doc) == []


def test_a_question_nothing_leads_to_is_refused(toy_doc):
    toy_doc["questions"].append(
        {"key": "orphan", "kind": "yes_no", "text": {"en": "Forgotten?"}, "next": "end"}
    )
    assert problems(toy_doc) == ["Question “orphan” cannot be reached from the first one."]


def test_an_answer_that_leads_nowhere_is_a_dead_end(toy_doc):
    del toy_doc["questions"][0]["next"]  # "drinks" had no next of its own
    found = problems(toy_doc)
    assert len(found) == 1 and "Dead end" in found[0] and "drinks" in found[0]


def test_an_answer_that_leads_to_a_missing_question_is_a_dead_end(toy_doc):
    toy_doc["questions"][3]["next"] = "payment"
    found = problems(toy_doc)
    assert found == [
        "Dead end: question “serves_alcohol” (next) leads to “payment”, which does not exist."
    ]


def test_a_number_question_needs_a_default_route(toy_doc):
    del toy_doc["questions"][2]["next"]
    assert any("needs a default next question" in p for p in problems(toy_doc))


def test_a_loop_is_refused_and_named(toy_doc):
    toy_doc["questions"][3]["next"] = "kind"
    found = problems(toy_doc)
    assert found == ["The questions loop: kind → foods → area_m2 → serves_alcohol → kind."]


def test_an_unknown_service_is_refused(toy_doc):
    toy_doc["results"].append({"when": "", "service": "SPACE-LAUNCH-PERMIT"})
    assert problems(toy_doc) == [
        "Result 6 names the service “SPACE-LAUNCH-PERMIT”, which is not in the published catalogue."
    ]


def test_an_unknown_document_or_a_switch_for_a_service_never_included_is_refused(toy_doc):
    toy_doc["results"].append(
        {"when": "", "requirement": {"service": "FOOD-BUSINESS-LICENCE", "evidence": "unicorn"}}
    )
    toy_doc["results"][0]["service"] = "FIRE-SAFETY-INSPECTION"
    found = problems(toy_doc)
    assert any("document “unicorn”" in p for p in found)
    assert any("“FOOD-BUSINESS-LICENCE”, which no result includes" in p for p in found)


def test_a_condition_that_does_not_parse_is_refused(toy_doc):
    toy_doc["results"][0]["when"] = 'kind == "food" and'
    found = problems(toy_doc)
    assert len(found) == 1 and "does not parse" in found[0]


def test_a_condition_that_calls_a_function_is_refused(toy_doc):
    toy_doc["results"][0]["when"] = '__import__("os")'
    assert "does not parse" in problems(toy_doc)[0]


def test_a_condition_that_reads_an_unknown_name_is_refused(toy_doc):
    toy_doc["results"][1]["when"] = "sells_alcohol"
    found = problems(toy_doc)
    assert found == [
        "The condition “sells_alcohol” (result 2) reads sells_alcohol, which is not a question "
        "of this flow nor an applicant fact."
    ]


def test_applicant_facts_may_be_read(toy_doc):
    toy_doc["results"][1]["when"] = "serves_alcohol and applicant.is_company"
    assert problems(toy_doc) == []


def test_a_result_no_complete_path_reaches_is_refused(toy_doc):
    # Alcohol is only asked from 300 m² on.
    toy_doc["results"][1]["when"] = "serves_alcohol and area_m2 < 300"
    assert problems(toy_doc) == [
        "Result 2 (“serves_alcohol and area_m2 < 300”) can never apply: no complete path "
        "satisfies its condition."
    ]


def test_a_result_must_do_exactly_one_thing(toy_doc):
    toy_doc["results"][0]["note"] = {"en": "And a note."}
    assert any("exactly one thing" in p for p in problems(toy_doc))


def test_every_problem_is_listed_at_once(toy_doc):
    toy_doc["questions"][3]["next"] = "kind"
    toy_doc["results"].append({"when": "", "service": "NOPE"})
    toy_doc["results"][0]["when"] = "kind =="
    with pytest.raises(ValidationError) as refused:
        validation.check(toy_doc, **KNOWN)
    assert len(refused.value.messages) == 3


def test_malformed_documents_are_refused_without_crashing():
    for doc in (
        [],
        {},
        {"slug": "x", "title": {"en": "X"}, "questions": "nope", "results": []},
        {"slug": "x", "title": {"en": "X"}, "questions": [1, 2], "results": []},
        {
            "slug": "x",
            "title": {"en": "X"},
            "start": "a",
            "results": [{"service": 3}],
            "questions": [{"key": "a", "kind": "single", "options": ["x", {"value": 1}]}],
        },
    ):
        assert validation.problems(doc, **KNOWN)


def test_saving_an_invalid_flow_raises_with_every_problem(db, toy_doc):
    stand_in.ensure_catalogue(TOY_SERVICES)
    toy_doc["questions"][3]["next"] = "kind"
    toy_doc["results"].append({"when": "", "service": "NOPE"})
    with pytest.raises(ValidationError) as refused:
        services.import_flow(toy_doc)
    assert len(refused.value.messages) == 2


def test_the_demo_flows_are_valid():
    known = {"known_services": set(stand_in.SERVICES), "known_evidence": set(stand_in.EVIDENCE)}
    for doc in demo_flows.documents():
        assert validation.problems(doc, **known) == [], doc["slug"]
