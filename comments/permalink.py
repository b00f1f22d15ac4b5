"""A comment's lasting address, /comments/<id>/: it leads to the page of the thread that shows
the comment now (threads grow, and a comment's page with them)."""

from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse

from articles.models import Article
from comments.models import Comment


def permalink(request, pk):
    """A 302 to the comment's anchor on its thread's page; 404 unless everyone may see it."""
    comment = get_object_or_404(
        Comment.objects.visible()
        .filter(article__in=Article.objects.published())
        .select_related("article__section"),
        pk=pk,
    )
    return redirect(comment.get_absolute_url())


def permalink_url(comment):
    """The comment's lasting address; costs no query."""
    return reverse("comments:permalink", args=[comment.pk])
