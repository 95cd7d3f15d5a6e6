"""Properties: every random walk ends on an outcome, no link crashes the engine, and the path
enumerator agrees with walking: a result it calls unreachable never applies."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from guichet.catalog.conditions import evaluate
from guichet.demo import flows as demo_flows
from guichet.guidance import engine, outcome, paths, validation
from guichet.guidance.engine import compile_definition

DEFINITIONS = [compile_definition(doc) for doc in demo_flows.documents()]


def draw_answer(data, question: engine.Question) -> list[str]:
    values = [o.value for o in question.options]
    if question.kind in ("single", "yes_no"):
        return [data.draw(st.sampled_from(values))]
    if question.kind == "multiple":
        minimum = 0 if question.optional else 1
        chosen = data.draw(st.lists(st.sampled_from(values), min_size=minimum, unique=True))
        return chosen or [""]
    if question.kind == "number":
        low = question.minimum if question.minimum is not None else -(10**6)
        high = question.maximum if question.maximum is not None else 10**6
        return [str(data.draw(st.integers(low, high)))]
    day = data.draw(st.dates(dt.date(1990, 1, 1), dt.date(2040, 12, 31)))
    return [day.isoformat()]


def random_walk(data, definition: engine.Definition) -> engine.Walk:
    params: dict[str, list[str]] = {}
    for _ in range(len(definition.questions) + 1):
        walk = engine.walk(definition, params)
        assert not walk.errors, walk.errors
        if walk.finished:
            return walk
        params[walk.question.key] = draw_answer(data, walk.question)
    raise AssertionError("the walk did not end")


@pytest.mark.parametrize("definition", DEFINITIONS, ids=lambda d: d.slug)
@settings(max_examples=60, deadline=None)
@given(data=st.data())
def test_every_random_walk_ends_on_an_outcome(definition, data):
    walk = random_walk(data, definition)
    decision = engine.decide(definition, walk.context)
    assert decision.services or decision.notes
    replay = engine.walk(definition, {k: v for k, v in _pairs(walk.pairs()).items()})
    assert replay.finished and replay.answers == walk.answers


def _pairs(pairs):
    found: dict[str, list[str]] = {}
    for key, value in pairs:
        found.setdefault(key, []).append(value)
    return found


@pytest.mark.parametrize("definition", DEFINITIONS[:3], ids=lambda d: d.slug)
@settings(max_examples=80, deadline=None)
@given(
    params=st.dictionaries(
        st.sampled_from(
            [
                "size",
                "sales",
                "foods",
                "sells_drugs",
                "devices",
                "activity",
                "seats",
                "area_m2",
                "has_kitchen",
                "asked",
                "x",
            ]
        ),
        st.lists(st.text(max_size=12), max_size=3),
    )
)
def test_no_link_crashes_the_engine_and_what_it_keeps_replays_cleanly(definition, params):
    walk = engine.walk(definition, params)
    replay = engine.walk(definition, _pairs(walk.pairs()))
    assert replay.answers == walk.answers
    assert not replay.errors or replay.error_key


@settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(data=st.data())
def test_a_random_supermarket_walk_gives_an_outcome_from_the_catalogue(supermarket, data):
    definition = supermarket.compiled()
    walk = random_walk(data, definition)
    result = outcome.build(definition, walk.context)
    assert [s.code for s in result.services][0] == "COMPANY-REGISTRATION"
    assert not result.missing


@st.composite
def random_flows(draw):
    """Chains of 2 to 5 single-choice questions where options may jump ahead, with results."""
    size = draw(st.integers(2, 5))
    keys = [f"q{n}" for n in range(size)]
    questions = []
    for n, key in enumerate(keys):
        ahead = [*keys[n + 1 :], "end"]
        options = [
            {"value": v, "label": {"en": v}, "next": draw(st.sampled_from(ahead))}
            for v in ("a", "b", "c")[: draw(st.integers(2, 3))]
        ]
        questions.append(
            {
                "key": key,
                "kind": "single",
                "text": {"en": key},
                "options": options,
                "next": ahead[0],
            }
        )
    results = [
        {
            "when": f'{draw(st.sampled_from(keys))} == "{draw(st.sampled_from("abc"))}" and '
            f'{draw(st.sampled_from(keys))} != "{draw(st.sampled_from("abc"))}"',
            "note": {"en": f"note {n}"},
        }
        for n in range(draw(st.integers(1, 4)))
    ]
    return {
        "slug": "random",
        "title": {"en": "Random"},
        "start": "q0",
        "questions": questions,
        "results": results,
    }


@settings(max_examples=150, deadline=None)
@given(doc=random_flows(), data=st.data())
def test_a_result_called_unreachable_never_applies_on_a_walk(doc, data):
    found = validation.problems(doc, known_services=set(), known_evidence=set())
    assert not [p for p in found if "can never apply" not in p]
    definition = compile_definition(doc)
    reachable = paths.reachable_results(definition)
    walk = random_walk(data, definition)
    for index, result in enumerate(definition.results):
        if evaluate(result.when, walk.context):
            assert index in reachable
    unreachable = {i for i in range(len(definition.results)) if i not in reachable}
    assert len([p for p in found if "can never apply" in p]) == len(unreachable)
