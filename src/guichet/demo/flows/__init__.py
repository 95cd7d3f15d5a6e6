"""The demo city's guided flows, as flow documents, and their idempotent loader.

Each flow is the same JSON document an administrator exports and imports; they use the answer
names and service codes of docs/catalogue-vocabulary.md, so the demo catalogue's requirement
conditions switch on and off with the answers.
"""

from __future__ import annotations

import copy
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction

from .construction import CONSTRUCTION
from .life import BIRTH, MOVING, RETIREMENT
from .restaurant import RESTAURANT
from .supermarket import SUPERMARKET
from .venues import INTERNET_CAFE, PERFORMANCE

FLOWS: list[dict[str, Any]] = [
    SUPERMARKET,
    RESTAURANT,
    INTERNET_CAFE,
    PERFORMANCE,
    CONSTRUCTION,
    BIRTH,
    MOVING,
    RETIREMENT,
]


def documents() -> list[dict[str, Any]]:
    """Fresh copies of the demo flow documents."""
    return copy.deepcopy(FLOWS)


def document(slug: str) -> dict[str, Any]:
    return next(doc for doc in documents() if doc["slug"] == slug)


def load_flows(slugs: list[str] | None = None) -> str:
    """Publish each demo flow unless its published version says the same; one line to print.

    A flow whose services are not in the published catalogue is skipped and named, so the demo
    still loads when the catalogue is missing a service.
    """
    from guichet.guidance import selectors, services

    loaded, skipped = [], []
    for doc in documents():
        if slugs is not None and doc["slug"] not in slugs:
            continue
        current = selectors.published_flow(doc["slug"])
        if current is not None and services.same_content(current, doc):
            continue
        try:
            with transaction.atomic():
                services.import_flow(doc, publish_now=True)
        except ValidationError as error:
            skipped.append(f"{doc['slug']} ({error.messages[0][:100]})")
            continue
        loaded.append(doc["slug"])
    line = f"Guided flows: {len(loaded)} published"
    if skipped:
        line += f", {len(skipped)} skipped (load the catalogue first): " + " | ".join(skipped)
    return line + "."
