"""Log in (password, then a second factor for staff), log out, register."""

from __future__ import annotations

from urllib.parse import urlencode

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import authenticate, login, logout
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST
from django_otp import login as otp_login

from . import second_factor as second_factor_service
from . import services
from .auth import PublicWriteThrottle
from .forms import LoginForm, RegisterForm, TokenForm


def _next_url(request, default: str = "/") -> str:
    candidate = request.POST.get("next") or request.GET.get("next") or ""
    if candidate and url_has_allowed_host_and_scheme(
        candidate, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return candidate
    return default


@require_http_methods(["GET", "POST"])
def login_view(request):
    form = LoginForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        user = authenticate(
            request, login=form.cleaned_data["login"], password=form.cleaned_data["password"]
        )
        if user is None:
            form.add_error(None, _("The login or the password is wrong."))
        else:
            login(request, user)
            if services.needs_second_factor(user):
                return redirect(
                    f"{reverse('accounts:second_factor')}?{urlencode({'next': _next_url(request)})}"
                )
            services.record_login(user, second_factor=False)
            return redirect(_next_url(request))
    return render(
        request,
        "accounts/login.html",
        {"form": form, "next": _next_url(request, ""), "oidc_enabled": settings.OIDC_ENABLED},
    )


@login_required
@require_http_methods(["GET", "POST"])
def second_factor(request):
    """Staff prove a second factor; a first visit enrols an authenticator app."""
    if request.user.is_verified():
        return redirect(_next_url(request))
    device, enrolling = second_factor_service.device_for(request.user)
    form = TokenForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        if second_factor_service.prove(request.user, device, form.cleaned_data["token"]):
            otp_login(request, device)
            services.record_login(request.user, second_factor=True)
            return redirect(_next_url(request))
        form.add_error("token", _("That code is not right, or came too late. Try the next one."))
    context = {
        "form": form,
        "enrolling": enrolling,
        "next": _next_url(request, ""),
        "demo_code": second_factor_service.demo_code(device),
    }
    if enrolling:
        context.update(second_factor_service.provisioning(device))
    return render(request, "accounts/second_factor.html", context)


@require_POST
def logout_view(request):
    logout(request)
    messages.info(request, _("You are logged out."))
    return redirect("web:home")


# The page shares the public API's budget: one address, one budget, whichever door it uses.
_REGISTRATIONS = PublicWriteThrottle()


@require_http_methods(["GET", "POST"])
def register(request):
    form = RegisterForm(request.POST or None, initial={"preferred_language": request.LANGUAGE_CODE})
    if request.method == "POST" and not _REGISTRATIONS.allow_request(request):
        form.is_valid()
        form.add_error(None, _("Too many accounts were opened from this address. Try later."))
        return render(request, "accounts/register.html", {"form": form}, status=429)
    if request.method == "POST" and form.is_valid():
        try:
            user = services.register_citizen(**form.cleaned_data)
        except ValidationError as error:
            for field, field_errors in error.message_dict.items():
                for message in field_errors:
                    form.add_error(field if field in form.fields else None, message)
        else:
            login(request, user, backend="guichet.accounts.backends.EmailOrPhoneBackend")
            messages.success(request, _("Welcome. Your account is ready."))
            return redirect("web:home")
    return render(request, "accounts/register.html", {"form": form})
