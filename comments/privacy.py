"""What the site stores about a commenter, found by the email they gave, and erasing it for a
data-protection request (`manage.py commenter_data`).

Erasing keeps each comment's row as "deleted", as its author's own delete does, so that the
replies under it keep their place; what could identify the commenter is gone from it.
"""

from dataclasses import dataclass

from django.contrib.admin.models import LogEntry
from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.db.models import Count

from comments import moderation
from comments.addresses import fingerprint
from comments.models import Comment, ReplySubscription, Report


@dataclass
class CommenterData:
    # Oldest first, each with its article and section, `report_count` and its
    # `reply_subscription` (replies by email) if it has one.
    comments: list[Comment]
    # Sent from an address that one of the comments still keeps.
    reports: list[Report]
    # The admin's history of the comments: each entry names its comment as `str(comment)`,
    # which holds the commenter's name.
    history: list[LogEntry]


@dataclass
class Erased:
    comments: int
    reports: int
    history: int
    subscriptions: int


def find(email):
    """Everything stored about the commenter who gave this email, in any case; three queries
    (four the first time, for the comments' content type)."""
    comments = list(
        Comment.objects.filter(email__iexact=email)
        .select_related("article__section", "reply_subscription")
        .annotate(report_count=Count("reports"))
        .order_by("created_at", "pk")
    )
    # A report keeps only a keyed hash of its reader's address: a known address finds it.
    readers = {fingerprint(comment.ip_address) for comment in comments if comment.ip_address}
    reports = Report.objects.filter(reader__in=readers).order_by("created_at", "pk")
    history = _history_of(comments).select_related("user").order_by("action_time", "pk")
    return CommenterData(comments, list(reports), list(history))


def _history_of(comments):
    return LogEntry.objects.filter(
        content_type=ContentType.objects.get_for_model(Comment),
        object_id__in=[str(comment.pk) for comment in comments],
    )


def erase(email):
    """Erase what `find` finds, in one transaction: each comment withdrawn as its author would
    withdraw it and its name and address erased too, its replies by email ended, the reports
    sent from its addresses deleted, and the admin's history renamed after the erased
    comment."""
    with transaction.atomic():
        # Found again inside the transaction: a comment posted since the caller's look counts.
        found = find(email)
        reports, _ = Report.objects.filter(pk__in=[report.pk for report in found.reports]).delete()
        subscriptions, _ = ReplySubscription.objects.filter(comment__in=found.comments).delete()
        history = 0
        for comment in found.comments:
            moderation.withdraw_comment(comment, erase_author=True)
            history += _history_of([comment]).update(object_repr=str(comment))
    return Erased(len(found.comments), reports, history, subscriptions)
