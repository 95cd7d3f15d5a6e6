"""Every complete answer path through a flow, for validation, regression files and counting.

Choices are enumerated as they are (every option, every allowed set of options). A number or
a date has infinitely many answers, but a flow only tells them apart through the comparisons
its conditions make (``area_m2 >= 300``), so each is represented by one value per region those
thresholds cut the line into: the same path and the same results follow for any other value
of the region.
"""

from __future__ import annotations

import ast
import datetime as dt
import itertools
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from typing import Any

from guichet.catalog.conditions import ConditionError, evaluate, names, parse

from .engine import END, Definition, Question, decide, encode_answer, next_node

_OPS = {
    ast.Eq: lambda a, b: a == b,
    ast.NotEq: lambda a, b: a != b,
    ast.Lt: lambda a, b: a < b,
    ast.LtE: lambda a, b: a <= b,
    ast.Gt: lambda a, b: a > b,
    ast.GtE: lambda a, b: a >= b,
}
_FLIPPED = {ast.Lt: ast.Gt, ast.LtE: ast.GtE, ast.Gt: ast.Lt, ast.GtE: ast.LtE}


class TooManyPaths(RuntimeError):
    """The flow has more paths than can be checked one by one."""


@dataclass(frozen=True)
class AnswerPath:
    answers: tuple[tuple[str, Any], ...]
    pairs: tuple[tuple[str, str], ...]  # the URL's (key, value) pairs

    @property
    def context(self) -> dict[str, Any]:
        return dict(self.answers)

    @property
    def query(self) -> str:
        return "&".join(f"{k}={v}" for k, v in self.pairs)


def all_conditions(definition: Definition) -> list[str]:
    found = [r.when for q in definition.questions.values() for r in q.routes]
    return found + [r.when for r in definition.results]


def _comparisons(source: str) -> Iterator[tuple[str, type, Any]]:
    """Each (name, operator, literal) comparison in a condition, the name on the left."""
    try:
        tree = parse(source)
    except ConditionError:
        return
    if tree is None:
        return

    def name_of(node: ast.AST) -> str | None:
        if isinstance(node, ast.Name):
            return node.id
        if isinstance(node, ast.Attribute) and isinstance(node.value, ast.Name):
            return f"{node.value.id}.{node.attr}"
        return None

    for node in ast.walk(tree):
        if not isinstance(node, ast.Compare):
            continue
        parts = [node.left, *node.comparators]
        for op, left, right in zip(node.ops, parts, parts[1:], strict=False):
            op_type = type(op)
            if name_of(left) and isinstance(right, ast.Constant):
                yield name_of(left), op_type, right.value
            elif name_of(right) and isinstance(left, ast.Constant):
                yield name_of(right), _FLIPPED.get(op_type, op_type), left.value
            elif name_of(left) and isinstance(right, ast.List | ast.Tuple | ast.Set):
                for element in right.elts:
                    if isinstance(element, ast.Constant):
                        yield name_of(left), ast.Eq, element.value


def _shift(value: Any, step: int) -> Any:
    if isinstance(value, str):
        try:
            return (dt.date.fromisoformat(value) + dt.timedelta(days=step)).isoformat()
        except ValueError:
            return value
    return value + step


def representatives(question: Question, conditions: Iterable[str]) -> list[Any]:
    """One value per region of the number (or date) line that the conditions distinguish."""
    atoms = []
    for source in conditions:
        for name, op, literal in _comparisons(source):
            wanted = str if question.kind == "date" else (int, float)
            number_or_date = isinstance(literal, wanted) and not isinstance(literal, bool)
            if name == question.key and op in _OPS and number_or_date:
                atoms.append((op, literal))
    candidates = {_shift(lit, step) for _op, lit in atoms for step in (-1, 0, 1)}
    if question.minimum is not None:
        candidates.add(question.minimum)
    fallback = question.minimum if question.minimum is not None else 0
    if question.kind == "date" and question.minimum is None:
        fallback = "2000-01-01"
    candidates = {
        c
        for c in candidates
        if (question.minimum is None or c >= question.minimum)
        and (question.maximum is None or c <= question.maximum)
    } or {fallback}
    seen, kept = set(), []
    for value in sorted(candidates):
        signature = tuple(_OPS[op](value, literal) for op, literal in atoms)
        if signature not in seen:
            seen.add(signature)
            kept.append(value)
    return kept


