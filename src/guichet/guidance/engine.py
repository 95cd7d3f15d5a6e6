"""The funnel engine: pure functions over a flow definition and the answers in the URL.

The answers *are* the query string (``?size=small&foods=cooked&foods=bulk``), so any step can
be bookmarked, shared, replayed and changed. ``walk`` follows the routing from the first
question, reading one answer per question on the path; it stops at the first question without
an answer (that is the question to show) or at the first answer it cannot accept (a tampered or
stale link), which it drops with everything after it and says why. It never raises on input.

``decide`` turns the answers of a finished walk into the flow's decision: the results whose one
condition holds. Reading the catalogue (documents, fees, places) is ``outcome.py``'s job.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from typing import Any
from urllib.parse import urlencode

from django.utils.translation import gettext as _

from guichet.catalog import i18n
from guichet.catalog.conditions import ConditionError, evaluate

END = "end"
KINDS = ("single", "multiple", "yes_no", "number", "date")
# Sent by the question form, so that a form sent without an answer gets a message.
ASKED = "asked"
YES_NO = {"yes": True, "no": False}


@dataclass(frozen=True)
class Option:
    value: str
    label: dict
    next: str | None = None

    @property
    def display(self) -> str:
        if self.label:
            return i18n.text(self.label)
        return {"yes": _("Yes"), "no": _("No")}.get(self.value, self.value)


@dataclass(frozen=True)
class Route:
    when: str
    next: str


@dataclass(frozen=True)
class Question:
    key: str
    kind: str
    text: dict
    hint: dict = field(default_factory=dict)
    options: tuple[Option, ...] = ()
    routes: tuple[Route, ...] = ()
    next: str | None = None
    minimum: Any = None
    maximum: Any = None
    optional: bool = False  # a multiple-choice question that may be answered with none
    unit: dict = field(default_factory=dict)

    def option(self, value: str) -> Option | None:
        return next((o for o in self.options if o.value == value), None)

    @property
    def display(self) -> str:
        return i18n.text(self.text) or self.key

    def targets(self) -> list[tuple[str, str]]:
        """Every (label, next node) edge leaving this question, for validation and diagrams."""
        edges = [(o.display, o.next) for o in self.options if o.next]
        edges += [(r.when, r.next) for r in self.routes]
        if self.next:
            edges.append((_("otherwise") if edges else "", self.next))
        return edges


@dataclass(frozen=True)
class Result:
    when: str
    service: str = ""
    requirement: Mapping | None = None  # {"service", "evidence", "required"}
    note: Mapping | None = None

    @property
    def kind(self) -> str:
        return "service" if self.service else "requirement" if self.requirement else "note"


@dataclass(frozen=True)
class Definition:
    slug: str
    title: dict
    intro: dict
    start: str
    audience: str
    questions: dict[str, Question]
    results: tuple[Result, ...]


def _options(raw: Mapping) -> tuple[Option, ...]:
    if raw.get("kind") == "yes_no":
        given = {o.get("value"): o for o in raw.get("options") or () if isinstance(o, Mapping)}
        return tuple(
            Option(v, dict(given.get(v, {}).get("label") or {}), given.get(v, {}).get("next"))
            for v in YES_NO
        )
    return tuple(
        Option(str(o.get("value", "")), dict(o.get("label") or {}), o.get("next"))
        for o in raw.get("options") or ()
        if isinstance(o, Mapping)
    )


def compile_definition(doc: Mapping) -> Definition:
    """The flow document (as stored, exported and imported) as typed, read-only objects."""
    questions = {}
    for raw in doc.get("questions") or ():
        if not isinstance(raw, Mapping):
            continue
        questions[str(raw.get("key", ""))] = Question(
            key=str(raw.get("key", "")),
            kind=str(raw.get("kind", "")),
            text=dict(raw.get("text") or {}),
            hint=dict(raw.get("hint") or {}),
            options=_options(raw),
            routes=tuple(
                Route(str(r.get("when", "")), str(r.get("next", "")))
                for r in raw.get("routes") or ()
                if isinstance(r, Mapping)
            ),
            next=raw.get("next") or None,
            minimum=raw.get("min"),
            maximum=raw.get("max"),
            optional=bool(raw.get("optional", False)),
            unit=dict(raw.get("unit") or {}),
        )
    results = tuple(
        Result(
            when=str(r.get("when", "")),
            service=str(r.get("service", "")),
            requirement=r["requirement"] if isinstance(r.get("requirement"), Mapping) else None,
            note=r["note"] if isinstance(r.get("note"), Mapping) else None,
        )
        for r in doc.get("results") or ()
        if isinstance(r, Mapping)
    )
    return Definition(
        slug=str(doc.get("slug", "")),
        title=dict(doc.get("title") or {}),
        intro=dict(doc.get("intro") or {}),
        start=str(doc.get("start", "")),
        audience=str(doc.get("audience", "person")),
        questions=questions,
        results=results,
    )


# --- Answers: from the URL and back -----------------------------------------------------------


class AnswerError(ValueError):
    """An answer in the URL that the question cannot accept."""


def _number(text: str) -> int | float:
    text = text.strip().replace(",", "")
    if len(text) > 24:  # nobody types more; a huge exponent would cost time and memory
        raise AnswerError
    try:
        value = Decimal(text)
    except InvalidOperation as error:
        raise AnswerError from error
    if not value.is_finite() or value.adjusted() > 15:
        raise AnswerError
    return int(value) if value == value.to_integral_value() else float(value)


def parse_answer(question: Question, raw: list[str]) -> Any:
    """The typed value of a question's answer in the URL; AnswerError if it is not acceptable."""
    if question.kind == "multiple":
        chosen = {value for value in raw if value != ""}
        known = [o.value for o in question.options if o.value in chosen]
        if len(known) != len(chosen) or (not known and not question.optional):
            raise AnswerError
        return known
    if len(raw) != 1:
        raise AnswerError
    value = raw[0]
    if question.kind == "single":
        if question.option(value) is None:
            raise AnswerError
        return value
    if question.kind == "yes_no":
        if value not in YES_NO:
            raise AnswerError
        return YES_NO[value]
    if question.kind == "number":
        number = _number(value)
        if question.minimum is not None and number < question.minimum:
            raise AnswerError
        if question.maximum is not None and number > question.maximum:
            raise AnswerError
        return number
    if question.kind == "date":
        try:
            day = dt.date.fromisoformat(value.strip())
        except ValueError as error:
            raise AnswerError from error
        text = day.isoformat()
        if (question.minimum and text < question.minimum) or (
            question.maximum and text > question.maximum
        ):
            raise AnswerError
        return text
    raise AnswerError


