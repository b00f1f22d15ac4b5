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


@register.simple_tag(takes_context=True)
def render_comments(context, branches):
    """The thread's comments and replies, with this reader's actions, as one list:
    `{% render_comments branches %}` inside comments/thread.html, whose context it reads."""
    return rendering.ThreadHTML(context).branches(branches)


# The markup of empty fields of forms not posted, by form class, prefix, ids and field name.
_empty_field_groups = {}


@register.filter
def field_group(field):
    """`{{ form.name|field_group }}`: the field's label, help text, errors and input, as
    `as_field_group` renders them. An empty field of a form not posted looks the same to every
    reader, so it is rendered once a process, not on every article page (Django's form
    templates took a millisecond a page for the comment form). For forms that do not change
    their fields from one instance to the next."""
    form = field.form
    if form.is_bound or field.value() not in (None, ""):
        return field.as_field_group()
    key = (type(form), form.prefix, form.auto_id, field.name)
    if key not in _empty_field_groups:
        _empty_field_groups[key] = field.as_field_group()
    return _empty_field_groups[key]
