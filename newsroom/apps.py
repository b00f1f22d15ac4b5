from django.apps import AppConfig


class NewsroomConfig(AppConfig):
    """The project package: its system checks (newsroom/checks.py), the caches' receiver and
    the admin's login form."""

    name = "newsroom"
    verbose_name = "Newsroom"

    def ready(self):
        from django.conf import settings
        from django.contrib import admin

        from newsroom import checks  # noqa: F401 (registers them)
        from newsroom.admin_login import ThrottledAdminAuthenticationForm
        from newsroom.caching.versions import everything_changed
        from newsroom.redis_cache import cache_returned

        # Changes made while the cache did not answer were not recorded: nothing kept before
        # may be served now.
        cache_returned.connect(everything_changed, dispatch_uid="caching-cache-returned")
        # The admin's login locks out password guessing (newsroom/admin_login.py).
        admin.site.login_form = ThrottledAdminAuthenticationForm
        admin.site.site_header = settings.SITE_NAME
        admin.site.site_title = f"{settings.SITE_NAME} admin"
