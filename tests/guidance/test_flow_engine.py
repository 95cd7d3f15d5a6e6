"""The engine walks the answers in the URL: bookmarkable, changeable, and never fooled by a link."""

from __future__ import annotations

from django.http import QueryDict

from guichet.guidance import engine


def walk(toy, query: str) -> engine.Walk:
    return engine.walk(toy, QueryDict(query))


def test_a_first_visit_shows_the_first_question(toy):
    result = walk(toy, "")
    assert result.question.key == "kind"
    assert result.steps == [] and result.errors == [] and not result.finished


def test_the_answers_in_the_url_lead_to_the_next_unanswered_question(toy):
    result = walk(toy, "kind=food&foods=bulk&foods=cooked")
    assert result.question.key == "area_m2"
    assert result.answers == {"kind": "food", "foods": ["bulk", "cooked"]}


def test_a_bookmarked_address_replays_the_same_walk_whatever_the_order_of_its_answers(toy):
    first = walk(toy, "kind=food&foods=cooked&area_m2=400&serves_alcohol=yes")
    again = walk(toy, "serves_alcohol=yes&area_m2=400&foods=cooked&kind=food")
    assert first.finished and again.finished
    assert first.answers == again.answers
    assert first.query() == again.query() == "kind=food&foods=cooked&area_m2=400&serves_alcohol=yes"


def test_a_change_link_drops_that_answer_and_everything_after_it(toy):
    result = walk(toy, "kind=food&foods=cooked&area_m2=400&serves_alcohol=no")
    links = dict((step.question.key, query) for step, query in result.change_links())
    assert links["kind"] == ""
    assert links["area_m2"] == "kind=food&foods=cooked"
    changed = walk(toy, links["area_m2"])
    assert changed.question.key == "area_m2" and changed.errors == []


def test_an_unknown_answer_restarts_at_that_question_with_a_message(toy):
    result = walk(toy, "kind=food&foods=caviar&area_m2=400&serves_alcohol=yes")
    assert result.question.key == "foods"
    assert result.error_key == "foods"
    assert result.answers == {"kind": "food"}
    assert "caviar" in result.errors[0]


def test_a_word_where_a_number_is_expected_restarts_at_the_number_question(toy):
    result = walk(toy, "kind=drinks&area_m2=big")
    assert result.question.key == "area_m2" and result.error_key == "area_m2"
    assert "number" in result.errors[0]


def test_a_number_outside_the_limits_or_not_finite_is_refused(toy):
    for bad in ("0", "10001", "nan", "inf", "1e999", "-5"):
        result = walk(toy, f"kind=drinks&area_m2={bad}")
        assert result.error_key == "area_m2", bad


def test_an_answer_for_a_question_not_on_the_path_is_left_out_with_a_message(toy):
    result = walk(toy, "kind=drinks&foods=bulk&area_m2=20")
    assert result.finished
    assert result.answers == {"kind": "drinks", "area_m2": 20}
    assert result.errors and "Which foods?" in result.errors[0]


def test_two_answers_to_a_one_answer_question_are_refused(toy):
    result = walk(toy, "kind=food&kind=drinks")
    assert result.question.key == "kind" and result.error_key == "kind"


def test_a_form_sent_without_an_answer_says_so(toy):
    result = walk(toy, "kind=drinks&asked=area_m2")
    assert result.question.key == "area_m2" and result.error_key == "area_m2"
    assert result.errors


def test_numbers_route_by_their_conditions(toy):
    assert walk(toy, "kind=drinks&area_m2=299").finished
    big = walk(toy, "kind=drinks&area_m2=300")
    assert big.question.key == "serves_alcohol"


def test_parameters_that_are_not_questions_are_ignored(toy):
    result = walk(toy, "kind=drinks&area_m2=20&utm_source=newsletter")
    assert result.finished and result.errors == []


def test_the_decision_is_the_set_of_results_whose_condition_holds(toy):
    done = walk(toy, "kind=food&foods=cooked&area_m2=400&serves_alcohol=yes")
    decision = engine.decide(toy, done.context)
    assert decision.services == (
        "FOOD-BUSINESS-LICENCE",
        "ALCOHOL-RETAIL-FILING",
        "FIRE-SAFETY-INSPECTION",
    )
    assert decision.switches == (("FOOD-BUSINESS-LICENCE", "staff-health-certs", True),)
    assert decision.notes == ()


def test_a_requirement_switch_for_a_service_not_in_the_outcome_is_dropped(toy_doc):
    toy_doc["results"][0]["when"] = 'kind == "never"'
    definition = engine.compile_definition(toy_doc)
    decision = engine.decide(definition, {"kind": "food", "foods": ["cooked"], "area_m2": 10})
    assert decision.services == () and decision.switches == ()
    assert len(decision.notes) == 1


def test_an_optional_multiple_choice_may_be_answered_with_none(toy_doc):
    toy_doc["questions"][1]["optional"] = True
    definition = engine.compile_definition(toy_doc)
    result = engine.walk(definition, QueryDict("kind=food&foods="))
    assert result.question.key == "area_m2" and result.answers["foods"] == []
    required = engine.walk(
        engine.compile_definition(
            {
                **toy_doc,
                "questions": [
                    {**toy_doc["questions"][0]},
                    {**toy_doc["questions"][1], "optional": False},
                    *toy_doc["questions"][2:],
                ],
            }
        ),
        QueryDict("kind=food&foods="),
    )
    assert required.error_key == "foods"


def test_a_plain_dict_of_lists_works_like_a_query(toy):
    result = engine.walk(toy, {"kind": ["food"], "foods": ["bulk"], "area_m2": "12"})
    assert result.finished and result.answers["area_m2"] == 12


DATED = {
    "slug": "dated",
    "title": {"en": "Registering a birth", "zh-hans": "出生登记"},
    "start": "born_on",
    "questions": [
        {
            "key": "born_on",
            "kind": "date",
            "text": {"en": "When was the child born?", "zh-hans": "孩子的出生日期？"},
            "min": "2000-01-01",
            "routes": [{"when": 'born_on >= "2026-01-01"', "next": "end"}],
            "next": "end",
        }
    ],
    "results": [],
}


def test_a_date_answer_is_read_in_iso_form_and_routes_by_its_thresholds():
    dated = engine.compile_definition(DATED)
    result = engine.walk(dated, QueryDict("born_on=2026-03-08"))
    assert result.finished and result.answers == {"born_on": "2026-03-08"}


def test_an_impossible_or_too_early_date_restarts_the_question_with_a_message():
    dated = engine.compile_definition(DATED)
    for bad in ("2026-02-30", "yesterday", "1999-12-31"):
        result = engine.walk(dated, QueryDict(f"born_on={bad}"))
        assert result.question.key == "born_on" and not result.finished
        assert result.errors, bad
