from django.conf import settings
from django.conf.urls.static import static
from django.contrib import admin
from django.urls import include, path

from newsroom import health

urlpatterns = [
    path(settings.ADMIN_PATH, admin.site.urls),
    path("healthz", health.healthz, name="healthz"),
    path("readyz", health.readyz, name="readyz"),
    path("comments/", include("comments.urls")),
    # Uploaded images for `make run` (DEBUG only: Django adds nothing otherwise); in production
    # nginx or the bucket serves them.
    *static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT),
    # Last: its section and old-path patterns match almost any path.
    path("", include("articles.urls")),
]
