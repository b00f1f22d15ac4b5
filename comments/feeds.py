"""RSS and Atom feeds of one article's visible comments, newest first.

Items name the commenter and never their email: RSS would put an author's email in <author>
and Atom in <author><email>, so the feeds give no `item_author_email`.
"""

from django.conf import settings
from django.contrib.syndication.views import Feed
from django.shortcuts import get_object_or_404
from django.utils.feedgenerator import Atom1Feed
from django.utils.html import escape

from articles import tags
from articles.feeds import FEED_SIZE
from articles.models import Article
from comments.models import Comment
from comments.moderation import thread_tag
from comments.permalink import permalink_url
from newsroom import caching


class CommentsFeed(Feed):
    """An article's newest visible comments, as RSS: /comments/articles/<id>/feed/."""

    def get_object(self, request, article_id):
        article = get_object_or_404(
            Article.objects.published().select_related("section"), pk=article_id
        )
        caching.tag(request, tags.article(article.pk), thread_tag(article.pk))
        return article

    def title(self, article):
        return f"{settings.SITE_NAME}: comments on {article.headline}"

    def description(self, article):
        return f"The newest comments on “{article.headline}” on {settings.SITE_NAME}."

    def link(self, article):
        return f"{article.get_absolute_url()}#comments"

    def items(self, article):
        """One query: the comments with the article and section their links need."""
        comments = Comment.objects.visible().filter(article=article)
        return comments.select_related("article__section").order_by("-created_at", "-pk")[
            :FEED_SIZE
        ]

    def item_link(self, comment):
        """The comment's lasting address, which finds its page of the thread when followed:
        working out each item's page here would cost a query an item."""
        return permalink_url(comment)

    def item_title(self, comment):
        # Escaped like Django's default titles: feed readers may show titles as HTML.
        return escape(f"{comment.name} on {comment.article.headline}")

    def item_description(self, comment):
        """The text as the thread shows it (rendered on save): escaped, links marked ugc."""
        return comment.body_html

    def item_author_name(self, comment):
        return comment.name

    def item_pubdate(self, comment):
        return comment.created_at

    def item_updateddate(self, comment):
        return comment.edited_at or comment.created_at


class CommentsAtomFeed(CommentsFeed):
    feed_type = Atom1Feed
    subtitle = CommentsFeed.description
