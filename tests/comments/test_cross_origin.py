"""The public forms are refused when the browser says another site's page sent them
(newsroom/cross_origin.py), and need no token when it says this site's did."""

import pytest
from django.test import Client
from django.urls import reverse

from comments import authorship
from comments.models import Comment, Report

# What a browser sends with a form that a page of another site submitted.
CROSS_SITE = {
    "another site": {"Sec-Fetch-Site": "cross-site", "Origin": "https://evil.example"},
    "another port": {"Sec-Fetch-Site": "same-site", "Origin": "http://testserver:8080"},
    "a subdomain": {"Sec-Fetch-Site": "same-site", "Origin": "http://forum.testserver"},
    "an older browser": {"Origin": "https://evil.example"},
    "another scheme": {"Origin": "https://testserver"},
}
SAME_ORIGIN = {
    "a current browser": {"Sec-Fetch-Site": "same-origin", "Origin": "http://testserver"},
    "an older browser": {"Origin": "http://testserver"},
    "no browser at all": {},
}


@pytest.mark.parametrize("sender", CROSS_SITE)
def test_a_comment_sent_from_another_sites_page_is_refused_and_stores_nothing(
    article, comment_data, sender
):
    url = reverse("comments:post", args=[article.pk])

    response = Client().post(url, comment_data(article), headers=CROSS_SITE[sender])

    assert response.status_code == 403
    assert "This form was not sent from our site" in response.content.decode()
    assert Comment.objects.count() == 0


@pytest.mark.parametrize("sender", SAME_ORIGIN)
def test_a_comment_from_this_site_needs_no_token(article, comment_data, sender):
    client = Client(enforce_csrf_checks=True)
    url = reverse("comments:post", args=[article.pk])

    response = client.post(url, comment_data(article), headers=SAME_ORIGIN[sender])

    assert response.status_code == 303
    assert Comment.objects.count() == 1


def test_an_origin_the_operator_trusts_may_post(settings, article, comment_data):
    settings.CSRF_TRUSTED_ORIGINS = ["https://www.testserver"]
    url = reverse("comments:post", args=[article.pk])

    response = Client().post(
        url, comment_data(article), headers={"Origin": settings.CSRF_TRUSTED_ORIGINS[0]}
    )

    assert response.status_code == 303


@pytest.fixture
def author(client, article, post_comment):
    """The test client as the browser that has just posted a comment: (client, comment)."""
    post_comment(article, body="My own words.")
    return client, Comment.objects.get()


def test_an_edit_sent_from_another_site_changes_nothing(author):
    client, comment = author

    response = client.post(
        reverse("comments:edit", args=[comment.pk]),
        {"body": "Words put in my mouth."},
        headers=CROSS_SITE["another site"],
    )

    assert response.status_code == 403
    comment.refresh_from_db()
    assert comment.body == "My own words."


def test_a_delete_sent_from_another_site_deletes_nothing(author):
    client, comment = author

    response = client.post(
        reverse("comments:delete", args=[comment.pk]), headers=CROSS_SITE["a subdomain"]
    )

    assert response.status_code == 403
    comment.refresh_from_db()
    assert comment.status == Comment.Status.PUBLISHED


def test_a_report_sent_from_another_site_is_not_counted(author):
    _client, comment = author

    response = Client().post(
        reverse("comments:report"),
        {"comment": comment.pk},
        headers=CROSS_SITE["an older browser"],
    )

    assert response.status_code == 403
    assert Report.objects.count() == 0


def test_the_admin_keeps_its_token(admin_client):
    admin_client.handler.enforce_csrf_checks = True

    response = admin_client.post(
        reverse("admin:articles_section_add"),
        {"name": "Weather"},
        headers=SAME_ORIGIN["a current browser"],
    )

    assert response.status_code == 403


def test_the_comments_cookie_is_lax(client, article, post_comment):
    response = post_comment(article)

    assert response.cookies[authorship.COOKIE]["samesite"] == "Lax"
