"""A small, safe condition language shared by requirements and the guided funnel.

Conditions are Python-like expressions over the funnel's answers and the applicant's facts:
``size == "large" and "cooked" in foods``, ``not applicant.is_company``, ``staff >= 50``.
Only comparisons, ``and``/``or``/``not``, names (``answer`` or ``applicant.fact``) and literal
values are allowed; anything else is refused when the condition is saved, never run.
An unknown name is ``None``, and ordering comparisons with ``None`` are false, so a question
that was not asked never switches a requirement on.
"""

from __future__ import annotations

import ast
import operator
from collections.abc import Mapping
from functools import lru_cache
from typing import Any


class ConditionError(ValueError):
    """The condition is not valid in the condition language."""


_COMPARE = {
    ast.Eq: operator.eq,
    ast.NotEq: operator.ne,
    ast.Lt: operator.lt,
    ast.LtE: operator.le,
    ast.Gt: operator.gt,
    ast.GtE: operator.ge,
}
_LITERALS = (str, int, float, bool, type(None))


@lru_cache(maxsize=4096)
def parse(source: str) -> ast.Expression | None:
    """Parse and check a condition; an empty one means "always"."""
    source = (source or "").strip()
    if not source:
        return None
    try:
        tree = ast.parse(source, mode="eval")
    except SyntaxError as error:
        raise ConditionError(f"Not a valid condition: {error.msg}") from error
    _check(tree.body)
    return tree


def _check(node: ast.AST) -> None:
    if isinstance(node, ast.BoolOp):
        for value in node.values:
            _check(value)
    elif isinstance(node, ast.UnaryOp) and isinstance(node.op, ast.Not):
        _check(node.operand)
    elif isinstance(node, ast.Compare):
        for op in node.ops:
            if type(op) not in _COMPARE and not isinstance(op, ast.In | ast.NotIn):
                raise ConditionError(f"Comparison {type(op).__name__} is not allowed.")
        for part in (node.left, *node.comparators):
            _check(part)
    elif isinstance(node, ast.Name):
        return
    elif isinstance(node, ast.Attribute):
        if not isinstance(node.value, ast.Name):
            raise ConditionError("Only one level of facts is allowed (applicant.fact).")
    elif isinstance(node, ast.Constant):
        if not isinstance(node.value, _LITERALS):
            raise ConditionError("Only text, numbers, true/false and None are allowed.")
    elif isinstance(node, ast.List | ast.Tuple | ast.Set):
        for element in node.elts:
            if not isinstance(element, ast.Constant) or not isinstance(element.value, _LITERALS):
                raise ConditionError("Lists may hold only literal values.")
    else:
        raise ConditionError(f"{type(node).__name__} is not allowed in a condition.")


def names(source: str) -> set[str]:
    """Every answer or fact a condition reads (``size``, ``applicant.is_company``)."""
    tree = parse(source)
    if tree is None:
        return set()
    found = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Attribute) and isinstance(node.value, ast.Name):
            found.add(f"{node.value.id}.{node.attr}")
        elif isinstance(node, ast.Name):
            found.add(node.id)
    # `applicant` alone is only the prefix of its facts.
    return {name for name in found if not any(other.startswith(f"{name}.") for other in found)}


def evaluate(source: str, context: Mapping[str, Any]) -> bool:
    """Whether the condition holds for these answers and facts."""
    tree = parse(source)
    return True if tree is None else bool(_eval(tree.body, context))


def _eval(node: ast.AST, context: Mapping[str, Any]) -> Any:
    if isinstance(node, ast.BoolOp):
        values = (_eval(v, context) for v in node.values)
        return all(values) if isinstance(node.op, ast.And) else any(values)
    if isinstance(node, ast.UnaryOp):
        return not _eval(node.operand, context)
    if isinstance(node, ast.Compare):
        left = _eval(node.left, context)
        for op, comparator in zip(node.ops, node.comparators, strict=True):
            right = _eval(comparator, context)
            if not _compare(op, left, right):
                return False
            left = right
        return True
    if isinstance(node, ast.Name):
        return context.get(node.id)
    if isinstance(node, ast.Attribute):
        return context.get(f"{node.value.id}.{node.attr}")
    if isinstance(node, ast.Constant):
        return node.value
    if isinstance(node, ast.List | ast.Tuple | ast.Set):
        return [element.value for element in node.elts]
    raise ConditionError(f"{type(node).__name__} is not allowed in a condition.")


def _compare(op: ast.cmpop, left: Any, right: Any) -> bool:
    if isinstance(op, ast.In | ast.NotIn):
        container = right if isinstance(right, list | tuple | set | str) else []
        found = left in container if left is not None else False
        return found if isinstance(op, ast.In) else not found
    if isinstance(op, ast.Eq | ast.NotEq):
        return _COMPARE[type(op)](left, right)
    if left is None or right is None:
        return False
    try:
        return _COMPARE[type(op)](left, right)
    except TypeError:
        return False
