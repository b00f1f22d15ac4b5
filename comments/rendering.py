"""Comments as HTML: the text escaped with line breaks kept and web addresses made links, and
how long ago each was posted."""

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
