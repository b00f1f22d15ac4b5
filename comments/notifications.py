"""Email to the moderators when comments are held: a digest of what waits, at most one per
moderator every COMMENTS_DIGEST_MINUTES. A comment held within those minutes makes the digest
owed; the next held comment after them sends it, or `manage.py send_moderation_digests` does,
run every few minutes, so that it never waits for one."""

import hashlib
from collections import defaultdict
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
# A digest owed for longer than this is dropped: the moderator has had others since, or the
# queue, which shows everything that waits.
OWED_SECONDS = 24 * 3600


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


def _keys(address):
    """The cache keys of a moderator's digest window and of the digest it holds back."""
    name = hashlib.sha256(address.casefold().encode()).hexdigest()
    return f"comments:digest:{name}", f"comments:digest-owed:{name}"


def _window_opens(window):
    """Whether a digest may go out now; if so, none more for COMMENTS_DIGEST_MINUTES. Kept in
    the shared cache, so every server keeps to it."""
    return cache.add(window, True, timeout=settings.COMMENTS_DIGEST_MINUTES * 60)


def send_digests(queue_url):
    """Email each moderator who had no digest in the last COMMENTS_DIGEST_MINUTES the list of
    comments waiting, with a link to the queue filtered to them (`queue_url`). The others are
    owed one: the next held comment, or `send_owed_digests`, sends it once their time is up."""
    due = []
    for address in moderator_addresses():
        window, owed = _keys(address)
        if _window_opens(window):
            due.append(address)
            cache.delete(owed)
        else:
            cache.set(owed, queue_url, timeout=OWED_SECONDS)
    _send(due, queue_url)


def send_owed_digests():
    """The digests held back by a moderator's window, for those whose window has passed
    (`manage.py send_moderation_digests`, every few minutes). Returns how many were sent."""
    due = defaultdict(list)
    for address in moderator_addresses():
        window, owed = _keys(address)
        queue_url = cache.get(owed)
        if queue_url is not None and _window_opens(window):
            cache.delete(owed)
            due[queue_url].append(address)
    return sum(_send(addresses, queue_url) for queue_url, addresses in due.items())


def _send(recipients, queue_url):
    """The digest of what waits now, to each recipient; how many were sent."""
    if not recipients:
        return 0
    waiting = Comment.objects.filter(status=CommentStatus.PENDING).order_by("-created_at", "-pk")
    count = waiting.count()
    if not count:
        return 0
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
    messages = [EmailMessage(subject, body, to=[address]) for address in recipients]
    return mailers.default.send_messages(messages)
