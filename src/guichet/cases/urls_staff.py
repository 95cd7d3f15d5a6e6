"""Pages of applications for staff: acceptance, review, deadlines, delivery."""

from django.urls import path  # noqa: F401

app_name = "cases_work"
urlpatterns: list = []
