"""Pages of the data hub: my documents and certificates, my data, verification."""

from django.urls import path  # noqa: F401

app_name = "datahub"
urlpatterns: list = []
