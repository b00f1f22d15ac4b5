from django.apps import AppConfig


class NewsroomConfig(AppConfig):
    """The project package, installed for its system checks (newsroom/checks.py)."""

    name = "newsroom"
    verbose_name = "Newsroom"

    def ready(self):
        from newsroom import checks  # noqa: F401 (registers them)
