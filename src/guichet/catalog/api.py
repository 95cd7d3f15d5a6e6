"""The public catalogue: published services only, no login, every list paginated and ordered."""

from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.utils import translation
from django.utils.cache import patch_cache_control
from django.utils.translation import gettext as _
from ninja import Query, Router
from ninja.pagination import paginate

from . import cpsv, i18n, selectors
from .schemas import (
    DepartmentOut,
    EventOut,
    EvidenceTypeOut,
    ServiceDetailOut,
    ServiceFilters,
    ServiceSummaryOut,
)
from .search import search

router = Router(tags=["catalogue"], auth=None)

LANG = Query(None, description="Language to render names in (default: the browser's).")


def use_language(request: HttpRequest, lang: str | None) -> str:
    """Render in `lang` when given, else in the language the locale middleware chose."""
    if lang is None:
        return translation.get_language() or "en"
    language = lang.strip().lower().replace("_", "-")
    if language not in i18n.LANGUAGE_CODES:
        raise ValidationError(
            {
                "lang": [
                    _("Unknown language %(lang)s; use one of: %(codes)s.")
                    % {"lang": lang, "codes": ", ".join(i18n.LANGUAGE_CODES)}
                ]
            }
        )
    translation.activate(language)
    request.LANGUAGE_CODE = language
    return language


@router.get("/services", response=list[ServiceSummaryOut])
@paginate
def list_services(request, filters: Query[ServiceFilters], lang: str | None = LANG):
    """Published services, by code; `q` searches names and keywords."""
    language = use_language(request, lang)
    criteria = filters.dict()
    query = criteria.pop("q", None)
    versions = selectors.filter_published(**criteria)
    return search(query, language=language, versions=versions) if query else versions


@router.get("/services/{code}", response=ServiceDetailOut)
def service_detail(request, code: str, lang: str | None = LANG):
    """Everything a published service says, in every language and rendered in one."""
    use_language(request, lang)
    version = selectors.published_detail(code)
    if version is None:
        raise Http404(code)
    return version


@router.get("/departments", response=list[DepartmentOut])
@paginate
def list_departments(request, lang: str | None = LANG):
    use_language(request, lang)
    return selectors.departments()


@router.get("/evidence-types", response=list[EvidenceTypeOut])
@paginate
def list_evidence_types(request, lang: str | None = LANG):
    use_language(request, lang)
    return selectors.evidence_types()


@router.get("/events", response=list[EventOut])
@paginate
def list_events(request, lang: str | None = LANG):
    """Life and business events, the way into the catalogue by situation."""
    use_language(request, lang)
    return selectors.events()


@router.get(
    "/cpsv-ap.jsonld",
    openapi_extra={
        "responses": {
            200: {
                "description": "The published catalogue in CPSV-AP 3.2.0 (JSON-LD).",
                "content": {"application/ld+json": {"schema": {"type": "object"}}},
            }
        }
    },
)
def cpsv_ap(request):
    """The whole published catalogue for EU and national service registries (CPSV-AP 3.2.0)."""
    response = HttpResponse(cpsv.export_bytes(), content_type=cpsv.CONTENT_TYPE)
    patch_cache_control(response, public=True, max_age=cpsv.CACHE_SECONDS)
    return response
