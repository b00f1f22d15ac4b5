"""The staff preview: any article as readers would see it, not cached, not indexed."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from articles.models import Article

pytestmark = pytest.mark.django_db


@pytest.fixture
def draft(make_article):
    return make_article(headline="Not out yet", status=Article.Status.DRAFT)


def preview_url(article):
    return reverse("article_preview", args=[article.pk])


def test_staff_preview_a_draft_with_a_banner_uncached_and_not_indexed(editor_client, draft):
    response = editor_client.get(preview_url(draft))

    page = response.content.decode()
    assert response.status_code == 200
    assert "<h1>Not out yet</h1>" in page
    assert "Preview — not published.</strong> A draft." in page
    assert '<meta name="robots" content="noindex">' in page
    assert {"no-cache", "private"} <= set(response["Cache-Control"].replace(" ", "").split(","))


def test_the_preview_of_a_scheduled_article_says_when_it_goes_out(editor_client, make_article):
    scheduled = make_article(published_at=timezone.now() + timedelta(days=2))

    page = editor_client.get(preview_url(scheduled)).content.decode()

    assert "Preview — not published.</strong> Scheduled for" in page


def test_the_preview_has_no_comment_thread(editor_client, draft):
    page = editor_client.get(preview_url(draft)).content.decode()

    assert 'id="comments"' not in page


def test_readers_are_sent_to_log_in(client, draft):
    response = client.get(preview_url(draft))

    assert response.status_code == 302
    assert response["Location"].startswith(reverse("admin:login"))
    assert "private" in response["Cache-Control"]


def test_staff_who_may_not_view_articles_are_refused(client, django_user_model, draft):
    client.force_login(django_user_model.objects.create_user("staff", is_staff=True))

    assert client.get(preview_url(draft)).status_code == 403


def test_an_unknown_article_is_a_404(editor_client):
    assert editor_client.get(reverse("article_preview", args=[999999])).status_code == 404


def test_view_on_site_opens_the_preview_until_readers_can_see_the_article(
    editor_client, draft, article
):
    draft_page = editor_client.get(reverse("admin:articles_article_change", args=[draft.pk]))
    public_page = editor_client.get(reverse("admin:articles_article_change", args=[article.pk]))

    assert f'href="{preview_url(draft)}"' in draft_page.content.decode()
    assert f'href="{article.get_absolute_url()}"' in public_page.content.decode()
