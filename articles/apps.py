from django.apps import AppConfig
from django.db.models.signals import post_delete, post_save


class ArticlesConfig(AppConfig):
    name = "articles"
    verbose_name = "Articles"

    def ready(self):
        from articles import pagecache
        from articles.models import Article, Author, Byline, Correction, Section
        from newsroom.redis_cache import cache_returned

        # Anything that changes an article, a section, a note or an author may show on every
        # page.
        for model in (Article, Section, Correction, Author, Byline):
            for signal in (post_save, post_delete):
                signal.connect(
                    pagecache.content_changed,
                    sender=model,
                    dispatch_uid=f"pagecache-{model.__name__}-{signal}",
                )
        # Changes made while the cache was away could not renew the generations of the pages
        # kept before: none of those may be served now.
        cache_returned.connect(pagecache.content_changed, dispatch_uid="pagecache-cache-returned")
