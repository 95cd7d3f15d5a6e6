"""RFC 9457 problem details: the one shape of every API error."""

from __future__ import annotations

import json
import logging
from http import HTTPStatus

from django.core.exceptions import PermissionDenied, RequestDataTooBig, SuspiciousOperation
from django.core.exceptions import ValidationError as DjangoValidationError
from django.http import Http404, HttpRequest, HttpResponse
from ninja import NinjaAPI
from ninja.errors import AuthenticationError, HttpError, Throttled, ValidationError

from guichet.ops.states import InvalidTransition

logger = logging.getLogger("guichet.api")

CONTENT_TYPE = "application/problem+json"


def problem_response(
    request: HttpRequest,
    status: int,
    code: str,
    title: str,
    detail: str = "",
    *,
    errors: list[dict] | None = None,
    headers: dict[str, str] | None = None,
) -> HttpResponse:
    body = {
        "type": f"urn:guichet:problem:{code}",
        "title": title,
        "status": status,
        "detail": detail or title,
        "instance": request.path,
        "request_id": getattr(request, "request_id", ""),
    }
    if errors is not None:
        body["errors"] = errors
    response = HttpResponse(
        json.dumps(body, ensure_ascii=False), status=status, content_type=CONTENT_TYPE
    )
    for name, value in (headers or {}).items():
        response[name] = value
    return response


def _field_errors_from_ninja(errors: list[dict]) -> list[dict]:
    out = []
    for error in errors:
        # ninja's location is (where, parameter name, field…): name the field as the
        # client wrote it, and say where it was (body, query, path, header).
        location = [str(part) for part in error.get("loc", [])]
        field = location[2:] if len(location) > 2 else location[1:]
        out.append(
            {
                "field": ".".join(field),
                "in": location[0] if location else "",
                "message": error.get("msg", ""),
                "code": error.get("type", "invalid"),
            }
        )
    return out


def _field_errors_from_django(error: DjangoValidationError) -> list[dict]:
    """One entry per refusal, with the rule's code (services raise coded errors)."""
    by_field = error.error_dict if hasattr(error, "error_dict") else {"": error.error_list}
    errors = []
    for field, refusals in by_field.items():
        for refusal in refusals:
            errors.append(
                {
                    "field": field,
                    "message": " ".join(refusal.messages),
                    "code": refusal.code or "invalid",
                }
            )
            # A refusal listing what is missing (e.g. documents) names each one for clients.
            for name in (
                (refusal.params or {}).get("missing", [])
                if isinstance(refusal.params, dict)
                else []
            ):
                errors.append({"field": "documents", "message": str(name), "code": "missing"})
    return errors


def validation_problem(request: HttpRequest, error: DjangoValidationError) -> HttpResponse:
    """A domain refusal as a 422 problem typed by its rule's code (``urn:…:slot-full``)."""
    errors = _field_errors_from_django(error)
    coded = [e for e in errors if e["code"] not in ("invalid", "missing")]
    code = coded[0]["code"] if coded else "validation"
    detail = " ".join(e["message"] for e in errors if e["code"] != "missing")
    return problem_response(request, 422, code, "Invalid input", detail, errors=errors)


def install(api: NinjaAPI) -> None:
    """Make every error the API can raise a problem-details answer."""

    @api.exception_handler(ValidationError)
    def invalid(request, exc: ValidationError):
        # The request's shape: which fields are missing or malformed.
        return problem_response(
            request,
            422,
            "validation",
            "Invalid input",
            "Some fields are missing or invalid.",
            errors=_field_errors_from_ninja(exc.errors),
        )

    @api.exception_handler(DjangoValidationError)
    def refused(request, exc: DjangoValidationError):
        # The domain's rules: typed by the rule's code so clients can react to each.
        return validation_problem(request, exc)

    @api.exception_handler(InvalidTransition)
    def conflict(request, exc: InvalidTransition):
        return problem_response(
            request,
            409,
            "invalid-transition",
            "Conflict",
            f"Not possible in the state {exc.current!r}.",
        )

    @api.exception_handler(Throttled)
    def throttled(request, exc: Throttled):
        wait = int(exc.wait or 60)
        return problem_response(
            request,
            429,
            "rate-limited",
            "Too many requests",
            f"Try again in {wait} seconds.",
            headers={"Retry-After": str(wait)},
        )

    @api.exception_handler(AuthenticationError)
    def unauthenticated(request, exc: AuthenticationError):
        return problem_response(
            request,
            401,
            "unauthenticated",
            "Authentication required",
            "Log in, or send a valid API token as 'Authorization: Bearer …'.",
            headers={"WWW-Authenticate": 'Bearer realm="guichet"'},
        )

    @api.exception_handler(HttpError)
    def http_error(request, exc: HttpError):
        return problem_response(
            request, exc.status_code, f"http-{exc.status_code}", _title(exc.status_code), str(exc)
        )

    @api.exception_handler(Http404)
    def not_found(request, exc: Http404):
        return problem_response(
            request, 404, "not-found", "Not found", "No such resource, or it is not yours to see."
        )

    @api.exception_handler(PermissionDenied)
    @api.exception_handler(PermissionError)
    def forbidden(request, exc: Exception):
        return problem_response(
            request, 403, "forbidden", "Forbidden", str(exc) or "You may not do this."
        )

    @api.exception_handler(RequestDataTooBig)
    def too_big(request, exc: Exception):
        return problem_response(
            request,
            413,
            "too-large",
            "Request too large",
            "The request body is larger than this platform accepts.",
        )

    @api.exception_handler(SuspiciousOperation)
    def suspicious(request, exc: Exception):
        return problem_response(
            request, 400, "bad-request", "Bad request", "The request could not be accepted as sent."
        )

    @api.exception_handler(Exception)
    def unexpected(request, exc: Exception):
        logger.exception("unhandled API error")
        return problem_response(
            request,
            500,
            "internal",
            "Internal error",
            "Something went wrong on our side; it has been logged.",
        )


def _title(status: int) -> str:
    try:
        return HTTPStatus(status).phrase
    except ValueError:
        return "Error"


class ApiProblemMiddleware:
    """Answers the framework gives outside our handlers (405, CSRF 403, 413…) become problems.

    ninja and Django return some errors as bare HTML before our exception handlers run;
    an API client must still get the one documented shape.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if (
            request.path.startswith("/api/")
            and response.status_code >= 400
            and not response.get("Content-Type", "").startswith(("application/problem+json",))
            and not getattr(response, "streaming", False)
        ):
            detail = {
                403: "The request was refused (for a browser session: the CSRF token is "
                "missing or wrong).",
                405: f"Allowed methods: {response.get('Allow', '')}.",
            }.get(response.status_code, "")
            converted = problem_response(
                request,
                response.status_code,
                f"http-{response.status_code}",
                _title(response.status_code),
                detail,
            )
            if response.has_header("Allow"):
                converted["Allow"] = response["Allow"]
            return converted
        return response
