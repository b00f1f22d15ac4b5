from django.apps import AppConfig
from django.db.models.signals import post_delete, post_save


class CommentsConfig(AppConfig):
    name = "comments"
    verbose_name = "Comments"

    def ready(self):
        from comments.models import BlockedWord, Comment
        from comments.moderation import blocked_words_changed, comment_saved_or_deleted

        for signal in (post_save, post_delete):
            signal.connect(
                comment_saved_or_deleted, sender=Comment, dispatch_uid=f"caching-comment-{signal}"
            )
            signal.connect(
                blocked_words_changed, sender=BlockedWord, dispatch_uid=f"blocked-words-{signal}"
            )