def answers_of(question: Question, conditions: Iterable[str]) -> list[Any]:
    """The answers a path may give to this question (as typed values)."""
    if question.kind == "single":
        return [o.value for o in question.options]
    if question.kind == "yes_no":
        return [True, False]
    if question.kind == "multiple":
        values = [o.value for o in question.options]
        sizes = range(0 if question.optional else 1, len(values) + 1)
        return [list(c) for n in sizes for c in itertools.combinations(values, n)]
    return representatives(question, conditions)


def enumerate_paths(
    definition: Definition,
    *,
    facts: Mapping[str, Any] | None = None,
    extra_conditions: Iterable[str] = (),
    limit: int = 50_000,
) -> Iterator[AnswerPath]:
    """Every complete path from the first question to the end (depth first, in option order)."""
    conditions = [*all_conditions(definition), *extra_conditions]
    choices = {key: answers_of(q, conditions) for key, q in definition.questions.items()}
    count = 0

    def follow(node: str, answers: list[tuple[str, Any]], context: dict) -> Iterator[AnswerPath]:
        nonlocal count
        if node == END:
            count += 1
            if count > limit:
                raise TooManyPaths(limit)
            pairs = tuple(
                (key, raw)
                for key, value in answers
                for raw in encode_answer(definition.questions[key], value)
            )
            yield AnswerPath(tuple(answers), pairs)
            return
        question = definition.questions.get(node)
        if question is None or len(answers) > len(definition.questions):
            return
        for value in choices[node]:
            inner = {**context, node: value}
            target = next_node(question, value, inner)
            yield from follow(target, [*answers, (node, value)], inner)

    yield from follow(definition.start, [], dict(facts or {}))


def fact_assignments(definition: Definition, *, limit: int = 64) -> list[dict[str, Any]]:
    """Candidate values for the applicant's facts that the flow's conditions read."""
    values: dict[str, set] = {}
    for source in all_conditions(definition):
        try:
            read = names(source)
        except ConditionError:
            continue
        for name in read:
            if name.startswith("applicant."):
                values.setdefault(name, set()).update({None, True, False})
        for name, _op, literal in _comparisons(source):
            if name.startswith("applicant."):
                values[name].add(literal)
                if isinstance(literal, int | float) and not isinstance(literal, bool):
                    values[name].update({literal - 1, literal + 1})
    ordered = sorted(values)
    combos = itertools.product(*(sorted(values[n], key=repr) for n in ordered))
    return [dict(zip(ordered, combo, strict=True)) for combo in itertools.islice(combos, limit)]


def reachable_results(definition: Definition, *, limit: int = 50_000) -> set[int]:
    """The indices of results that hold on at least one complete path (for some facts)."""
    found: set[int] = set()
    total = len(definition.results)
    for facts in fact_assignments(definition) or [{}]:
        for path in enumerate_paths(definition, facts=facts, limit=limit):
            context = {**facts, **path.context}
            for index, result in enumerate(definition.results):
                if index not in found and _holds(result.when, context):
                    found.add(index)
            if len(found) == total:
                return found
    return found


def _holds(source: str, context: Mapping[str, Any]) -> bool:
    try:
        return evaluate(source, context)
    except ConditionError:
        return False


def scenarios(definition: Definition, **options: Any) -> dict[Any, list[AnswerPath]]:
    """Paths grouped by the decision they reach: each group is one scenario."""
    grouped: dict[Any, list[AnswerPath]] = {}
    for path in enumerate_paths(definition, **options):
        grouped.setdefault(decide(definition, path.context), []).append(path)
    return grouped


def activities(definition: Definition) -> set[str]:
    """The activities a flow covers: the values of its `activity` question, or the flow."""
    question = definition.questions.get("activity")
    if question is None:
        return {definition.slug}
    return {o.value for o in question.options}
