"""The thread under an article, arranged for its template: a page of branches (a comment and
its replies), what this reader may do with each, and the form."""

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import datetime
from typing import NamedTuple

from django.http import Http404
from django.urls import reverse
from django.utils import timezone
from django.utils.safestring import SafeString, mark_safe

from comments import authorship, policy, rendering, spam
from comments.forms import CommentForm
from comments.models import BRANCHES_PER_PAGE, Comment, CommentStatus
from comments.moderation import thread_tag
from newsroom import caching

# The values of `?order=`; without it, oldest first.
ORDERS = {"newest"}


# What the thread shows of each comment.
_SHOWN_COLUMNS = ("pk", "parent_id", "name", "body_html", "status", "created_at", "edited_at")


@dataclass(slots=True)
class Shown:
    """A comment of the thread as its template shows it. Plain attributes rather than a model
    instance: a thread shows hundreds of comments, and a model instance each costs more than
    the query."""

    pk: int
    parent_id: int | None
    name: str
    # Safe to show unescaped: `rendering.render_body` escaped the text on save.
    body_html: SafeString
    status: str
    created_at: datetime
    # When it was posted, in local time: "Nov 5, 2026, 09:30".
    shown_time: str
    # How long before the page was made: "3 hours ago".
    ago: str
    edited_at: datetime | None

    @property
    def is_published(self):
        return self.status == CommentStatus.PUBLISHED


def _shown(row, now):
    """A Shown comment from a `values()` row of _SHOWN_COLUMNS."""
    created_at = row["created_at"]
    return Shown(
        pk=row["pk"],
        parent_id=row["parent_id"],
        name=row["name"],
        body_html=mark_safe(row["body_html"]),  # noqa: S308
        status=row["status"],
        created_at=created_at,
        shown_time=timezone.localtime(created_at).strftime("%b %-d, %Y, %H:%M"),
        ago=rendering.ago(created_at, now),
        edited_at=row["edited_at"],
    )


@dataclass
class Branch:
    """A top-level comment and its replies, oldest first. `comment` is None when the comment
    is no longer shown but some of its replies still are: they keep their place."""

    pk: int
    comment: Shown | None
    replies: list[Shown] = field(default_factory=list)


# What the outline reads of each comment: all in the thread's index (models.Comment.Meta).
OUTLINE_COLUMNS = ("pk", "parent_id", "created_at", "status")


class Outline(NamedTuple):
    """A comment of the thread as the paging needs it: where its branch stands (the top-level
    comment's time and id, whether or not that one is shown) and whether everyone sees it."""

    pk: int
    branch: tuple[datetime, int]
    is_published: bool


def outline(request, article):
    """The article's thread as this reader sees it (`Comment.objects.for_thread`), as Outline
    rows, oldest first. One query of small rows, made once a request: the page's JSON-LD
    counts the same comments before the thread shows a page of them. A second one finds when
    branches started whose top-level comment is no longer shown, if any."""
    loaded = request.__dict__.setdefault("comment_threads", {})
    caching.tag(request, thread_tag(article.pk))
    if article.pk not in loaded:
        mine = authorship.authored_ids(request)
        rows = list(Comment.objects.for_thread(article, mine).values_list(*OUTLINE_COLUMNS))
        # Each branch's start, from the rows themselves rather than by joining each reply to
        # its parent: that join read every comment of the site.
        starts = {pk: created_at for pk, parent_id, created_at, _ in rows if parent_id is None}
        withdrawn = {parent for _, parent, _, _ in rows if parent and parent not in starts}
        if withdrawn:
            starts |= dict(Comment.objects.filter(pk__in=withdrawn).values_list("pk", "created_at"))
        loaded[article.pk] = [
            Outline(
                pk,
                (starts[parent_id or pk], parent_id or pk),
                status == CommentStatus.PUBLISHED,
            )
            for pk, parent_id, _, status in rows
        ]
    return loaded[article.pk]


def visible_count(request, article):
    """How many of the article's comments every reader sees; see `outline`."""
    return sum(comment.is_published for comment in outline(request, article))


@dataclass
class ThreadPage:
    """One page of a thread's branches, and how many comments the pages around it hold."""

    number: int
    count: int
    branch_keys: list[tuple[datetime, int]]
    comment_ids: list[int]
    # Comments everyone sees on the pages before this one, and after it.
    before: int
    after: int

    @property
    def has_previous(self):
        return self.number > 1

    @property
    def has_next(self):
        return self.number < self.count

    @property
    def previous_page_number(self):
        return self.number - 1

    @property
    def next_page_number(self):
        return self.number + 1


