"""Log in with an e-mail address or a phone number."""

from __future__ import annotations

from django.contrib.auth.backends import ModelBackend

from .models import User
from .services import normalise_phone


class EmailOrPhoneBackend(ModelBackend):
    def authenticate(self, request, username=None, password=None, login=None, **kwargs):
        login = (login or username or kwargs.get("email") or "").strip()
        if not login or password is None:
            return None
        user = find_user_by_login(login)
        if user is None:
            User().set_password(password)  # same work as a real check: no timing oracle
            return None
        if user.check_password(password) and self.user_can_authenticate(user):
            return user
        return None


def find_user_by_login(login: str) -> User | None:
    if "@" in login:
        return User.objects.filter(email__iexact=login).first()
    phone = normalise_phone(login)
    return User.objects.filter(phone=phone).first() if phone else None
