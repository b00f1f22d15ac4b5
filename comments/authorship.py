"""Which comments this browser wrote, proven by a signed cookie.

Posting a comment adds its id to the cookie. The cookie lets the browser see its own held
comments ("awaiting moderation") and edit or delete its comments for a short while after
posting, with no account. The edit window is counted from the comment's own creation time
on the server, so an old cookie buys no extra time.
"""

from datetime import timedelta

from django.conf import settings
from django.utils import timezone

from comments.models import CommentStatus

COOKIE = "comments_mine"
SALT = "comments.authorship"
# Long enough to see a held comment through moderation.
MAX_AGE = timedelta(days=30)
# The newest ids kept; the cookie stays small however much someone writes.
KEEP = 30


def authored_ids(request):
    """The ids of the comments this browser posted (a frozenset, empty if none or forged)."""
    value = request.get_signed_cookie(COOKIE, default="", salt=SALT, max_age=MAX_AGE)
    return frozenset(int(part) for part in value.split(".") if part.isdigit())


def remember(request, response, comment):
    """Add the comment to the browser's cookie, set on `response`."""
    ids = sorted(authored_ids(request) | {comment.pk})[-KEEP:]
    response.set_signed_cookie(
        COOKIE,
        ".".join(map(str, ids)),
        salt=SALT,
        max_age=MAX_AGE,
        httponly=True,
        samesite="Lax",
        secure=request.is_secure(),
    )


def edit_deadline(comment):
    """Until when its author may edit or delete the comment."""
    return comment.created_at + timedelta(minutes=settings.COMMENTS_EDIT_MINUTES)


def may_change(comment, ids):
    """Whether the browser that holds these ids may still edit or delete the comment."""
    return (
        comment.pk in ids
        and comment.status in (CommentStatus.PUBLISHED, CommentStatus.PENDING)
        and timezone.now() < edit_deadline(comment)
    )
