from django.contrib import admin
from django.urls import include, path

urlpatterns = [
    path("admin/", admin.site.urls),
    # Last: its section and old-path patterns match almost any path.
    path("", include("articles.urls")),
]
