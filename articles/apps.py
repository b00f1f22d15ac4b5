from django.apps import AppConfig
from django.db.models.signals import post_delete, post_save


class ArticlesConfig(AppConfig):
    name = "articles"
    verbose_name = "Articles"

    def ready(self):
        from articles import tags
        from articles.models import Article, Author, Byline, Correction, Section

        # What changes an article, a section, a note or a byline marks the pages that show it
        # changed.
        receivers = {
            Article: tags.article_changed,
            Correction: tags.correction_changed,
            Section: tags.section_changed,
            Author: tags.author_changed,
            Byline: tags.byline_changed,
        }
        for model, receiver in receivers.items():
            for signal in (post_save, post_delete):
                signal.connect(
                    receiver, sender=model, dispatch_uid=f"caching-{model.__name__}-{signal}"
                )
