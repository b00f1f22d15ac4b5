"""Template tags through which article pages show comments, without `articles` importing them."""

from django import template
from django.template import engines
from django.utils.safestring import mark_safe

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


@register.simple_tag(takes_context=True)
def comment_list(context):
    """The page's comments, in comments/thread.html: the Jinja2 template
    comments/comment_list.html (templates/jinja2) with the thread's context."""
    template = engines["jinja2"].get_template("comments/comment_list.html")
    # Markup that Jinja2 made, escaping everything it put in (the backend's autoescape).
    return mark_safe(template.render(context.flatten()))  # noqa: S308


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
