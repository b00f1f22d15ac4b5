"""The moderation policy in force for an article's thread."""

from datetime import timedelta

from django.conf import settings
from django.utils import timezone

from articles.models import CommentPolicy


def effective_policy(article):
    """The article's own policy, else its section's, else the site's (COMMENTS_POLICY); closed
    anyway once the article is older than COMMENTS_CLOSE_AFTER_DAYS (0: never).

    Reads `article.section`: load it with the article.
    """
    policy = article.comment_policy or article.section.comment_policy or settings.COMMENTS_POLICY
    closing = closes_at(article)
    if closing is not None and closing <= timezone.now():
        return CommentPolicy.CLOSED
    return CommentPolicy(policy)


def closes_at(article):
    """When the thread closes by itself (COMMENTS_CLOSE_AFTER_DAYS), or None for never."""
    days = settings.COMMENTS_CLOSE_AFTER_DAYS
    return article.published_at + timedelta(days=days) if days else None


def is_open(article):
    """Whether readers may post in the article's thread."""
    return effective_policy(article) != CommentPolicy.CLOSED
