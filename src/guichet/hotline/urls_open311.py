"""Open311 GeoReport v2 at /open311/v2/: every resource as .json or .xml."""

from django.urls import re_path

from . import open311

app_name = "open311"

_FORMAT = r"\.(?P<fmt>json|xml)$"

urlpatterns = [
    re_path(r"^discovery" + _FORMAT, open311.discovery, name="discovery"),
    re_path(r"^services" + _FORMAT, open311.services_list, name="services"),
    re_path(r"^services/(?P<code>[^/]+?)" + _FORMAT, open311.service_definition, name="service"),
    re_path(r"^requests" + _FORMAT, open311.requests, name="requests"),
    re_path(r"^requests/(?P<number>[^/]+?)" + _FORMAT, open311.request_detail, name="request"),
    re_path(r"^tokens/(?P<token>[^/]+?)" + _FORMAT, open311.token, name="token"),
    re_path(r"^servicerequestupdates" + _FORMAT, open311.updates, name="updates"),
    # Anything else, an unknown format included: 404 with the spec's errors body.
    re_path(r"^(?P<rest>.*)$", open311.not_found, name="not_found"),
]
