"""A comment's plain text as HTML: escaped, line breaks kept, web addresses made links."""

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
