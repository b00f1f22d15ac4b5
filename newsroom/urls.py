from django.conf import settings
from django.contrib import admin
from django.urls import include, path

from newsroom import health

urlpatterns = [
    path(settings.ADMIN_PATH, admin.site.urls),
    path("healthz", health.healthz, name="healthz"),
    path("readyz", health.readyz, name="readyz"),
    path("comments/", include("comments.urls")),
    # Last: its section and old-path patterns match almost any path.
    path("", include("articles.urls")),
]
