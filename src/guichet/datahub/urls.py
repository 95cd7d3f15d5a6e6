"""Pages of the data hub: my documents and certificates, my data, verification."""

from django.urls import path

from . import views

app_name = "datahub"
urlpatterns = [
    path("my/documents/", views.documents, name="documents"),
    path("my/documents/<int:pk>/file", views.document_file, name="document_file"),
    path("my/certificates/<str:number>.pdf", views.certificate_pdf, name="certificate_pdf"),
    path("my/data/", views.my_data, name="my_data"),
    path("verify", views.verify, name="verify"),
    path(".well-known/jwks.json", views.jwks, name="jwks"),
]
