"""The centre manager's pages, mounted at /centres/manage/ (before the other centre pages)."""

from django.urls import path

from . import views_manager

app_name = "centres_manager"
urlpatterns = [
    path("<str:code>/", views_manager.today, name="today"),
    path("<str:code>/report/", views_manager.report, name="report"),
    path("<str:code>/staffing/", views_manager.staffing, name="staffing"),
]
