from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST

from . import selectors, services
from .models import InboxMessage


@login_required
def inbox(request):
    page = Paginator(selectors.inbox_of(request.user), 20).get_page(request.GET.get("page"))
    return render(request, "notify/inbox.html", {"page": page})


@login_required
@require_POST
def mark_read(request, message_id: int):
    message = get_object_or_404(InboxMessage, pk=message_id, recipient=request.user)
    services.mark_read(message, user=request.user)
    return redirect("notify:inbox")