def encode_answer(question: Question, value: Any) -> list[str]:
    """The URL values of an answer (repeated for several choices)."""
    if question.kind == "multiple":
        return list(value) or [""]
    if question.kind == "yes_no":
        return ["yes" if value else "no"]
    if question.kind == "number" and isinstance(value, float) and value.is_integer():
        return [str(int(value))]
    return [str(value)]


def next_node(question: Question, value: Any, context: Mapping[str, Any]) -> str:
    """Where the path goes after this answer: the option's own next, a route, or the default."""
    if question.kind in ("single", "yes_no"):
        option = question.option(encode_answer(question, value)[0])
        if option is not None and option.next:
            return option.next
    for route in question.routes:
        try:
            if evaluate(route.when, context):
                return route.next
        except ConditionError:
            continue
    return question.next or END


# --- The walk ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class Step:
    question: Question
    value: Any
    raw: tuple[str, ...]

    @property
    def display(self) -> str:
        q = self.question
        if q.kind == "multiple":
            return ", ".join(q.option(v).display for v in self.value) or _("None of these")
        if q.kind in ("single", "yes_no"):
            return q.option(self.raw[0]).display
        unit = i18n.text(q.unit)
        return f"{self.raw[0]} {unit}".strip()


@dataclass
class Walk:
    definition: Definition
    steps: list[Step]
    question: Question | None  # the next question on the path; None when finished
    errors: list[str] = field(default_factory=list)
    error_key: str = ""  # the question whose answer was refused, shown again
    facts: Mapping[str, Any] = field(default_factory=dict)

    @property
    def finished(self) -> bool:
        return self.question is None

    @property
    def answers(self) -> dict[str, Any]:
        return {step.question.key: step.value for step in self.steps}

    @property
    def context(self) -> dict[str, Any]:
        """What conditions read: the answers and the applicant's facts."""
        return {**self.facts, **self.answers}

    def pairs(self, upto: int | None = None) -> list[tuple[str, str]]:
        return [(s.question.key, raw) for s in self.steps[:upto] for raw in s.raw]

    def query(self, upto: int | None = None) -> str:
        """The canonical query string of the answers (of the first `upto` steps)."""
        return urlencode(self.pairs(upto))

    def change_links(self) -> list[tuple[Step, str]]:
        """Each answer with the query that drops it and everything after it."""
        return [(step, self.query(index)) for index, step in enumerate(self.steps)]


