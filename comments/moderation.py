"""What happens to a comment: the rules that hold it for a moderator, and the services that
store, edit, report and decide comments. The view's form, the edit page and the admin all go
through these, so a rule lives in one place."""

import re
from datetime import timedelta

from django.conf import settings
from django.db import transaction
from django.db.models import Count, Min
from django.utils import timezone
from django.utils.text import Truncator

from articles.models import CommentPolicy
from comments import notifications, policy, rendering, replies, textfold
from comments.models import (
    BlockedWord,
    Comment,
    CommentStatus,
    HoldReason,
    ReplySubscription,
    Report,
)
from newsroom import caching

HOLD_DETAIL_LENGTH = Comment._meta.get_field("hold_detail").max_length

# Changed whenever a BlockedWord changes: the admin's words are kept in the cache until then.
BLOCKED_WORDS_TAG = "blocked-words"


def thread_tag(article_id):
    """The cache tag of an article's thread: its page and its comment feed show it."""
    return f"comments:{article_id}"


def blocked_words():
    """The word list: COMMENTS_BLOCKED_WORDS and the admin's BlockedWord rows; the rows are
    kept in the shared cache (newsroom.caching.kept), so a query only after they change."""
    rows = caching.kept(
        "comments:blocked-words",
        [BLOCKED_WORDS_TAG],
        lambda: list(BlockedWord.objects.values_list("word", flat=True)),
    )
    words = [*settings.COMMENTS_BLOCKED_WORDS, *rows]
    return [word.strip() for word in words if word.strip()]


def blocked_words_changed(**kwargs):
    """Signal receiver (comments/apps.py): a BlockedWord was saved or deleted; the next post
    reads the rows."""
    caching.changed(BLOCKED_WORDS_TAG)


def _hold_for_words(comment):
    # Text and words compared in one folded form (comments.textfold), so look-alike letters,
    # invisible characters and accents hide no word.
    # Moderators are shown the word as listed: the folded text is no text to show.
    words = {textfold.fold(word): word for word in blocked_words()}
    words.pop("", None)
    if not words:
        return None
    # Whole words, whatever characters the words start or end with.
    pattern = r"(?<!\w)(?:" + "|".join(map(re.escape, words)) + r")(?!\w)"
    if found := re.search(pattern, textfold.fold(f"{comment.name}\n{comment.body}")):
        detail = f"“{words[found.group()]}”"
        return HoldReason.WORDS, Truncator(detail).chars(HOLD_DETAIL_LENGTH)
    return None


def _hold_for_links(comment):
    links = rendering.count_links(comment.body)
    if links > settings.COMMENTS_MAX_LINKS:
        return HoldReason.LINKS, f"{links} links"
    return None


def _hold_for_policy(comment):
    if policy.effective_policy(comment.article) == CommentPolicy.PREMODERATED:
        return HoldReason.PREMODERATION, ""
    return None


# In order: the first rule that holds gives the reason moderators see.
HOLD_RULES = (_hold_for_words, _hold_for_links, _hold_for_policy)


def _hold_if_needed(comment):
    """Mark the comment pending if a hold rule says so, recording why; True if held."""
    for rule in HOLD_RULES:
        if hold := rule(comment):
            comment.status = CommentStatus.PENDING
            comment.hold_reason, comment.hold_detail = hold
            return True
    return False


def _save(comment, request, *, held):
    # One INSERT or UPDATE commits by itself: a transaction around it would cost two more round
    # trips to the database. The moderators' digest waits for the commit either way (on_commit).
    comment.save()
    if held:
        notifications.notify_held(request)
    return comment


def submit_comment(comment, request, *, send_replies=False):
    """Store a new comment, published unless a hold rule holds it; email the moderators if it
    is held, and the parent's author if it is a published reply. `send_replies`: its author
    asked for the replies to it by email (comments.replies). A reply to a reply joins its
    parent's branch: replies are one level deep."""
    if comment.parent_id and comment.parent.parent_id:
        comment.parent_id = comment.parent.parent_id
    comment.status = CommentStatus.PUBLISHED
    _save(comment, request, held=_hold_if_needed(comment))
    if send_replies and comment.email:
        replies.subscribe(comment, request)
    replies.reply_posted(comment, request)
    return comment