def thread_page(comments, number, *, newest_first=False):
    """The page `number` (a string from the query, or None for the first) of these Outline
    rows: BRANCHES_PER_PAGE branches a page, in the order asked for. Raise Http404 for
    anything but the number of a page there is."""
    keys = sorted({comment.branch for comment in comments}, reverse=newest_first)
    count = max(1, -(-len(keys) // BRANCHES_PER_PAGE))
    try:
        number = 1 if number is None else int(number)
    except ValueError:
        raise Http404("No such page of comments.") from None
    if not 1 <= number <= count:
        raise Http404("No such page of comments.")
    shown = keys[(number - 1) * BRANCHES_PER_PAGE : number * BRANCHES_PER_PAGE]
    on_page, before, after = set(shown), 0, 0
    for comment in comments:
        if comment.branch in on_page or not comment.is_published:
            continue
        # Off this page, a branch sorts either before its first branch or after its last.
        if (comment.branch > shown[0]) if newest_first else (comment.branch < shown[0]):
            before += 1
        else:
            after += 1
    ids = [comment.pk for comment in comments if comment.branch in on_page]
    return ThreadPage(number, count, shown, ids, before, after)


def branches(comments, keys):
    """Arrange comments (oldest first, each reply's parent a top-level comment) into the
    branches whose keys are given, in that order. Replies stay oldest first under their
    parent whatever the order of the branches."""
    tops, replies = {}, defaultdict(list)
    for comment in comments:
        if comment.parent_id is None:
            tops[comment.pk] = comment
        else:
            replies[comment.parent_id].append(comment)
    return [Branch(pk, tops.get(pk), replies[pk]) for _, pk in keys]


def _reply_to(form, request, comments):
    """The shown comment the form answers: the posted parent, else `?reply_to=<id>`, which
    must be one of this page (a 404 otherwise: no made-up id makes a page of its own)."""
    wanted = form["parent"].value() if form.is_bound else request.GET.get("reply_to")
    found = next((c for c in comments if str(c.pk) == str(wanted) and c.is_published), None)
    if found is None and not form.is_bound and wanted is not None:
        raise Http404("No comment of this thread to reply to.")
    return found


def _reply_url(article_url, query):
    """The article's page (`article_url`) with the query's parameters but `reply_to`, ending
    in `reply_to=` for each comment to add its id."""
    query = query.copy()
    query.pop("reply_to", None)
    query["reply_to"] = ""
    return f"{article_url}?{query.urlencode()}"


def context(request, article, form=None):
    """The thread template's context: a page of BRANCHES_PER_PAGE branches (`?page=`, which
    must name one: else Http404). Two queries: the outline of the thread, and the comments of
    the page (reply_to needs none more)."""
    # A cached copy of the page must not outlive the open thread's form.
    caching.valid_until(request, policy.closes_at(article))
    order = request.GET.get("order")
    if order is not None and order not in ORDERS:
        raise Http404("No such order of the comments.")
    mine = authorship.authored_ids(request)
    newest_first = order == "newest"
    # A form shown again comes back to the thread's first page.
    number = None if request.method == "POST" else request.GET.get("page")
    page = thread_page(outline(request, article), number, newest_first=newest_first)
    rows = Comment.objects.filter(pk__in=page.comment_ids).order_by("created_at", "pk")
    now = timezone.now()
    comments = [_shown(row, now) for row in rows.values(*_SHOWN_COLUMNS)]
    form = form or CommentForm(article=article, request=request)
    reply_to = _reply_to(form, request, comments)
    if reply_to and not form.is_bound:
        form.initial["parent"] = reply_to.pk
    article_url = article.get_absolute_url()
    return {
        "article": article,
        "article_url": article_url,
        "branches": branches(comments, page.branch_keys),
        "page": page,
        "count": visible_count(request, article),
        "newest_first": newest_first,
        "mine": mine,
        "changeable": {c.pk for c in comments if authorship.may_change(c, mine)},
        "is_open": policy.is_open(article),
        "form": form,
        "form_token": spam.form_token(article.pk),
        "reply_to": reply_to,
        # Each comment's reply link: this page's address and parameters, `reply_to` last.
        "reply_url": _reply_url(article_url, request.GET),
        "report_url": reverse("comments:report"),
    }
