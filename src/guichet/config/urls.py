from django.conf import settings
from django.contrib import admin
from django.urls import include, path, re_path
from django.views.generic import RedirectView

from guichet.centres import urls as centres_urls
from guichet.config.api import api
from guichet.ops import views as ops_views

urlpatterns = [
    path("healthz", ops_views.healthz, name="healthz"),
    path("readyz", ops_views.readyz, name="readyz"),
    path("api/v1/", api.urls),
    re_path(r"^api/", ops_views.api_not_found),
    path("i18n/", include("django.conf.urls.i18n")),
    path("accounts/", include("guichet.accounts.urls")),
    path("inbox/", include("guichet.notify.urls")),
    # One login for the whole platform (lockout, second factor), the admin site's included.
    path("admin/login/", RedirectView.as_view(pattern_name="accounts:login", query_string=True)),
    path("admin/", admin.site.urls),
    path("guide/", include("guichet.guidance.urls")),
    path("services/", include("guichet.catalog.urls")),
    path("applications/work/", include("guichet.cases.urls_staff")),
    path("applications/", include("guichet.cases.urls")),
    path("centres/manage/", include("guichet.centres.urls_manager")),
    path("centres/", include("guichet.centres.urls")),
    # Before the web app's /kiosk/: the kiosk start page lists the centres' kiosks.
    path("kiosk/", include(centres_urls.kiosk_urlpatterns)),
    path("appointments/", include("guichet.centres.urls_appointments")),
    path("hotline/", include("guichet.hotline.urls")),
    path("open311/v2/", include("guichet.hotline.urls_open311")),
    path("", include("guichet.datahub.urls")),
    path("", include("guichet.web.urls")),
]
if settings.OIDC_ENABLED:
    urlpatterns.insert(0, path("oidc/", include("mozilla_django_oidc.urls")))

handler404 = "guichet.web.views.not_found"
handler403 = "guichet.web.views.forbidden"
handler500 = "guichet.web.views.server_error"
