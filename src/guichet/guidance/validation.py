"""Checks a flow document before it is saved: every problem at once, in plain words.

A flow is refused when a question cannot be reached, when an answer leads nowhere (a dead end),
when the routing loops, when a result can never apply on any complete path, when a condition
does not parse or reads a name that is neither a question of the flow nor ``applicant.*``, or
when it names a service or document that the published catalogue does not have.
"""

from __future__ import annotations

import re
from collections.abc import Collection, Mapping
from typing import Any

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from guichet.catalog import i18n
from guichet.catalog.conditions import ConditionError, names

from . import paths
from .engine import ASKED, END, KINDS, Definition, compile_definition

KEY = re.compile(r"^[a-z][a-z0-9_]{0,39}$")
VALUE = re.compile(r"^[a-z0-9][a-z0-9_\-]{0,39}$")
SLUG = re.compile(r"^[a-z0-9][a-z0-9\-]{0,59}$")
RESERVED = {END, ASKED, "applicant", "sheet", "preview"}
MAX_OPTIONS_MULTIPLE = 8
MAX_PATHS = 50_000


def check(
    doc: Mapping[str, Any],
    *,
    known_services: Collection[str] | None = None,
    known_evidence: Collection[str] | None = None,
) -> None:
    """Raise ValidationError listing every problem of the flow document, if it has any."""
    found = problems(doc, known_services=known_services, known_evidence=known_evidence)
    if found:
        raise ValidationError(found)


def problems(
    doc: Mapping[str, Any],
    *,
    known_services: Collection[str] | None = None,
    known_evidence: Collection[str] | None = None,
) -> list[str]:
    """Every problem of a flow document; an empty list means it may be saved."""
    if not isinstance(doc, Mapping):
        return [_("A flow must be a JSON object.")]
    found: list[str] = []
    if not SLUG.match(str(doc.get("slug", ""))):
        found.append(_("Give the flow a short name of lower-case letters, digits and dashes."))
    if not i18n.text(doc.get("title"), "en"):
        found.append(_("Give the flow a title in English."))
    if doc.get("audience", "person") not in ("person", "company"):
        found.append(_("The audience is either “person” or “company”."))
    raw_questions = doc.get("questions")
    raw_results = doc.get("results")
    if not isinstance(raw_questions, list) or not raw_questions:
        return [*found, _("A flow needs at least one question.")]
    if not isinstance(raw_results, list) or not all(isinstance(r, Mapping) for r in raw_results):
        return [*found, _("The results must be a list of objects.")]
    if not all(isinstance(q, Mapping) for q in raw_questions):
        return [*found, _("Each question must be a JSON object.")]
    structure = _question_problems(raw_questions)
    found += structure
    definition = compile_definition(doc)
    graph = _graph_problems(definition)
    found += graph
    condition_problems = _condition_problems(definition)
    found += condition_problems
    found += _result_problems(definition, raw_results, known_services, known_evidence)
    if not structure and not graph and not condition_problems:
        found += _reachability_problems(definition)
    return found


