from django.conf import settings

from guichet.accounts import services as accounts
from guichet.notify import selectors as notify


def shell(request) -> dict:
    """What every page's shell needs: the user's roles, unread messages, the languages."""
    user = getattr(request, "user", None)
    signed_in = bool(user and user.is_authenticated)
    return {
        "shell_languages": settings.LANGUAGES,
        "shell_unread": notify.unread_count(user) if signed_in else 0,
        "shell_role": accounts.primary_role(user) if signed_in else None,
        "shell_kiosk": request.path.startswith("/kiosk"),
    }
