"""Email to the moderators when comments are held: a digest of what waits, at most one per
moderator every COMMENTS_DIGEST_MINUTES."""

import hashlib
from functools import partial

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.cache import cache
from django.core.mail import EmailMessage, mailers
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.http import urlencode

from comments.models import Comment, CommentStatus

# The group that a migration creates with the comment permissions; its members get the email.
MODERATORS_GROUP = "Moderators"
# The held comments a digest lists, newest first; the link to the queue shows them all.
DIGEST_LISTS = 20


def moderator_addresses():
    """COMMENTS_MODERATOR_EMAILS plus the addresses of the Moderators group's active members;
    one query."""
    members = get_user_model().objects.filter(
        groups__name=MODERATORS_GROUP, is_active=True, email__gt=""
    )
    addresses = [*settings.COMMENTS_MODERATOR_EMAILS, *members.values_list("email", flat=True)]
    return list(dict.fromkeys(addresses))


def notify_held(request):
    """Tell the moderators that a comment now waits for them, once the transaction commits.

    A mail server that is down is logged and costs the commenter nothing (`robust`): the
    comment is stored and waits in the queue anyway.
    """
    queue = reverse("admin:comments_comment_changelist")
    filtered = f"{queue}?{urlencode({'status__exact': CommentStatus.PENDING})}"
    transaction.on_commit(partial(send_digests, request.build_absolute_uri(filtered)), robust=True)


def _digest_due(address):
    """Whether this moderator may get a digest now; if so, none more for COMMENTS_DIGEST_MINUTES.
    Counted in the shared cache, so every server keeps to it."""
    key = f"comments:digest:{hashlib.sha256(address.casefold().encode()).hexdigest()}"
    return cache.add(key, True, timeout=settings.COMMENTS_DIGEST_MINUTES * 60)


def send_digests(queue_url):
    """Email each moderator who had no digest in the last COMMENTS_DIGEST_MINUTES the list of
    comments waiting, with a link to the queue filtered to them (`queue_url`). Comments held in
    between are in the next digest, which lists all that still wait."""
    recipients = [address for address in moderator_addresses() if _digest_due(address)]
    if not recipients:
        return
    waiting = Comment.objects.filter(status=CommentStatus.PENDING).order_by("-created_at", "-pk")
    count = waiting.count()
    if not count:
        return
    newest = waiting.select_related("article")[:DIGEST_LISTS]
    # No reader's text in the subject: headers are no place for it.
    subject = f"{count} comment{'s' if count != 1 else ''} waiting for moderation"
    context = {
        "count": count,
        "comments": newest,
        "queue_url": queue_url,
        "minutes": settings.COMMENTS_DIGEST_MINUTES,
    }
    body = render_to_string("comments/email/held.txt", context)
    mailers.default.send_messages(
        [EmailMessage(subject, body, to=[address]) for address in recipients]
    )
