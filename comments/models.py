from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Count, Exists, OuterRef, Q
from django.db.models.functions import Lower, Upper
from django.utils import timezone

from articles.models import Article, RenderedOnSave
from comments import rendering


class CommentStatus(models.TextChoices):
    PENDING = "pending", "Awaiting moderation"
    PUBLISHED = "published", "Published"
    REJECTED = "rejected", "Rejected"
    SPAM = "spam", "Spam"
    DELETED = "deleted", "Deleted by its author"


class HoldReason(models.TextChoices):
    """Why a comment waits for a moderator; `Comment.hold_detail` says what the rule found."""

    NONE = "", "Not held"
    LINKS = "links", "Links"
    WORDS = "words", "Word list"
    REPORTED = "reported", "Reported by readers"
    PREMODERATION = "premoderation", "Pre-moderation"


# A thread page shows this many top-level comments, each with all its replies.
BRANCHES_PER_PAGE = 100


class CommentQuerySet(models.QuerySet):
    def visible(self):
        """Comments every reader may see: published ones."""
        return self.filter(status=CommentStatus.PUBLISHED)

    def for_thread(self, article, authored_ids=()):
        """An article's thread, oldest first: the visible comments, plus the held ones the
        reader's own browser wrote (`authored_ids`), which only that reader sees."""
        thread = self.visible() | self.filter(status=CommentStatus.PENDING, pk__in=authored_ids)
        return thread.filter(article=article).order_by("created_at", "pk")

    def count_by_article(self, articles):
        """{article id: number of visible comments} for these articles; one query."""
        rows = (
            self.visible()
            .filter(article__in=[article.pk for article in articles])
            .values_list("article")
            .annotate(count=Count("pk"))
            .order_by()
        )
        return dict(rows)

    def public_branches(self, article_id):
        """The article's top-level comments that start a branch every reader sees: the
        comment is published, or one of its replies is."""
        published_reply = self.visible().filter(parent=OuterRef("pk"))
        return self.filter(article=article_id, parent=None).filter(
            Q(status=CommentStatus.PUBLISHED) | Exists(published_reply)
        )

    def with_expired_addresses(self, before):
        """Comments posted before this time that still hold their author's address."""
        return self.filter(ip_address__isnull=False, created_at__lt=before)


class Comment(RenderedOnSave, models.Model):
    Status = CommentStatus

    article = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="comments")
    parent = models.ForeignKey(
        "self",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="replies",
        help_text="The comment this one replies to; replies are one level deep.",
    )
    name = models.CharField(max_length=80)
    email = models.EmailField(blank=True, help_text="Given by the commenter; never shown publicly.")
    body = models.TextField(max_length=5000, help_text="Plain text, shown exactly as typed.")
    body_html = models.TextField(
        editable=False, default="", help_text="The text rendered on save (rendering.render_body)."
    )
    status = models.CharField(max_length=10, choices=CommentStatus, default=CommentStatus.PENDING)
    hold_reason = models.CharField(
        max_length=13,
        choices=HoldReason,
        blank=True,
        help_text="The rule that last held this comment for moderation.",
    )
    hold_detail = models.CharField(
        max_length=200, blank=True, help_text="What that rule found, e.g. “3 links”."
    )
    ip_address = models.GenericIPAddressField(
        "address",
        null=True,
        blank=True,
        help_text="The commenter's address, kept 30 days for abuse handling, then erased.",
    )
    created_at = models.DateTimeField(default=timezone.now, editable=False)
    updated_at = models.DateTimeField(auto_now=True)
    edited_at = models.DateTimeField(
        null=True, blank=True, editable=False, help_text="When its author last edited it."
    )

    objects = CommentQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(status__in=CommentStatus.values), name="comment_status_valid"
            ),
            models.CheckConstraint(
                condition=Q(hold_reason__in=HoldReason.values), name="comment_hold_reason_valid"
            ),
        ]
        indexes = [
            # The thread under an article (`for_thread`: its order, then what its outline
            # reads, so that PostgreSQL answers from the index alone, without visiting the
            # rows of a long thread) and the listings' counts.
            models.Index(
                fields=["article", "created_at", "id", "parent", "status"], name="comment_thread"
            ),
            # The admin's comment list: every comment, newest first.
            models.Index(fields=["-created_at", "-id"], name="comment_created"),
            # The admin's search for a whole email address (`admin.CommentAdmin`): `iexact`,
            # which compares UPPER() of both on PostgreSQL.
            models.Index(Upper("email"), name="comment_email_exact"),
            # The moderation queue: one status, newest first.
            models.Index(fields=["status", "-created_at"], name="comment_status_created"),
            # purge_comment_addresses: the comments that still hold an address, oldest first;
            # and the duplicate rule: the last minutes' comments that hold one.
            models.Index(
                fields=["created_at"],
                condition=Q(ip_address__isnull=False),
                name="comment_address_age",
            ),
        ]

    def __str__(self):
        return f"Comment {self.pk} by {self.name}"

    def get_absolute_url(self):
        """The comment's anchor on the page of its article's thread that shows it (oldest
        first). Costs a query (two for a reply), and one more unless the article and its
        section were loaded with the comment."""
        page = self.thread_page()
        query = f"?page={page}" if page > 1 else ""
        return f"{self.article.get_absolute_url()}{query}#comment-{self.pk}"

    def thread_page(self):
        """The thread page, oldest first, that shows this comment, as readers see the
        thread: its branch's place among those before it. One query (two for a reply)."""
        top = self.parent if self.parent_id else self
        earlier = Q(created_at__lt=top.created_at) | Q(created_at=top.created_at, pk__lt=top.pk)
        before = Comment.objects.public_branches(self.article_id).filter(earlier).count()
        return before // BRANCHES_PER_PAGE + 1

    def clean(self):
        if self.parent_id and self.parent.article_id != self.article_id:
            raise ValidationError({"parent": "A reply must be on the same article as its parent."})

    def render_body(self):
        """Render the text to `body_html` (RenderedOnSave calls it on save): once, not on every
        page view, as linking addresses is the slow part."""
        self.body_html = rendering.render_body(self.body)

    @property
    def is_published(self):
        return self.status == CommentStatus.PUBLISHED


