"""The citizen's appointment pages, mounted at /appointments/."""

from django.urls import path, re_path

from . import views_appointments as views

app_name = "appointments"
urlpatterns = [
    path("", views.mine, name="mine"),
    path("book/", views.book, name="book"),
    re_path(r"^(?P<code>[0-9A-Za-z]{4,12})\.ics$", views.calendar_file, name="ics"),
    path("<str:code>/", views.detail, name="detail"),
    path("<str:code>/reschedule/", views.reschedule, name="reschedule"),
    path("<str:code>/cancel/", views.cancel, name="cancel"),
]
