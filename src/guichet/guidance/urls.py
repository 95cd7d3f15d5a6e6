from django.urls import path

from . import views

app_name = "guidance"
urlpatterns = [
    path("", views.index, name="index"),
    path("<slug:slug>/", views.question, name="flow"),
    path("<slug:slug>/sheet/", views.sheet_page, name="sheet"),
    path("<slug:slug>/sheet.pdf", views.sheet_pdf, name="sheet_pdf"),
]
