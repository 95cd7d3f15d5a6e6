"""Open311 GeoReport v2 documents: JSON and XML, built from the same rows.

The XML follows the specification's examples (root and element names, "true"/"false",
empty elements for missing values); the JSON is the spec's mapping of it (the Spark
convention: lists of objects, null for missing values). What a public row may show is decided
here too: reporters' names, numbers and addresses never leave the platform.
"""

from __future__ import annotations

import json
import re
import xml.etree.ElementTree as ET  # noqa: S405 (we only write XML, never parse it)
from collections.abc import Iterable
from datetime import datetime

from django.http import HttpResponse
from django.utils import timezone
from django.utils.html import strip_tags

from guichet.catalog import i18n

from .models import Attachment, Category, Request, RequestUpdate, WorkOrder
from .selectors import PUBLIC_DECIMALS

FORMATS = ("json", "xml")
CONTENT_TYPES = {"json": "application/json; charset=utf-8", "xml": "text/xml; charset=utf-8"}
SPECIFICATION = "http://wiki.open311.org/GeoReport_v2"
PUBLIC_TEXT_LIMIT = 1000

# A list's element name → the name of each of its items (the spec's XML shape).
ITEMS = {
    "services": "service",
    "attributes": "attribute",
    "values": "value",
    "service_requests": "request",
    "service_request_updates": "request_update",
    "errors": "error",
    "endpoints": "endpoint",
    "formats": "format",
}
DATATYPES = {"string", "number", "datetime", "text", "singlevaluelist", "multivaluelist"}
_XML_INVALID = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")
_EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
# Phone-like runs: groups of 3–4 digits. Dates (2026-11-23) do not match, nor do longer chains
# of digits and hyphens such as our own request numbers (12345-20261123-00042).
_PHONE = re.compile(r"(?<![\d+])(?<!\d-)\+?\d{2,4}(?:[\s-]?\d{3,4}){1,3}(?!\d)(?!-\d)")
_REDACTED = "[…]"


# --- Values -----------------------------------------------------------------------------------


def w3c(moment: datetime | None) -> str | None:
    """2026-11-23T09:14:47+08:00: the w3 note's form with the offset, without microseconds."""
    if moment is None:
        return None
    return timezone.localtime(moment).replace(microsecond=0).isoformat()


def rounded(value: float | None) -> float | None:
    return None if value is None else round(value, PUBLIC_DECIMALS)


def _redact_phone(match: re.Match) -> str:
    digits = sum(c.isdigit() for c in match.group(0))
    return _REDACTED if digits >= 7 else match.group(0)


def public_text(request: Request, text: str) -> str | None:
    """Text of a reportable request as the public may read it: no e-mail, phone or name.

    Other categories (the business desk's, consultations) may hold anything: no text at all.
    """
    if not text or request.category_id is None or not request.category.reportable:
        return None
    name = request.reporter_name.strip()
    secrets = [request.reporter_email, request.reporter_phone, name, *name.split()]
    for secret in sorted({s.strip() for s in secrets if len(s.strip()) >= 2}, key=len)[::-1]:
        pattern = re.escape(secret)
        if secret.isascii():  # whole words only: "Li" must not eat "Lights"
            pattern = rf"(?<!\w){pattern}(?!\w)"
        text = re.sub(pattern, _REDACTED, text, flags=re.IGNORECASE)
    # The spec: "may contain line breaks, but not html or code".
    text = strip_tags(_PHONE.sub(_redact_phone, _EMAIL.sub(_REDACTED, text))).strip()
    if len(text) > PUBLIC_TEXT_LIMIT:
        text = text[: PUBLIC_TEXT_LIMIT - 1].rstrip() + "…"
    return text or None


def followed(request: Request) -> Request:
    """A duplicate shows the state of the request it is handled with (always a root)."""
    if request.state == Request.State.DUPLICATE and request.parent_id:
        return request.parent
    return request


# --- Rows -------------------------------------------------------------------------------------


def service_row(category: Category) -> dict:
    return {
        "service_code": category.code,
        "service_name": category.display_name,
        "description": i18n.text(category.description) or None,
        "metadata": bool(category.attributes),
        "type": "realtime",
        "keywords": category.keywords or None,
        "group": category.group or None,
    }


def _attribute_row(attribute: dict, position: int) -> dict:
    datatype = attribute.get("datatype") or "string"
    values = attribute.get("values") or []
    return {
        "variable": bool(attribute.get("variable", True)),
        "code": str(attribute.get("code", "")),
        "datatype": datatype if datatype in DATATYPES else "string",
        "required": bool(attribute.get("required", False)),
        "datatype_description": i18n.text(attribute.get("datatype_description")) or None,
        "order": int(attribute.get("order") or position),
        "description": i18n.text(attribute.get("description")) or None,
        "values": [
            {"key": str(value.get("key", "")), "name": i18n.text(value.get("name")) or None}
            for value in values
            if isinstance(value, dict)
        ],
    }


