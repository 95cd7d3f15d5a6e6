"""Small builders that keep the demo flow documents readable: each returns plain JSON data."""

from __future__ import annotations

from typing import Any


def t(en: str, zh: str) -> dict[str, str]:
    return {"en": en, "zh-hans": zh}


def opt(value: str, en: str, zh: str, next: str | None = None) -> dict[str, Any]:
    option: dict[str, Any] = {"value": value, "label": t(en, zh)}
    if next:
        option["next"] = next
    return option


def _question(key: str, kind: str, text: dict, hint: dict | None, **rest: Any) -> dict[str, Any]:
    question: dict[str, Any] = {"key": key, "kind": kind, "text": text}
    if hint:
        question["hint"] = hint
    question.update({k: v for k, v in rest.items() if v not in (None, [], ())})
    return question


def single(key: str, text: dict, options: list, *, next: str | None = None, hint=None) -> dict:
    return _question(key, "single", text, hint, options=options, next=next)


def multiple(
    key: str, text: dict, options: list, *, next: str, hint=None, routes=(), optional=False
) -> dict:
    extra = {"optional": True} if optional else {}
    return _question(
        key, "multiple", text, hint, options=options, routes=list(routes), next=next, **extra
    )


def yes_no(
    key: str,
    text: dict,
    *,
    next: str | None = None,
    yes: str | None = None,
    no: str | None = None,
    hint=None,
    routes=(),
) -> dict:
    options = [o for o in (_branch("yes", yes), _branch("no", no)) if o]
    return _question(key, "yes_no", text, hint, options=options, routes=list(routes), next=next)


def _branch(value: str, target: str | None) -> dict | None:
    return {"value": value, "next": target} if target else None


def number(
    key: str,
    text: dict,
    *,
    next: str,
    minimum: int = 0,
    maximum: int | None = None,
    unit: dict | None = None,
    hint=None,
    routes=(),
) -> dict:
    return _question(
        key,
        "number",
        text,
        hint,
        routes=list(routes),
        next=next,
        min=minimum,
        max=maximum,
        unit=unit,
    )


def route(when: str, target: str) -> dict[str, str]:
    return {"when": when, "next": target}


def service(code: str, when: str = "") -> dict[str, Any]:
    return {"when": when, "service": code}


def switch(service_code: str, evidence: str, when: str = "", *, required: bool = True) -> dict:
    return {
        "when": when,
        "requirement": {"service": service_code, "evidence": evidence, "required": required},
    }


def note(when: str, en: str, zh: str) -> dict[str, Any]:
    return {"when": when, "note": t(en, zh)}


def flow(
    slug: str, title: dict, intro: dict, audience: str, questions: list, results: list
) -> dict[str, Any]:
    return {
        "format": 1,
        "slug": slug,
        "title": title,
        "intro": intro,
        "start": questions[0]["key"],
        "audience": audience,
        "questions": questions,
        "results": results,
    }
