"""Editing and deleting your own comment, from the browser that posted it, for ten minutes."""

from datetime import timedelta

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from comments.models import Comment


@pytest.fixture
def mine(client, article, post_comment):
    """A comment this test's `client` posted."""
    post_comment(article, body="My first draft.")
    return Comment.objects.get()


def age(comment, minutes):
    Comment.objects.filter(pk=comment.pk).update(
        created_at=timezone.now() - timedelta(minutes=minutes)
    )


def test_the_author_sees_edit_and_delete_links(client, article, mine):
    html = client.get(article.get_absolute_url()).content.decode()

    assert f'<a href="/comments/{mine.pk}/edit/">Edit</a>' in html
    assert f'<a href="/comments/{mine.pk}/delete/">Delete</a>' in html


def test_other_readers_see_no_edit_links_but_a_report_button(article, mine):
    html = Client().get(article.get_absolute_url()).content.decode()

    assert "/edit/" not in html
    assert f'name="comment" value="{mine.pk}">Report' in html


def test_the_edit_page_shows_the_text_in_a_form(client, mine):
    response = client.get(reverse("comments:edit", args=[mine.pk]))

    html = response.content.decode()
    assert response.status_code == 200
    assert ">\nMy first draft.</textarea>" in html


def test_the_author_edits_the_comment(client, mine):
    response = client.post(reverse("comments:edit", args=[mine.pk]), {"body": "Second thoughts."})

    mine.refresh_from_db()
    assert response.status_code == 303
    assert response["Location"].endswith(f"#comment-{mine.pk}")
    assert mine.body == "Second thoughts."
    assert mine.edited_at is not None


def test_an_edited_comment_says_so(client, article, mine):
    client.post(reverse("comments:edit", args=[mine.pk]), {"body": "Second thoughts."})

    html = client.get(article.get_absolute_url()).content.decode()

    assert "· edited" in html


def test_an_edit_with_a_mistake_shows_the_form_again(client, mine):
    response = client.post(reverse("comments:edit", args=[mine.pk]), {"body": "x"})

    assert response.status_code == 400
    assert 'id="id_body_error"' in response.content.decode()


def test_an_edit_that_adds_links_is_held(client, mine):
    links = "https://a.example/ https://b.example/ https://c.example/"

    client.post(reverse("comments:edit", args=[mine.pk]), {"body": links})

    mine.refresh_from_db()
    assert (mine.status, mine.hold_reason) == ("pending", "links")


def test_an_edit_does_not_lift_a_hold(client, mine):
    Comment.objects.filter(pk=mine.pk).update(status="pending", hold_reason="reported")

    client.post(reverse("comments:edit", args=[mine.pk]), {"body": "Harmless now."})

    mine.refresh_from_db()
    assert (mine.status, mine.hold_reason) == ("pending", "reported")


def test_the_author_deletes_the_comment_after_confirming(client, article, mine):
    confirm = client.get(reverse("comments:delete", args=[mine.pk]))

    response = client.post(reverse("comments:delete", args=[mine.pk]))

    mine.refresh_from_db()
    assert "<h1>Delete your comment?</h1>" in confirm.content.decode()
    assert response.status_code == 303
    assert response["Location"] == f"{article.get_absolute_url()}#comments"
    assert (mine.status, mine.body, mine.email) == ("deleted", "", "")


def test_a_deleted_comment_is_gone_from_the_page(client, article, mine):
    client.post(reverse("comments:delete", args=[mine.pk]))

    html = client.get(article.get_absolute_url()).content.decode()

    assert "My first draft." not in html
    assert "Your comment was deleted." in html
    assert "No comments yet." in html


def test_after_ten_minutes_the_links_disappear(client, article, mine):
    age(mine, minutes=11)

    html = client.get(article.get_absolute_url()).content.decode()

    assert "/edit/" not in html
    assert "/delete/" not in html


@pytest.mark.parametrize("action", ["edit", "delete"])
def test_after_ten_minutes_changes_are_refused_with_a_clear_page(client, mine, action):
    age(mine, minutes=11)

    response = client.post(reverse(f"comments:{action}", args=[mine.pk]), {"body": "Too late."})

    mine.refresh_from_db()
    assert response.status_code == 403
    assert "<h1>This comment can no longer be changed</h1>" in response.content.decode()
    assert "for 10 minutes after posting" in response.content.decode()
    assert mine.body == "My first draft."


def test_the_window_follows_the_setting(settings, client, mine):
    settings.COMMENTS_EDIT_MINUTES = 30
    age(mine, minutes=20)

    response = client.post(reverse("comments:edit", args=[mine.pk]), {"body": "Still in time."})

    assert response.status_code == 303


@pytest.mark.parametrize("action", ["edit", "delete"])
def test_another_browser_cannot_change_the_comment(mine, action):
    response = Client().post(reverse(f"comments:{action}", args=[mine.pk]), {"body": "Hijack."})

    mine.refresh_from_db()
    assert response.status_code == 403
    assert mine.body == "My first draft."


def test_the_browser_remembers_all_its_comments(client, article, post_comment):
    post_comment(article, body="One.")
    post_comment(article, body="Two.")

    html = client.get(article.get_absolute_url()).content.decode()

    assert html.count(">Edit</a>") == 2


@pytest.fixture
def closed(settings):
    settings.COMMENTS_POLICY = "closed"


def test_a_closed_thread_takes_no_edit_and_says_why(client, mine, closed):
    response = client.post(reverse("comments:edit", args=[mine.pk]), {"body": "https://a.example/"})

    mine.refresh_from_db()
    assert response.status_code == 403
    assert "<h1>Comments are closed</h1>" in response.content.decode()
    assert mine.body == "My first draft."


def test_a_closed_thread_offers_its_author_delete_but_not_edit(client, article, mine, closed):
    html = client.get(article.get_absolute_url()).content.decode()

    assert "/edit/" not in html
    assert f'<a href="/comments/{mine.pk}/delete/">Delete</a>' in html


def test_in_a_closed_thread_the_author_may_still_delete(client, mine, closed):
    response = client.post(reverse("comments:delete", args=[mine.pk]))

    mine.refresh_from_db()
    assert response.status_code == 303
    assert mine.status == "deleted"
