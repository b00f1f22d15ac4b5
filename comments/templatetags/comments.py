"""Template tags through which article pages show comments, without `articles` importing them."""

from django import template

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


@register.simple_tag(takes_context=True)
def comment_count(context, article):
    """The article's number of visible comments: `{% comment_count article as count %}`. It
    loads the thread's comments, which `comment_thread` then shows without a query more."""
    return thread.visible_count(context["request"], article)


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
    """`{{ comment.created_at|ago }}`: how long ago, in its largest unit ("3 hours ago")."""
    return rendering.ago(moment)
