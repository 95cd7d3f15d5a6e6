"""The JSON API at /api/v1/: one NinjaAPI, one router per app, one error shape."""

from ninja import NinjaAPI

from guichet.accounts.api import router as accounts_router
from guichet.cases.api import router as cases_router
from guichet.catalog.api import router as catalog_router
from guichet.centres.api import router as centres_router
from guichet.datahub.api import router as verify_router
from guichet.hotline.api import router as hotline_router
from guichet.notify.api import router as inbox_router
from guichet.ops.api import router as system_router

from . import problems

api = NinjaAPI(
    title="Guichet API",
    version="1.0",
    description=(
        "One-stop government services. Authenticate with a browser session or a scoped "
        "token (`Authorization: Bearer gch_…`). Every error is an RFC 9457 problem document."
    ),
    urls_namespace="api-v1",
    docs_url="/docs",
    openapi_url="/openapi.json",
)
problems.install(api)
api.add_router("/system", system_router)
api.add_router("/accounts", accounts_router)
api.add_router("/inbox", inbox_router)
api.add_router("/catalog", catalog_router)
api.add_router("/cases", cases_router)
api.add_router("/centres", centres_router)
api.add_router("/verify", verify_router)
api.add_router("/hotline", hotline_router)
