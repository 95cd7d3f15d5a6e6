"""Log in through the national identity provider (OpenID Connect), when a city switches it on."""

from __future__ import annotations

from django.conf import settings
from mozilla_django_oidc.auth import OIDCAuthenticationBackend

from guichet.audit import services as audit


class NationalIdentityBackend(OIDCAuthenticationBackend):
    """Match people by their national identity number first, then by e-mail."""

    def filter_users_by_claims(self, claims):
        national_id = claims.get(settings.OIDC_NATIONAL_ID_CLAIM)
        if national_id:
            found = self.UserModel.objects.filter(national_id=national_id)
            if found.exists():
                return found
        email = claims.get("email")
        return (
            self.UserModel.objects.filter(email__iexact=email)
            if email
            else self.UserModel.objects.none()
        )

    def create_user(self, claims):
        user = self.UserModel.objects.create_user(
            claims.get("email") or None,
            None,
            phone=claims.get("phone_number") or None,
            national_id=claims.get(settings.OIDC_NATIONAL_ID_CLAIM) or None,
            full_name=claims.get("name", ""),
        )
        audit.record(action="account.registered", actor=user, target=user, summary={"by": "oidc"})
        return user