def edit_comment(comment, body, request):
    """Its author's new text. The hold rules look again, so an edit cannot slip links or
    blocked words past them; an edit never lifts a hold."""
    comment.body = body
    comment.edited_at = timezone.now()
    held = comment.status == CommentStatus.PUBLISHED and _hold_if_needed(comment)
    return _save(comment, request, held=held)


# The name an erased commenter's comments keep (see `withdraw_comment`).
ERASED_NAME = "deleted"


def withdraw_comment(comment, *, erase_author=False):
    """Its author deletes it: hidden for good, the text and email erased. The row stays so
    that replies keep their place ("no longer shown") and moderators keep the history.
    `erase_author`, for a data-protection request, erases the name and address too."""
    comment.status = CommentStatus.DELETED
    comment.body = ""
    comment.email = ""
    erased = ["status", "body", "email"]
    if erase_author:
        comment.name = ERASED_NAME
        comment.ip_address = None
        erased += ["name", "ip_address"]
    with transaction.atomic():
        # With the email gone, no reply can be sent to it.
        ReplySubscription.objects.filter(comment=comment).delete()
        comment.save(update_fields=[*erased, "updated_at"])


def report_comment(comment, reader, request):
    """Record one reader's report; once COMMENTS_REPORTS_TO_HIDE different readers reported a
    published comment, over at least COMMENTS_REPORTS_SPREAD_MINUTES from the first report to
    this one, hide it until a moderator decides. True if this report hid it.

    The spread is what keeps a few addresses acting together from hiding any comment they like
    in seconds: readers who come upon a bad comment do so over time, and a burst of reports
    hides nothing until a later one comes."""
    with transaction.atomic():
        # Locked, so that concurrent reports of one comment count one after the other.
        comment = (
            Comment.objects.select_for_update(of=("self",))
            .select_related("article")
            .get(pk=comment.pk)
        )
        _, created = Report.objects.get_or_create(comment=comment, reader=reader)
        if not created or comment.status != CommentStatus.PUBLISHED:
            return False
        found = comment.reports.aggregate(reports=Count("pk"), first=Min("created_at"))
        reports = found["reports"]
        if reports < settings.COMMENTS_REPORTS_TO_HIDE:
            return False
        spread = timedelta(minutes=settings.COMMENTS_REPORTS_SPREAD_MINUTES)
        if timezone.now() - found["first"] < spread:
            return False
        comment.status = CommentStatus.PENDING
        comment.hold_reason, comment.hold_detail = HoldReason.REPORTED, f"{reports} reports"
        comment.save(update_fields=["status", "hold_reason", "hold_detail", "updated_at"])
        notifications.notify_held(request)
    return True


def decide(comments, status, request=None):
    """A moderator's decision on several comments. Comments already in that status, and those
    their authors deleted, are left alone. Approving answers the reports: three new readers
    are needed to hide the comment again, and, given the moderator's `request` (for the links),
    emails an approved reply to its parent's author (comments.replies). Returns the comments
    that changed."""
    changed = list(
        comments.exclude(status__in=[status, CommentStatus.DELETED]).select_related(
            "article__section"
        )
    )
    with transaction.atomic():
        Comment.objects.filter(pk__in=[comment.pk for comment in changed]).update(
            status=status, updated_at=timezone.now()
        )
        if status == CommentStatus.PUBLISHED:
            Report.objects.filter(comment__in=changed).delete()
            if request is not None:
                for comment in changed:
                    comment.status = status
                    replies.reply_posted(comment, request)
        # update() sends no signals: tell the caches here.
        caching.changed(*{thread_tag(comment.article_id) for comment in changed})
    return changed


def comment_saved_or_deleted(sender, instance, **kwargs):
    """Signal receiver (comments/apps.py): any comment written goes through here. Its thread
    changed; the listings' comment counts may lag behind (PAGE_CACHE_SHARED_SECONDS), so that
    a busy thread does not make every listing stale at each comment."""
    caching.changed(thread_tag(instance.article_id))
