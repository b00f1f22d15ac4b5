"""The rules that refuse a comment outright, each logging why it acted.

The rules that only hold a comment for a moderator are in `comments.moderation`.
"""

import logging
import time
from datetime import timedelta

from django.conf import settings
from django.core import signing
from django.core.exceptions import ValidationError
from django.utils import timezone

from comments.models import Comment
from newsroom.networks import client_network

logger = logging.getLogger(__name__)

FORM_SALT = "comments.form"
DUPLICATE_WINDOW = timedelta(minutes=10)


def refuse(code, message):
    """Log the refusal (its rule, never the text or the address) and raise it as a form error."""
    logger.info("Comment refused by the %s rule", code)
    raise ValidationError(message, code=code)


def form_token(article_id):
    """The signed time the comment form was shown (or the reader started on it), bound to its
    article."""
    return signing.Signer(salt=FORM_SALT).sign_object({"article": article_id, "at": time.time()})


def check_honeypot(value):
    """People never see the honeypot field; only robots fill it."""
    if value:
        refuse("honeypot", "This looks automated, so it was not posted. Leave “Website” empty.")


def check_form_token(token, article):
    """Refuse forms sent faster than a person types, or kept open longer than a day."""
    try:
        signed = signing.Signer(salt=FORM_SALT).unsign_object(token)
    except signing.BadSignature:
        refuse("form_token", "This form is damaged. Reload the page, then post your comment again.")
    if signed.get("article") != article.pk:
        refuse("form_token", "This form belongs to another article. Reload the page.")
    age = time.time() - signed["at"]
    if age < settings.COMMENTS_MIN_FORM_SECONDS:
        refuse(
            "too_fast",
            "That was faster than anyone can write, so it looks automated. "
            "Wait a few seconds, then post again.",
        )
    if age > settings.COMMENTS_MAX_FORM_AGE_HOURS * 3600:
        refuse(
            "form_expired",
            "This page has been open for a long time. Post again: your text is kept below.",
        )


def check_duplicate(body, address):
    """Refuse the same text from the same reader (address, or IPv6 /64) within
    DUPLICATE_WINDOW; one query."""
    reader = client_network(address)
    if reader is None:
        return
    since = timezone.now() - DUPLICATE_WINDOW
    # The recent comments with this text, whoever sent them: few, and a /64 is no column to
    # filter on (addresses are stored whole, in each database's own form).
    senders = Comment.objects.filter(
        body=body, created_at__gte=since, ip_address__isnull=False
    ).values_list("ip_address", flat=True)
    if any(client_network(sender) == reader for sender in senders):
        refuse("duplicate", "You have just posted this comment; it is not posted twice.")
