"""Replies by email: a commenter who gives an email may ask to be sent the replies to their
comment.

Double opt-in: the first time an address asks, it is emailed a signed link and nothing else
until the link is followed; an address confirmed once is not asked again. Then each published
reply sends one email, after its transaction commits, at most one an hour for each address and
article, with the reply's text and link and a one-click unsubscribe link (also in the
List-Unsubscribe and List-Unsubscribe-Post headers, RFC 8058). Held or hidden replies send
nothing. Mail goes through the default mailer (EMAIL_URL).
"""

from datetime import timedelta
from functools import partial

from django.core import signing
from django.core.mail import EmailMessage, mailers
from django.db import transaction
from django.db.models import Q
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone

from comments.models import Comment, CommentStatus, ReplySubscription

CONFIRM_SALT = "comments.replies.confirm"
UNSUBSCRIBE_SALT = "comments.replies.unsubscribe"
# A confirmation link not followed within this time is dead; posting with the box ticked again
# sends a new one.
CONFIRM_MAX_AGE = timedelta(days=7)
# At most one confirmation email for an address within this time.
CONFIRM_AGAIN_AFTER = timedelta(days=1)
# At most one email for each address and article within this time; the page shows the rest.
QUIET = timedelta(hours=1)


def confirm_token(subscription):
    return signing.TimestampSigner(salt=CONFIRM_SALT).sign(str(subscription.pk))


def unsubscribe_token(subscription):
    # Never expires: an unsubscribe link must work in the oldest email.
    return signing.Signer(salt=UNSUBSCRIBE_SALT).sign(str(subscription.pk))


def from_confirm_token(token):
    """The subscription a confirmation link names, or None if the link is forged, expired or
    its subscription gone."""
    try:
        pk = signing.TimestampSigner(salt=CONFIRM_SALT).unsign(token, max_age=CONFIRM_MAX_AGE)
    except signing.BadSignature:
        return None
    return _subscription(pk)


def from_unsubscribe_token(token):
    """(whether the link is genuine, the subscription it names or None if it is gone)."""
    try:
        pk = signing.Signer(salt=UNSUBSCRIBE_SALT).unsign(token)
    except signing.BadSignature:
        return False, None
    return True, _subscription(pk)


def _subscription(pk):
    return (
        ReplySubscription.objects.select_related("comment__article__section").filter(pk=pk).first()
    )


def subscribe(comment, request):
    """The comment's author asked for its replies by email (its `email` is set). Confirmed at
    once if the address was confirmed before; else the confirmation link is emailed once the
    transaction commits, unless one went to the address in the last CONFIRM_AGAIN_AFTER (its
    link confirms this subscription too)."""
    of_address = ReplySubscription.objects.of_address(comment.email)
    confirmed = of_address.confirmed().exists()
    # Else anyone could fill a stranger's inbox with confirmations, a comment each.
    asked = of_address.filter(
        confirmed_at__isnull=True, created_at__gt=timezone.now() - CONFIRM_AGAIN_AFTER
    ).exists()
    subscription = ReplySubscription.objects.create(
        comment=comment, confirmed_at=timezone.now() if confirmed else None
    )
    if not confirmed and not asked:
        link = request.build_absolute_uri(
            reverse("comments:confirm_replies", args=[confirm_token(subscription)])
        )
        transaction.on_commit(partial(_send_confirmation, comment, link), robust=True)
    return subscription


def _send_confirmation(comment, link):
    body = render_to_string(
        "comments/email/confirm_replies.txt",
        {"comment": comment, "link": link, "days": CONFIRM_MAX_AGE.days},
    )
    message = EmailMessage("Confirm: email me replies to my comment", body, to=[comment.email])
    mailers.default.send_messages([message])


def confirm(subscription):
    """The address's owner followed the link: this subscription and every other one waiting
    for the same address are confirmed."""
    email = subscription.comment.email
    ReplySubscription.objects.of_address(email).filter(confirmed_at__isnull=True).update(
        confirmed_at=timezone.now()
    )


def unsubscribe(subscription):
    subscription.delete()


def reply_posted(reply, request):
    """A reply was stored or approved: if it is published, email its parent's confirmed
    subscriber once the transaction commits. Held replies send nothing."""
    if reply.parent_id is None or reply.status != CommentStatus.PUBLISHED:
        return
    # The links in the email point to the site the reply was posted or approved on.
    site = request.build_absolute_uri("/").removesuffix("/")
    transaction.on_commit(partial(_send_reply, reply.pk, site), robust=True)


def _send_reply(reply_pk, site):
    """After the commit: read the reply and its parent's subscription afresh (a moderator or
    the author may have hidden either meanwhile), claim the hour, then send."""
    reply = (
        Comment.objects.select_related("article__section", "parent__reply_subscription")
        .filter(pk=reply_pk, status=CommentStatus.PUBLISHED)
        .first()
    )
    if reply is None:
        return
    parent = reply.parent
    subscription = getattr(parent, "reply_subscription", None)
    if (
        subscription is None
        or subscription.confirmed_at is None
        or parent.status != CommentStatus.PUBLISHED
        or reply.email.casefold() == parent.email.casefold()
    ):
        return
    if not _claim_the_hour(subscription, parent):
        return
    unsubscribe_url = site + reverse(
        "comments:unsubscribe_replies", args=[unsubscribe_token(subscription)]
    )
    context = {
        "reply": reply,
        "reply_url": site + reply.get_absolute_url(),
        "unsubscribe_url": unsubscribe_url,
        "quiet_minutes": int(QUIET.total_seconds() // 60),
    }
    message = EmailMessage(
        f"A reply to your comment on “{reply.article.headline}”",
        render_to_string("comments/email/reply.txt", context),
        to=[parent.email],
        headers={
            "List-Unsubscribe": f"<{unsubscribe_url}>",
            "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
        },
    )
    mailers.default.send_messages([message])


def _claim_the_hour(subscription, parent):
    """Record this email as the address's last in the article, unless one went out in the last
    hour. The conditional UPDATE lets only one of two replies committing at once send."""
    now = timezone.now()
    recently = (
        ReplySubscription.objects.of_address(parent.email)
        .filter(comment__article_id=parent.article_id, last_sent_at__gt=now - QUIET)
        .exists()
    )
    if recently:
        return False
    claimed = (
        ReplySubscription.objects.filter(pk=subscription.pk)
        .filter(Q(last_sent_at__isnull=True) | Q(last_sent_at__lte=now - QUIET))
        .update(last_sent_at=now)
    )
    return claimed == 1
