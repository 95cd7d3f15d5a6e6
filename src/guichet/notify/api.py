from datetime import datetime

from ninja import Router, Schema
from ninja.pagination import paginate

from guichet.accounts.auth import session_or_token

from . import selectors

router = Router(tags=["inbox"])


class MessageOut(Schema):
    id: int
    subject: str
    body: str
    link: str
    created_at: datetime
    read_at: datetime | None


@router.get("/messages", response=list[MessageOut], auth=session_or_token("inbox"))
@paginate
def messages(request):
    """The caller's in-app messages, newest first."""
    return selectors.inbox_of(request.auth)
