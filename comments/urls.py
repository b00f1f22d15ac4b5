from django.urls import path

from comments import feeds, permalink, views

app_name = "comments"

urlpatterns = [
    path("articles/<int:article_id>/", views.post_comment, name="post"),
    path("articles/<int:article_id>/feed/", feeds.CommentsFeed(), name="feed"),
    path("articles/<int:article_id>/feed/atom/", feeds.CommentsAtomFeed(), name="feed_atom"),
    path("<int:pk>/", permalink.permalink, name="permalink"),
    path("<int:pk>/edit/", views.edit_comment, name="edit"),
    path("<int:pk>/delete/", views.delete_comment, name="delete"),
    path("<int:pk>/report/", views.report_comment, name="report"),
]
