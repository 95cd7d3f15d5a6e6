"""Pages of applications for staff: acceptance, review, deadlines, delivery."""

from django.urls import path

from . import views_review, views_staff

app_name = "cases_work"
urlpatterns = [
    path("acceptance/", views_staff.acceptance, name="acceptance"),
    path("new/", views_staff.on_behalf, name="on_behalf"),
    path("delivery/", views_staff.delivery, name="delivery"),
    path("inbox/", views_review.inbox, name="inbox"),
    path("tasks/<int:task_id>/", views_review.task, name="task"),
    path("deadlines/", views_review.deadline_board, name="deadlines"),
    path("<str:number>/accept/", views_staff.accept, name="accept"),
    path("<str:number>/deliver/", views_staff.deliver, name="deliver"),
    path("<str:number>/materials/<int:material_id>/", views_staff.material, name="material"),
]