def _question_problems(raw_questions: list[Mapping]) -> list[str]:
    found: list[str] = []
    seen: set[str] = set()
    for raw in raw_questions:
        key = str(raw.get("key", ""))
        if not KEY.match(key) or key in RESERVED:
            found.append(
                _("“%(key)s” cannot name a question: use lower-case letters, digits and _.")
                % {"key": key}
            )
        if key in seen:
            found.append(_("Two questions are named “%(key)s”.") % {"key": key})
        seen.add(key)
        kind = raw.get("kind")
        if kind not in KINDS:
            found.append(
                _("Question “%(key)s”: the kind must be one of %(kinds)s.")
                % {"key": key, "kinds": ", ".join(KINDS)}
            )
        if not i18n.text(raw.get("text"), "en"):
            found.append(_("Question “%(key)s” has no text in English.") % {"key": key})
        options = raw.get("options") or []
        values = [str(o.get("value", "")) for o in options if isinstance(o, Mapping)]
        if len(values) != len(options):
            found.append(_("Question “%(key)s”: each option is an object.") % {"key": key})
        if kind in ("single", "multiple"):
            if len(values) < 2:
                found.append(_("Question “%(key)s” needs at least two options.") % {"key": key})
            for value in values:
                if not VALUE.match(value):
                    found.append(
                        _("Question “%(key)s”: “%(value)s” is not a valid option value.")
                        % {"key": key, "value": value}
                    )
            for option in options:
                if isinstance(option, Mapping) and not i18n.text(option.get("label"), "en"):
                    found.append(
                        _("Question “%(key)s”: option “%(value)s” has no label in English.")
                        % {"key": key, "value": option.get("value")}
                    )
        if kind == "yes_no" and set(values) - {"yes", "no"}:
            found.append(
                _("Question “%(key)s”: a yes/no question has only the options yes and no.")
                % {"key": key}
            )
        if kind == "multiple" and len(values) > MAX_OPTIONS_MULTIPLE:
            found.append(
                _("Question “%(key)s”: at most %(n)d options when several may be chosen.")
                % {"key": key, "n": MAX_OPTIONS_MULTIPLE}
            )
        if len(set(values)) != len(values):
            found.append(_("Question “%(key)s” repeats an option.") % {"key": key})
        found += _bounds_problems(key, kind, raw)
    return found


def _bounds_problems(key: str, kind: Any, raw: Mapping) -> list[str]:
    low, high = raw.get("min"), raw.get("max")
    if kind == "number":
        for bound in (low, high):
            if bound is not None and (
                isinstance(bound, bool) or not isinstance(bound, int | float)
            ):
                return [_("Question “%(key)s”: its limits must be numbers.") % {"key": key}]
    elif kind == "date":
        for bound in (low, high):
            if bound is not None and not re.match(r"^\d{4}-\d{2}-\d{2}$", str(bound)):
                return [_("Question “%(key)s”: its limits must be dates.") % {"key": key}]
    if low is not None and high is not None and low > high:
        return [_("Question “%(key)s”: its lower limit is above its upper one.") % {"key": key}]
    return []


def _graph_problems(definition: Definition) -> list[str]:
    found: list[str] = []
    questions = definition.questions
    if definition.start not in questions:
        return [_("The first question “%(key)s” does not exist.") % {"key": definition.start}]
    for key, question in questions.items():
        for label, target in question.targets():
            if target != END and target not in questions:
                found.append(
                    _(
                        "Dead end: question “%(key)s” (%(label)s) leads to “%(target)s”, which "
                        "does not exist."
                    )
                    % {"key": key, "label": label or _("next"), "target": target}
                )
        if question.next:
            continue
        if question.kind in ("single", "yes_no"):
            for option in question.options:
                if not option.next:
                    found.append(
                        _(
                            "Dead end: the answer “%(value)s” to “%(key)s” leads nowhere; give "
                            "it a next question, or “end”."
                        )
                        % {"key": key, "value": option.value}
                    )
        else:
            found.append(
                _("Dead end: question “%(key)s” needs a default next question (or “end”).")
                % {"key": key}
            )
    reached = {definition.start}
    queue = [definition.start]
    while queue:
        for _label, target in questions[queue.pop()].targets():
            if target in questions and target not in reached:
                reached.add(target)
                queue.append(target)
    for key in questions:
        if key not in reached:
            found.append(
                _("Question “%(key)s” cannot be reached from the first one.") % {"key": key}
            )
    cycle = find_cycle(definition)
    if cycle:
        found.append(_("The questions loop: %(cycle)s.") % {"cycle": " → ".join(cycle)})
    return found


def find_cycle(definition: Definition) -> list[str]:
    """A loop in the routing (its questions in order, the first repeated), or an empty list."""
    questions = definition.questions
    state: dict[str, int] = {}  # 1: on the current path, 2: done
    trail: list[str] = []

    def visit(key: str) -> list[str]:
        state[key] = 1
        trail.append(key)
        for _label, target in questions[key].targets():
            if target not in questions:
                continue
            if state.get(target) == 1:
                return [*trail[trail.index(target) :], target]
            if target not in state:
                cycle = visit(target)
                if cycle:
                    return cycle
        trail.pop()
        state[key] = 2
        return []

    for key in questions:
        if key not in state:
            cycle = visit(key)
            if cycle:
                return cycle
    return []


