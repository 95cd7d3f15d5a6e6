"""Regression files: every answer path of a flow with the services and documents it yields.

One file per flow, checked in. A test regenerates them in memory and compares: any change in
a flow, or in the catalogue entries it uses, fails until the files are regenerated on purpose
(``guichet guidance-regressions``) and the difference is reviewed in the commit.

The file lists each distinct outcome (a "scenario") once, and each path's query string with
the number of its scenario, one per line, so a diff shows which paths changed and how.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from . import outcome, paths
from .engine import compile_definition


def flow_regression(doc: Mapping[str, Any]) -> dict[str, Any]:
    """The regression record of one flow document, against the published catalogue.

    Documents and notes repeat across scenarios, so each distinct document list of a service
    is stored once (``"FOOD-BUSINESS-LICENCE": [[...], [...]]``) and a scenario names it as
    ``FOOD-BUSINESS-LICENCE/1``; notes likewise, by number.
    """
    definition = compile_definition(doc)
    catalogue = outcome.Catalogue.for_flow(definition)
    documents: dict[str, list[list[str]]] = {}
    notes: list[str] = []
    scenarios: list[dict[str, Any]] = []
    index: dict[str, int] = {}
    answers: dict[str, int] = {}
    for path in paths.enumerate_paths(definition, extra_conditions=catalogue.conditions()):
        result = outcome.build(definition, path.context, catalogue)
        services = []
        for item in result.services:
            variants = documents.setdefault(item.code, [])
            codes = [d.code for d in item.documents]
            if codes not in variants:
                variants.append(codes)
            services.append(f"{item.code}/{variants.index(codes)}")
        noted = []
        for note in result.decision.notes:
            text = dict(note).get("en", "")
            if text not in notes:
                notes.append(text)
            noted.append(notes.index(text))
        scenario = {"services": services, "notes": noted}
        if result.missing:
            scenario["missing"] = result.missing
        key = json.dumps(scenario, sort_keys=True)
        if key not in index:
            index[key] = len(scenarios)
            scenarios.append(scenario)
        answers[path.query] = index[key]
    return {
        "flow": definition.slug,
        "paths": len(answers),
        "documents": documents,
        "notes": notes,
        "scenarios": scenarios,
        "answers": answers,
    }


def dumps(record: Mapping[str, Any]) -> str:
    """The record as text with one scenario and one path per line, for readable diffs."""
    lines = ["{", f'  "flow": {json.dumps(record["flow"])},', f'  "paths": {record["paths"]},']
    lines += ['  "documents": {']
    lines += _items(
        [f"    {json.dumps(k)}: {json.dumps(v)}" for k, v in record["documents"].items()]
    )
    lines += ["  },", '  "notes": [']
    lines += _items([f"    {json.dumps(n, ensure_ascii=False)}" for n in record["notes"]])
    lines += ["  ],", '  "scenarios": [']
    lines += _items([f"    {json.dumps(s)}" for s in record["scenarios"]])
    lines += ["  ],", '  "answers": {']
    lines += _items([f"    {json.dumps(k)}: {v}" for k, v in record["answers"].items()])
    lines += ["  }", "}"]
    return "\n".join(lines) + "\n"


def _items(entries: list[str]) -> list[str]:
    return [f"{e}," for e in entries[:-1]] + entries[-1:]


def _expand(record: Mapping[str, Any], number: int | None) -> dict[str, Any] | None:
    if number is None:
        return None
    scenario = record["scenarios"][number]
    services = {}
    for name in scenario["services"]:
        code, variant = name.rsplit("/", 1)
        services[code] = record["documents"][code][int(variant)]
    return {
        "services": services,
        "notes": [record["notes"][n] for n in scenario["notes"]],
        "missing": scenario.get("missing", []),
    }


def differences(
    expected: Mapping[str, Any], actual: Mapping[str, Any], limit: int = 10
) -> list[str]:
    """What changed between a stored record and a fresh one, path by path, in plain words."""
    found = []
    if expected.get("paths") != actual.get("paths"):
        found.append(f"paths: {expected.get('paths')} before, {actual.get('paths')} now")
    old_answers, new_answers = expected.get("answers", {}), actual.get("answers", {})
    for query in list(old_answers) + [q for q in new_answers if q not in old_answers]:
        before = _expand(expected, old_answers.get(query))
        now = _expand(actual, new_answers.get(query))
        if before != now:
            found.append(f"{query or '(no answers)'}:\n    before {before}\n    now    {now}")
        if len(found) >= limit:
            found.append("…")
            break
    return found


def path_for(directory: Path, slug: str) -> Path:
    return directory / f"{slug}.json"