def definition_row(category: Category) -> dict:
    attributes = [
        _attribute_row(attribute, position)
        for position, attribute in enumerate(category.attributes or [], start=1)
        if isinstance(attribute, dict)
    ]
    attributes.sort(key=lambda row: row["order"])
    return {"service_code": category.code, "attributes": attributes}


def _media_url(attachments: Iterable[Attachment]) -> str | None:
    """The first media address a reporter gave. Our own photos stay private: a photo of a
    street may show faces and number plates, and nobody reviews them before publication."""
    return next((a.url for a in attachments if a.url), None)


def _agency(orders: Iterable[WorkOrder], category: Category | None, names: dict) -> str | None:
    """Departments only: a community worker or desk manager is a person, never named."""
    gone = {WorkOrder.State.CANCELLED, WorkOrder.State.RETURNED}
    live = [o for o in orders if o.state not in gone]
    codes = [
        o.department_code
        for o in live
        if o.department_code and o.assignee == WorkOrder.Assignee.DEPARTMENT
    ]
    if not live and category is not None and category.department_code:
        codes = [category.department_code]  # not dispatched (yet): the category's department
    unique = list(dict.fromkeys(codes))
    return ", ".join(names.get(code, code) for code in unique) or None


def request_row(request: Request, *, agencies: dict) -> dict:
    """One request as GET requests shows it (prefetched `report_media` and `all_orders`)."""
    shown = followed(request)
    closed = shown.state == Request.State.CLOSED
    orders = getattr(request, "all_orders", [])
    due = [o.due_at for o in orders if o.state in WorkOrder.OPEN_STATES]
    category = request.category if request.category_id else None
    public = category is not None and category.reportable
    return {
        "service_request_id": request.number,
        "status": "closed" if closed else "open",
        "status_notes": public_text(request, getattr(request, "last_note", "") or ""),
        "service_name": category.display_name if category else None,
        "service_code": category.code if category else None,
        "description": public_text(request, request.description),
        "agency_responsible": _agency(orders, category, agencies),
        "service_notice": None,
        "requested_datetime": w3c(request.created_at),
        "updated_datetime": w3c((shown.closed_at if closed else None) or request.updated_at),
        "expected_datetime": w3c(min(due)) if due else None,
        "address": (request.address or request.district or None)
        if public
        else (request.district or None),
        "address_id": None,
        "zipcode": None,
        "lat": rounded(request.lat),
        "long": rounded(request.lon),
        "media_url": _media_url(getattr(request, "report_media", [])) if public else None,
    }


def update_row(update: RequestUpdate) -> dict:
    """One RequestUpdate (the servicerequestupdates extension). Photos of fixes are ours, so
    never published (see `_media_url`): the field is there, empty, as the extension has it."""
    request = update.request
    # A duplicate is linked to an open request only, and closed with it (its own update).
    closed = update.state == Request.State.CLOSED
    return {
        "update_id": str(update.pk),
        "service_request_id": request.number,
        "status": "closed" if closed else "open",
        "updated_datetime": w3c(update.created_at),
        "description": public_text(request, update.description),
        "media_url": None,
    }


# --- Documents --------------------------------------------------------------------------------


def _text(value) -> str | None:
    if value is None:
        return None
    if isinstance(value, bool):
        return "true" if value else "false"
    return _XML_INVALID.sub("", str(value))


def _element(parent: ET.Element, name: str, value) -> None:
    node = ET.SubElement(parent, name)
    if isinstance(value, dict):
        for key, item in value.items():
            _element(node, key, item)
    elif isinstance(value, list):
        for item in value:
            _element(node, ITEMS.get(name, "item"), item)
    else:
        node.text = _text(value)


def to_xml(root: str, document) -> bytes:
    """The spec's XML: a declaration, then `root` holding the document (a dict or a list)."""
    tree = ET.Element(root)
    if isinstance(document, list):
        for item in document:
            _element(tree, ITEMS[root], item)
    else:
        for key, item in document.items():
            _element(tree, key, item)
    body = ET.tostring(tree, encoding="unicode")
    return f'<?xml version="1.0" encoding="utf-8"?>\n{body}'.encode()


def _json_safe(value):
    if isinstance(value, str):
        return _XML_INVALID.sub("", value)
    if isinstance(value, list):
        return [_json_safe(v) for v in value]
    if isinstance(value, dict):
        return {k: _json_safe(v) for k, v in value.items()}
    return value


def render(
    fmt: str, root: str, document, *, status: int = 200, headers: dict | None = None
) -> HttpResponse:
    if fmt == "xml":
        content = to_xml(root, document)
    else:
        content = json.dumps(_json_safe(document), ensure_ascii=False).encode()
    response = HttpResponse(content, status=status, content_type=CONTENT_TYPES[fmt])
    for name, value in (headers or {}).items():
        response[name] = value
    return response


def errors(fmt: str, status: int, description: str, *, headers: dict | None = None):
    """The spec's errors body: [{"code": 400, "description": "…"}] or <errors><error>…."""
    document = [{"code": status, "description": str(description)}]
    return render(fmt, "errors", document, status=status, headers=headers)
