"""Email to the moderators when a comment is held."""

from functools import partial

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.mail import EmailMessage, mailers
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse

# The group that a migration creates with the comment permissions; its members get the email.
MODERATORS_GROUP = "Moderators"


def moderator_addresses():
    """COMMENTS_MODERATOR_EMAILS plus the addresses of the Moderators group's active members;
    one query."""
    members = get_user_model().objects.filter(
        groups__name=MODERATORS_GROUP, is_active=True, email__gt=""
    )
    addresses = [*settings.COMMENTS_MODERATOR_EMAILS, *members.values_list("email", flat=True)]
    return list(dict.fromkeys(addresses))


def notify_held(comment, request):
    """Tell the moderators the comment waits for them, once the transaction commits.

    `comment.article` must be loaded. A mail server that is down is logged and costs the
    commenter nothing (`robust`): the comment is stored and waits in the queue anyway.
    """
    review_url = request.build_absolute_uri(
        reverse("admin:comments_comment_change", args=[comment.pk])
    )
    transaction.on_commit(partial(_send, comment, review_url), robust=True)


def _send(comment, review_url):
    recipients = moderator_addresses()
    if not recipients:
        return
    # No reader's text in the subject: headers are no place for it.
    subject = f"Comment held for moderation: {comment.get_hold_reason_display()}"
    body = render_to_string(
        "comments/email/held.txt", {"comment": comment, "review_url": review_url}
    )
    message = EmailMessage(subject, body, to=recipients)
    mailers.default.send_messages([message])