def _values(params: Any, key: str) -> list[str]:
    if hasattr(params, "getlist"):
        return [str(v) for v in params.getlist(key)]
    value = params.get(key)
    if value is None:
        return []
    return [str(v) for v in value] if isinstance(value, list | tuple) else [str(value)]


def walk(
    definition: Definition, params: Mapping[str, Any], facts: Mapping[str, Any] | None = None
) -> Walk:
    """Follow the path the answers in `params` (a QueryDict or a dict of lists) describe."""
    facts = dict(facts or {})
    context: dict[str, Any] = dict(facts)
    steps: list[Step] = []
    node = definition.start
    while node != END:
        question = definition.questions.get(node)
        if question is None or len(steps) > len(definition.questions):
            break  # a broken definition: validation refuses these, the engine never crashes
        raw = _values(params, question.key)
        if not raw:
            current = Walk(definition, steps, question, facts=facts)
            if _values(params, ASKED) == [question.key]:
                current.errors.append(_("Answer the question to continue."))
                current.error_key = question.key
            return _report_leftovers(current, params)
        try:
            value = parse_answer(question, raw)
        except AnswerError:
            current = Walk(definition, steps, question, facts=facts, error_key=question.key)
            current.errors.append(_refusal(question, raw))
            return current
        step = Step(question, value, tuple(encode_answer(question, value)))
        steps.append(step)
        context[question.key] = value
        node = next_node(question, value, context)
    return _report_leftovers(Walk(definition, steps, None, facts=facts), params)


def _refusal(question: Question, raw: list[str]) -> str:
    shown = ", ".join(v for v in raw if v)[:60]
    if question.kind == "number":
        if question.minimum is not None and question.maximum is not None:
            return _(
                "“%(value)s” is not an answer to “%(question)s”: enter a number between "
                "%(min)s and %(max)s. Please continue from here."
            ) % {
                "value": shown,
                "question": question.display,
                "min": question.minimum,
                "max": question.maximum,
            }
        return _(
            "“%(value)s” is not an answer to “%(question)s”: enter a number. "
            "Please continue from here."
        ) % {"value": shown, "question": question.display}
    if not shown:
        return _("Answer the question to continue.")
    return _(
        "“%(value)s” is not one of the answers to “%(question)s”. The link may be old or "
        "changed: please continue from here."
    ) % {"value": shown, "question": question.display}


def _report_leftovers(current: Walk, params: Mapping[str, Any]) -> Walk:
    used = {step.question.key for step in current.steps}
    leftovers = [
        q.display
        for key, q in current.definition.questions.items()
        if key not in used and _values(params, key) and key != current.error_key
    ]
    if leftovers:
        current.errors.append(
            _("These answers do not apply to your situation and were left out: %s.")
            % "; ".join(leftovers)
        )
    return current


# --- The decision: results whose condition holds ----------------------------------------------


@dataclass(frozen=True)
class Decision:
    services: tuple[str, ...]
    switches: tuple[tuple[str, str, bool], ...]  # (service, evidence, required)
    notes: tuple[tuple[tuple[str, str], ...], ...]  # each note as sorted (language, text)

    def as_dict(self) -> dict[str, Any]:
        return {
            "services": list(self.services),
            "switches": [list(s) for s in self.switches],
            "notes": [dict(n) for n in self.notes],
        }


def decide(definition: Definition, context: Mapping[str, Any]) -> Decision:
    """The outcome of a finished walk as the flow states it: one condition per result."""
    services: list[str] = []
    switches: dict[tuple[str, str], bool] = {}
    notes: list[tuple[tuple[str, str], ...]] = []
    for result in definition.results:
        try:
            holds = evaluate(result.when, context)
        except ConditionError:
            holds = False
        if not holds:
            continue
        if result.service and result.service not in services:
            services.append(result.service)
        elif result.requirement:
            switch = result.requirement
            key = (str(switch.get("service", "")), str(switch.get("evidence", "")))
            switches[key] = bool(switch.get("required", True))
        elif result.note:
            note = tuple(sorted(result.note.items()))
            if note not in notes:
                notes.append(note)
    kept = tuple((s, e, on) for (s, e), on in switches.items() if s in services)
    return Decision(tuple(services), kept, tuple(notes))


def note_text(note: Iterable[tuple[str, str]]) -> str:
    return i18n.text(dict(note))
