"""Pages of applications: the applicant's side (filled in by views_applicant)."""

from django.urls import path  # noqa: F401

app_name = "cases"
urlpatterns: list = []