class Report(models.Model):
    """One reader's report of a comment. Readers are told apart by a keyed hash of their address
    (see `comments.addresses.reader_fingerprint`), so reporting twice counts once."""

    comment = models.ForeignKey(Comment, on_delete=models.CASCADE, related_name="reports")
    reader = models.CharField(max_length=64, help_text="A keyed hash of the reader's address.")
    created_at = models.DateTimeField(default=timezone.now, editable=False)

    class Meta:
        ordering = ["-created_at"]
        constraints = [
            models.UniqueConstraint(fields=["comment", "reader"], name="report_one_per_reader"),
        ]
        indexes = [
            # purge_comment_addresses: reports older than the retention period.
            models.Index(fields=["created_at"], name="report_created"),
        ]

    def __str__(self):
        return f"Report of comment {self.comment_id}"


class BlockedWord(models.Model):
    """A word or phrase that holds a comment for moderation, beside COMMENTS_BLOCKED_WORDS."""

    word = models.CharField(
        max_length=100,
        help_text="Held when the name or the comment contains it as a whole word, in any case.",
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["word"]
        constraints = [
            models.UniqueConstraint(Lower("word"), name="blockedword_unique_word"),
        ]

    def __str__(self):
        return self.word


class ReplySubscriptionQuerySet(models.QuerySet):
    def of_address(self, email):
        """The subscriptions of the comments that give this email, in any case."""
        return self.filter(comment__email__iexact=email)

    def confirmed(self):
        """Those whose address was confirmed: the only ones that are sent replies."""
        return self.filter(confirmed_at__isnull=False)


class ReplySubscription(models.Model):
    """A commenter asked to be emailed the replies to their comment, at the email the comment
    gives. Nothing is sent before the address is confirmed: the first time an address asks, it
    is emailed a signed link to follow (comments.replies)."""

    comment = models.OneToOneField(
        Comment, on_delete=models.CASCADE, related_name="reply_subscription"
    )
    created_at = models.DateTimeField(default=timezone.now, editable=False)
    confirmed_at = models.DateTimeField(
        null=True, blank=True, help_text="When its address was confirmed; nothing is sent before."
    )
    last_sent_at = models.DateTimeField(
        null=True,
        blank=True,
        help_text="When a reply was last emailed: at most one an hour for each article.",
    )

    objects = ReplySubscriptionQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at"]

    def __str__(self):
        return f"Replies to comment {self.comment_id} by email"

    def get_absolute_url(self):
        """The comment the replies answer. Costs the comment's query unless it was loaded."""
        return self.comment.get_absolute_url()
