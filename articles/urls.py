from django.urls import path, re_path, register_converter

from articles import converters, views

register_converter(converters.Year, "yyyy")
register_converter(converters.TwoDigits, "dd")

urlpatterns = [
    path("", views.front_page, name="front_page"),
    path(
        "<slug:section>/<yyyy:year>/<dd:month>/<dd:day>/<slug:slug>/",
        views.article_detail,
        name="article",
    ),
    path("<slug:section>/", views.section_page, name="section"),
    # Old links, as the previous site served them: /News/2026-03-08-some-headline
    re_path(
        r"^(?P<original_path>[^/]+/[0-9]{4}-[0-9]{2}-[0-9]{2}-[^/]+)/?$",
        views.old_path_redirect,
        name="old_path",
    ),
]
