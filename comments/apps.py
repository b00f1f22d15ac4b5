from django.apps import AppConfig
from django.db.models.signals import post_delete, post_save


class CommentsConfig(AppConfig):
    name = "comments"
    verbose_name = "Comments"

    def ready(self):
        from comments.models import BlockedWord, Comment
        from comments.moderation import blocked_words_changed, comment_saved_or_deleted
        from newsroom.redis_cache import cache_returned

        for signal in (post_save, post_delete):
            signal.connect(
                comment_saved_or_deleted, sender=Comment, dispatch_uid=f"pagecache-comment-{signal}"
            )
            signal.connect(
                blocked_words_changed, sender=BlockedWord, dispatch_uid=f"blocked-words-{signal}"
            )
        # Word changes made while the cache was away could not renew the kept list's generation.
        cache_returned.connect(blocked_words_changed, dispatch_uid="blocked-words-cache-returned")
