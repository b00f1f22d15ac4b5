from django.urls import path

from comments import feeds, permalink, views
from newsroom.caching import public_page

app_name = "comments"

urlpatterns = [
    path("articles/<int:article_id>/", views.post_comment, name="post"),
    path("articles/<int:article_id>/form-token/", views.form_token, name="form_token"),
    path("articles/<int:article_id>/feed/", public_page(feeds.CommentsFeed()), name="feed"),
    path(
        "articles/<int:article_id>/feed/atom/",
        public_page(feeds.CommentsAtomFeed()),
        name="feed_atom",
    ),
    path("<int:pk>/", permalink.permalink, name="permalink"),
    path("<int:pk>/edit/", views.edit_comment, name="edit"),
    path("<int:pk>/delete/", views.delete_comment, name="delete"),
    path("report/", views.report_comment, name="report"),
    path("replies/confirm/<str:token>/", views.confirm_replies, name="confirm_replies"),
    path("replies/stop/<str:token>/", views.unsubscribe_replies, name="unsubscribe_replies"),
]