def _condition_problems(definition: Definition) -> list[str]:
    found: list[str] = []
    keys = set(definition.questions)
    sources = [(q.key, r.when) for q in definition.questions.values() for r in q.routes]
    sources += [(_("result %d") % (n + 1), r.when) for n, r in enumerate(definition.results)]
    for where, source in sources:
        try:
            read = names(source)
        except ConditionError as error:
            found.append(
                _("The condition “%(source)s” (%(where)s) does not parse: %(error)s")
                % {"source": source, "where": where, "error": error}
            )
            continue
        unknown = sorted(n for n in read if n not in keys and not n.startswith("applicant."))
        if unknown:
            found.append(
                _(
                    "The condition “%(source)s” (%(where)s) reads %(names)s, which is not a "
                    "question of this flow nor an applicant fact."
                )
                % {"source": source, "where": where, "names": ", ".join(unknown)}
            )
    return found


def _result_problems(
    definition: Definition,
    raw_results: list[Mapping],
    known_services: Collection[str] | None,
    known_evidence: Collection[str] | None,
) -> list[str]:
    if known_services is None or known_evidence is None:
        services, evidence = catalogue_codes()
        known_services = services if known_services is None else known_services
        known_evidence = evidence if known_evidence is None else known_evidence
    found: list[str] = []
    included = {r.service for r in definition.results if r.service}
    for number, (raw, result) in enumerate(zip(raw_results, definition.results, strict=True), 1):
        effects = [name for name in ("service", "requirement", "note") if raw.get(name)]
        if len(effects) != 1:
            found.append(
                _(
                    "Result %(n)d must do exactly one thing: include a service, switch a "
                    "requirement or add a note."
                )
                % {"n": number}
            )
            continue
        if result.service and result.service not in known_services:
            found.append(
                _(
                    "Result %(n)d names the service “%(code)s”, which is not in the published "
                    "catalogue."
                )
                % {"n": number, "code": result.service}
            )
        if raw.get("requirement"):
            found += _switch_problems(
                number, raw["requirement"], included, known_services, known_evidence
            )
        if result.note is not None and not i18n.text(result.note, "en"):
            found.append(_("Result %(n)d: the note has no text in English.") % {"n": number})
    return found


def _switch_problems(number, switch, included, known_services, known_evidence) -> list[str]:
    if not isinstance(switch, Mapping) or not isinstance(switch.get("required", True), bool):
        return [
            _(
                "Result %(n)d: a requirement switch gives the service, the evidence code and "
                "whether it is required (true or false)."
            )
            % {"n": number}
        ]
    found = []
    service, evidence = str(switch.get("service", "")), str(switch.get("evidence", ""))
    if service not in known_services:
        found.append(
            _("Result %(n)d names the service “%(code)s”, which is not in the published catalogue.")
            % {"n": number, "code": service}
        )
    elif service not in included:
        found.append(
            _("Result %(n)d switches a requirement of “%(code)s”, which no result includes.")
            % {"n": number, "code": service}
        )
    if evidence not in known_evidence:
        found.append(
            _("Result %(n)d names the document “%(code)s”, which the catalogue does not know.")
            % {"n": number, "code": evidence}
        )
    return found


def _reachability_problems(definition: Definition) -> list[str]:
    try:
        reached = paths.reachable_results(definition, limit=MAX_PATHS)
    except paths.TooManyPaths:
        return [
            _("The flow has more than %(n)d answer paths, too many to check each one: split it.")
            % {"n": MAX_PATHS}
        ]
    return [
        _("Result %(n)d (“%(when)s”) can never apply: no complete path satisfies its condition.")
        % {"n": index + 1, "when": result.when}
        for index, result in enumerate(definition.results)
        if index not in reached
    ]


def catalogue_codes() -> tuple[set[str], set[str]]:
    """The codes of the published services and of every evidence type, through the selectors."""
    from guichet.catalog import selectors

    services = set(selectors.published().values_list("service__code", flat=True))
    evidence = set(selectors.evidence_types().values_list("code", flat=True))
    return services, evidence
