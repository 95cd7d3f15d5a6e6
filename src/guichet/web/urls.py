from django.urls import path

from . import views

app_name = "web"
urlpatterns = [
    path("", views.home, name="home"),
    path("work/<str:role>/", views.role_home, name="role_home"),
    path("platform/audit/", views.audit_status, name="audit_status"),
]
