from django.urls import path

from . import views

app_name = "accounts"
urlpatterns = [
    path("login/", views.login_view, name="login"),
    path("second-factor/", views.second_factor, name="second_factor"),
    path("logout/", views.logout_view, name="logout"),
    path("register/", views.register, name="register"),
]
