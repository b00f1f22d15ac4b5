"""Template tags through which article pages show comments, without `articles` importing them."""

from datetime import timedelta

from django import template
from django.utils import timezone
from django.utils.timesince import timesince

from comments import rendering, thread
from comments.models import Comment

register = template.Library()


@register.inclusion_tag("comments/thread.html", takes_context=True)
def comment_thread(context, article):
    """The thread under an article, with the form (or "Comments are closed").

    A view that shows a posted form again sets it as `request.comment_form`, errors and all.
    """
    request = context["request"]
    return {
        **thread.context(request, article, getattr(request, "comment_form", None)),
        "messages": context.get("messages"),
    }


@register.simple_tag
def comment_counts(articles):
    """{article id: visible comments} for a page of articles, in one query:
    `{% comment_counts page.object_list as counts %}`."""
    return Comment.objects.count_by_article(articles)


@register.filter
def count_for(counts, article):
    """`counts|count_for:article`: the article's number from `comment_counts`."""
    return counts.get(article.pk, 0)


@register.filter
def comment_body(text):
    """A comment's text as HTML: escaped, line breaks kept, links clickable."""
    return rendering.render_body(text)


@register.filter
def ago(moment):
    """How long ago, e.g. "3 hours ago"; "just now" in the first minute."""
    if timezone.now() - moment < timedelta(minutes=1):
        return "just now"
    return f"{timesince(moment, depth=1)} ago"
