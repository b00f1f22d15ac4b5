"""Comments as HTML: the text escaped with line breaks kept and web addresses made links, and
each comment of a thread with its actions."""

from html import escape

from django.urls import reverse
from django.utils import timezone
from django.utils.html import Urlizer
from django.utils.safestring import mark_safe


class _CommentUrlizer(Urlizer):
    # Readers' links: marked as user content, not endorsed, and given no handle on our page.
    # Urlizer only links http(s)://, www. and bare domain names (and emails), never
    # `javascript:` or any other scheme.
    url_template = '<a href="{href}" rel="ugc nofollow noopener">{url}</a>'


_urlize = _CommentUrlizer()


def render_body(text):
    """The comment text as safe HTML."""
    # With autoescape, Urlizer escapes every character it does not turn into a link; the
    # newlines it leaves are outside any tag, so they can become <br> safely.
    html = _urlize(text, autoescape=True)
    return mark_safe(html.replace("\n", "<br>\n"))  # noqa: S308


def count_links(text):
    """How many links the text shows once rendered: the links the links rule counts."""
    # Typed text cannot contain "<a " any more: rendering escapes its "<".
    return render_body(text).count("<a ")


# Largest first: "ago" names the largest unit that fits.
_UNITS = (
    ("year", 365 * 86400),
    ("month", 30 * 86400),
    ("week", 7 * 86400),
    ("day", 86400),
    ("hour", 3600),
    ("minute", 60),
)


def ago(moment, now=None):
    """How long ago, in its largest unit: "3 hours ago"; "just now" in the first minute.

    Plain arithmetic rather than Django's timesince, which costs ten times as much and runs
    once for every comment of a thread."""
    seconds = ((now or timezone.now()) - moment).total_seconds()
    for unit, length in _UNITS:
        if seconds >= length:
            count = int(seconds // length)
            # A no-break space, as Django's timesince: "3 hours" never splits across lines.
            return f"{count}\xa0{unit}{'s' if count != 1 else ''} ago"
    return "just now"


class ThreadHTML:
    """The comments of a thread as HTML, with what this reader may do with each.

    Built here rather than in a template: a thread has hundreds of comments, and Django's
    template engine (its loops and a tag a comment) spent most of an uncached article page's
    time on them. What is the same for every comment (the reader's comments, the
    addresses, the time zone) is worked out once.
    Everything that came from a reader is escaped; a comment's text was rendered on save.
    """

    def __init__(self, thread):
        """`thread`: the thread template's context (comments.thread.context)."""
        self.is_open = thread["is_open"]
        self.mine = thread["mine"]
        self.changeable = thread["changeable"]
        # The reply link keeps the page's other parameters (the order): all but the id, once.
        query = thread["query"].copy()
        query.pop("reply_to", None)
        self.reply_url = escape(
            f"{thread['article_url']}?{query.urlencode()}{'&' if query else ''}reply_to="
        )
        self.now = timezone.now()
        self.zone = timezone.get_current_timezone()
        self.edit_url, self.delete_url, self.report_url = (
            _url_pattern(name) for name in ("comments:edit", "comments:delete", "comments:report")
        )

    def branches(self, branches):
        """The list of branches: each comment (or, if it is no longer shown, a line saying so
        where it stood) with its replies under it."""
        html = ['<ol class="comment-list">']
        for branch in branches:
            html.append("<li>")
            if branch.comment is not None:
                html.append(self.comment(branch.comment))
            else:
                html.append(
                    f'<p class="comment comment-withdrawn" id="comment-{branch.pk}">'
                    "This comment is no longer shown.</p>"
                )
            if branch.replies:
                html.append('<ol class="comment-replies">')
                html.extend(f"<li>{self.comment(reply)}</li>" for reply in branch.replies)
                html.append("</ol>")
            html.append("</li>")
        html.append("</ol>")
        return mark_safe("".join(html))  # noqa: S308 (built from escaped parts)

    def comment(self, comment):
        pk, name, published = comment.pk, escape(comment.name), comment.is_published
        created = comment.created_at.astimezone(self.zone)
        edited = " · edited" if comment.edited_at else ""
        html = [
            f'<article class="comment{"" if published else " comment-held"}" id="comment-{pk}">'
            f'<header class="comment-meta"><span class="comment-author">{name}</span> '
            f'<a class="comment-permalink" href="#comment-{pk}">'
            f'<time datetime="{created.isoformat()}">{_shown_time(created)}</time></a>'
            f" · {ago(comment.created_at, self.now)}{edited}</header>"
        ]
        if not published:
            html.append(
                '<p class="comment-status">Your comment is awaiting moderation: '
                "only you can see it for now.</p>"
            )
        html.append(
            f'<p class="comment-body">{comment.body_html}</p><footer class="comment-actions">'
        )
        if published and self.is_open:
            html.append(
                f'<a href="{self.reply_url}{pk}#comment-form">'
                f'Reply<span class="visually-hidden"> to {name}</span></a> '
            )
        if pk in self.changeable:
            # A closed thread takes no edits; its author may still delete a comment.
            if self.is_open:
                html.append(f'<a href="{self.edit_url.format(pk)}">Edit</a> ')
            html.append(f'<a href="{self.delete_url.format(pk)}">Delete</a>')
        elif published and pk not in self.mine:
            html.append(
                f'<form method="post" action="{self.report_url.format(pk)}" class="comment-report">'
                f'<button type="submit">Report<span class="visually-hidden"> the comment by {name}'
                "</span></button></form>"
            )
        html.append("</footer></article>")
        return "".join(html)


# English, as the page is. Not strftime: its %b and %H:%M cost a thread of 200 a millisecond.
_MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")


def _shown_time(moment):
    """When a comment was posted, in local time, as the thread shows it: "Nov 5, 2026, 09:30"."""
    month = _MONTHS[moment.month - 1]
    return f"{month} {moment.day}, {moment.year}, {moment.hour:02d}:{moment.minute:02d}"


def _url_pattern(name):
    """The URL of a comment's page as a format string: reverse() once, not once a comment."""
    sentinel = 987654321
    return reverse(name, args=[sentinel]).replace(str(sentinel), "{}")
