"""The thread under an article, arranged for its template: branches of a comment and its
replies, what this reader may do with each, and the form."""

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import datetime
from typing import NamedTuple

from django.http import Http404
from django.utils import timezone
from django.utils.safestring import mark_safe

from comments import authorship, policy, spam
from comments.forms import CommentForm
from comments.models import Comment, CommentStatus
from comments.moderation import thread_tag
from newsroom import caching

# The values of `?order=`; without it, oldest first.
ORDERS = {"newest"}


class ShownComment(NamedTuple):
    """A comment of the thread: only what the thread shows, as a plain row. A thread loads
    hundreds of comments, and making a model instance of each cost more than the query."""

    pk: int
    parent_id: int | None
    name: str
    body_html: str
    status: str
    created_at: datetime
    edited_at: datetime | None

    @property
    def is_published(self):
        return self.status == CommentStatus.PUBLISHED

    @property
    def shown_time(self):
        """When it was posted, in local time, as the thread shows it: "Nov 5, 2026, 09:30"."""
        return timezone.localtime(self.created_at).strftime("%b %-d, %Y, %H:%M")

    @property
    def body_as_html(self):
        """The text as HTML; safe to show unescaped because `rendering.render_body` escaped it
        when the comment was saved."""
        return mark_safe(self.body_html)  # noqa: S308


_SHOWN_COLUMNS = ShownComment._fields


@dataclass
class Branch:
    """A top-level comment and its replies, oldest first. `comment` is None when the comment
    is no longer shown but some of its replies still are: they keep their place."""

    pk: int
    comment: ShownComment | None
    replies: list[ShownComment] = field(default_factory=list)

    @property
    def started(self):
        first = self.comment or self.replies[0]
        return first.created_at, self.pk


def branches(comments, *, newest_first=False):
    """Arrange comments (oldest first, each reply's parent a top-level comment) into branches.
    Replies stay oldest first under their parent whatever the order of the branches."""
    tops, replies = {}, defaultdict(list)
    for comment in comments:
        if comment.parent_id is None:
            tops[comment.pk] = comment
        else:
            replies[comment.parent_id].append(comment)
    found = [Branch(pk, tops.get(pk), replies[pk]) for pk in tops.keys() | replies.keys()]
    return sorted(found, key=lambda branch: branch.started, reverse=newest_first)


def _reply_to(form, request, comments):
    """The shown comment the form answers: the posted parent, else `?reply_to=<id>`, which
    must be one (a 404 otherwise: no made-up id makes a page of its own)."""
    wanted = form["parent"].value() if form.is_bound else request.GET.get("reply_to")
    found = next((c for c in comments if str(c.pk) == str(wanted) and c.is_published), None)
    if found is None and not form.is_bound and wanted is not None:
        raise Http404("No comment of this thread to reply to.")
    return found


def comments_for(request, article):
    """The article's thread as this reader sees it (`Comment.objects.for_thread`), oldest
    first, as ShownComment rows. One query, made once a request: the page's JSON-LD counts the
    same comments before the thread shows them."""
    loaded = request.__dict__.setdefault("comment_threads", {})
    caching.tag(request, thread_tag(article.pk))
    if article.pk not in loaded:
        mine = authorship.authored_ids(request)
        rows = Comment.objects.for_thread(article, mine).values_list(*_SHOWN_COLUMNS)
        loaded[article.pk] = [ShownComment._make(row) for row in rows]
    return loaded[article.pk]


def visible_count(request, article):
    """How many of the article's comments every reader sees; see `comments_for`."""
    return sum(comment.is_published for comment in comments_for(request, article))


def _reply_url(article, query):
    """The address of the article's page with the query's parameters but `reply_to`, ending in
    `reply_to=` for each comment to add its id."""
    query = query.copy()
    query.pop("reply_to", None)
    query["reply_to"] = ""
    return f"{article.get_absolute_url()}?{query.urlencode()}"


def context(request, article, form=None):
    """The thread template's context. One query: the comments (reply_to needs none more)."""
    # A cached copy of the page must not outlive the open thread's form.
    caching.valid_until(request, policy.closes_at(article))
    order = request.GET.get("order")
    if order is not None and order not in ORDERS:
        raise Http404("No such order of the comments.")
    mine = authorship.authored_ids(request)
    comments = comments_for(request, article)
    newest_first = order == "newest"
    form = form or CommentForm(article=article, request=request)
    reply_to = _reply_to(form, request, comments)
    if reply_to and not form.is_bound:
        form.initial["parent"] = reply_to.pk
    return {
        "article": article,
        "article_url": article.get_absolute_url(),
        "branches": branches(comments, newest_first=newest_first),
        "count": visible_count(request, article),
        "newest_first": newest_first,
        "mine": mine,
        "changeable": {c.pk for c in comments if authorship.may_change(c, mine)},
        "is_open": policy.is_open(article),
        "form": form,
        "form_token": spam.form_token(article.pk),
        "reply_to": reply_to,
        "query": request.GET,
        # Each comment's reply link: this page's address and parameters, `reply_to` last.
        "reply_url": _reply_url(article, request.GET),
    }
