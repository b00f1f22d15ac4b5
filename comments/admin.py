"""The moderators' side: the comment list as a moderation queue, the word list, and the
comments of each article on the article's admin page."""

import ipaddress

from django.contrib import admin
from django.contrib.admin.models import CHANGE, LogEntry
from django.contrib.postgres.search import SearchQuery, SearchVector
from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import connection
from django.db.models import Q
from django.urls import reverse
from django.utils.html import format_html, format_html_join
from django.utils.text import Truncator
from django.utils.translation import ngettext

from articles.admin import ArticleAdmin
from articles.models import Article
from comments import moderation
from comments.models import BlockedWord, Comment, CommentStatus
from newsroom.paginators import EstimatedCountPaginator

# The article's columns the comment list does not show.
ARTICLE_TEXT = [f"article__{name}" for name in ("body", "body_html", "deck", "credit")]
# Comments are searched word for word, in any language: no stemming, no stop words.
TEXT_CONFIG = "simple"


def text_document():
    """What the comment search matches words against; migration 0004 indexes this very
    expression on PostgreSQL (change it, and replace the index)."""
    return SearchVector("body", config=TEXT_CONFIG)


def is_email(word):
    try:
        validate_email(word)
    except ValidationError:
        return False
    return True


def is_address(word):
    try:
        ipaddress.ip_address(word)
    except ValueError:
        return False
    return True


@admin.display(description="Comment")
def excerpt(comment):
    """The comment's first words; plain text, so the admin escapes it."""
    return Truncator(comment.body).chars(80) or "(deleted by its author)"


@admin.register(Comment)
class CommentAdmin(admin.ModelAdmin):
    list_display = [excerpt, "article", "name", "status", "hold_reason", "created_at"]
    list_filter = ["status", "hold_reason"]
    # On PostgreSQL each of these is searched through an index (`get_search_results`).
    search_fields = ["name", "email", "body", "ip_address"]
    list_select_related = ["article"]
    # Counting every comment on each page load gets slow as the table grows: the list's
    # paginator estimates long counts, and the unfiltered total is not shown.
    paginator = EstimatedCountPaginator
    show_full_result_count = False
    actions = ["approve", "reject", "mark_as_spam"]
    raw_id_fields = ["article", "parent"]
    readonly_fields = [
        "hold_reason",
        "hold_detail",
        "report_count",
        "ip_address",
        "created_at",
        "edited_at",
    ]
    fields = ["article", "parent", "name", "email", "body", "status", *readonly_fields]

    def get_queryset(self, request):
        # The list shows each comment's article by its headline: leave its long text behind.
        return super().get_queryset(request).defer(*ARTICLE_TEXT)

    def get_search_results(self, request, queryset, search_term):
        """On PostgreSQL: each word of the search in the name or the email (trigram indexes; a
        whole email address is the whole email, in any case), in the text (a full-text index;
        whole words) or, for an IP address, the address. The default would read every
        comment's text for each search."""
        if connection.vendor != "postgresql":
            return super().get_search_results(request, queryset, search_term)
        queryset = queryset.alias(text_document=text_document())
        for word in search_term.split():
            # A whole address is looked up as such (its own index): every address shares the
            # trigrams of its domain, which made the trigram index read most of its entries.
            email = Q(email__iexact=word) if is_email(word) else Q(email__icontains=word)
            matches = (
                Q(name__icontains=word)
                | email
                | Q(text_document=SearchQuery(word, search_type="plain", config=TEXT_CONFIG))
            )
            if is_address(word):
                matches |= Q(ip_address=word)
            queryset = queryset.filter(matches)
        return queryset, False

    def get_readonly_fields(self, request, obj=None):
        # A new comment's status is decided by the same rules as a reader's.
        if obj is None:
            return [*self.readonly_fields, "status"]
        return self.readonly_fields

    @admin.display(description="Reports")
    def report_count(self, comment):
        """Readers who reported it; one query."""
        return comment.reports.count()

    def save_model(self, request, obj, form, change):
        if change:
            super().save_model(request, obj, form, change)
        else:
            moderation.submit_comment(obj, request)

    @admin.action(description="Approve the selected comments", permissions=["change"])
    def approve(self, request, queryset):
        self._decide(request, queryset, CommentStatus.PUBLISHED, "approved")

    @admin.action(description="Reject the selected comments", permissions=["change"])
    def reject(self, request, queryset):
        self._decide(request, queryset, CommentStatus.REJECTED, "rejected")

    @admin.action(description="Mark the selected comments as spam", permissions=["change"])
    def mark_as_spam(self, request, queryset):
        self._decide(request, queryset, CommentStatus.SPAM, "marked as spam")

    def _decide(self, request, queryset, status, done):
        """Apply the decision, record it in each comment's history and say how many changed."""
        changed = moderation.decide(queryset, status, request)
        LogEntry.objects.log_actions(
            request.user.pk, changed, CHANGE, change_message=f"{done.capitalize()}."
        )
        message = ngettext(
            "%(count)d comment %(done)s.", "%(count)d comments %(done)s.", len(changed)
        )
        self.message_user(request, message % {"count": len(changed), "done": done})


@admin.register(BlockedWord)
class BlockedWordAdmin(admin.ModelAdmin):
    list_display = ["word", "created_at"]
    search_fields = ["word"]


# The articles app must not know about comments, so the comments app extends its admin.
# A read-only list rather than an inline formset: an inline would render every comment on the
# article's page and make each save of the article post them all back.
admin.site.unregister(Article)


@admin.register(Article)
class ArticleWithCommentsAdmin(ArticleAdmin):
    NEWEST = 20

    readonly_fields = [*ArticleAdmin.readonly_fields, "newest_comments"]
    fieldsets = [*ArticleAdmin.fieldsets, ("Comments", {"fields": ["newest_comments"]})]

    def get_fieldsets(self, request, obj=None):
        # The list shows held comments and their status: only for those who may see the queue
        # (Editors may not).
        if request.user.has_perm("comments.view_comment"):
            return self.fieldsets
        return ArticleAdmin.fieldsets

    @admin.display(description="Newest comments")
    def newest_comments(self, article):
        """The article's newest comments, each linking to its page in the moderation queue,
        then a link to all of them there; one query."""
        newest = article.comments.order_by("-created_at")[: self.NEWEST] if article.pk else []
        if not newest:
            return "None yet."
        rows = format_html_join(
            "",
            '<li><a href="{}">{}</a> by {} · {}</li>',
            (
                (
                    reverse("admin:comments_comment_change", args=[comment.pk]),
                    excerpt(comment),
                    comment.name,
                    comment.get_status_display(),
                )
                for comment in newest
            ),
        )
        queue = reverse("admin:comments_comment_changelist")
        return format_html(
            '<ul>{}</ul><a href="{}?article__id__exact={}">All comments on this article</a>',
            rows,
            queue,
            article.pk,
        )
