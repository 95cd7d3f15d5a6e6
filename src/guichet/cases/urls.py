"""Pages of applications: the applicant's side (the staff's are in urls_staff)."""

from django.urls import path

from . import views_applicant as views
from . import views_applicant_steps as steps

app_name = "cases"
urlpatterns = [
    path("", views.mine, name="mine"),
    path("new/", views.start, name="start"),
    path("reuse/", views.reuse, name="reuse"),
    path("<str:number>/", views.detail, name="detail"),
    path("<str:number>/edit/", steps.edit, name="edit"),
    path("<str:number>/tasks/<int:task_id>/answer/", views.answer, name="answer"),
    path("<str:number>/supply/", views.supply, name="supply"),
    path("<str:number>/withdraw/", views.withdraw, name="withdraw"),
    path("<str:number>/received/", views.confirm, name="confirm"),
]
