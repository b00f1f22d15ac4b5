"""Posting a comment through the form: success, errors that keep the text, no token, the cookie."""

import pytest
from django.test import Client
from django.urls import reverse

from comments.models import Comment


def test_the_article_page_has_the_comment_form_with_labels(client, article):
    response = client.get(article.get_absolute_url())

    html = response.content.decode()
    assert '<form method="post" action="/comments/articles/' in html
    assert '<label for="id_name">Name:</label>' in html
    assert '<label for="id_email">Email (optional):</label>' in html
    assert '<label for="id_body">Comment:</label>' in html
    assert 'name="timestamp"' in html


def test_the_honeypot_is_hidden_from_people_and_labelled_to_be_left_empty(client, article):
    response = client.get(article.get_absolute_url())

    html = response.content.decode()
    assert '<div class="visually-hidden" aria-hidden="true"><label for="id_website">' in html
    assert "leave this empty" in html
    assert 'name="website" tabindex="-1" autocomplete="off"' in html


def test_a_valid_comment_is_stored_and_redirects_to_its_anchor(article, post_comment):
    response = post_comment(article, name="  Ada   Lovelace ", body="  Hello there.  ")

    comment = Comment.objects.get()
    assert response.status_code == 303
    assert response["Location"] == f"{article.get_absolute_url()}#comment-{comment.pk}"
    assert (comment.name, comment.body) == ("Ada Lovelace", "Hello there.")
    assert (comment.status, comment.email) == ("published", "ada@example.com")
    assert comment.ip_address == "192.0.2.10"


def test_the_new_comment_shows_on_the_article_page(client, article, post_comment):
    post_comment(article, name="Ada Lovelace", body="First!\nSecond line.")

    response = client.get(article.get_absolute_url())

    html = response.content.decode()
    assert "1 comment</h2>" in html
    assert '<span class="comment-author">Ada Lovelace</span>' in html
    assert '<p class="comment-body">First!<br>\nSecond line.</p>' in html


def test_the_email_is_never_shown(client, article, post_comment, make_comment):
    make_comment(email="secret-one@example.com")
    post_comment(article, email="secret-two@example.com")

    html = client.get(article.get_absolute_url()).content.decode()

    assert "secret-one@example.com" not in html
    assert "secret-two@example.com" not in html


def test_the_email_is_optional(article, post_comment):
    response = post_comment(article, email="")

    assert response.status_code == 303
    assert Comment.objects.get().email == ""


@pytest.mark.parametrize(
    ("fields", "field", "message"),
    [
        ({"name": ""}, "name", "This field is required."),
        ({"name": "n" * 81}, "name", "Ensure this value has at most 80 characters (it has 81)."),
        ({"body": "   x   "}, "body", "Ensure this value has at least 2 characters (it has 1)."),
        ({"body": "b" * 5001}, "body", "Ensure this value has at most 5000 characters"),
        ({"email": "not an address"}, "email", "Enter a valid email address."),
        ({"body": "nul \x00 byte"}, "body", "Null characters are not allowed."),
        ({"name": "nul \x00 byte"}, "name", "Null characters are not allowed."),
    ],
)
def test_a_mistake_shows_the_page_again_with_the_error_beside_its_field(
    article, post_comment, fields, field, message
):
    response = post_comment(article, **fields)

    html = response.content.decode()
    assert response.status_code == 400
    assert f'<ul class="errorlist" id="id_{field}_error"><li>{message}' in html
    assert f'aria-describedby="id_{field}_helptext id_{field}_error" id="id_{field}"' in html
    assert Comment.objects.count() == 0


def test_a_mistake_keeps_what_the_reader_wrote(article, post_comment):
    response = post_comment(article, name="", body="My carefully\nwritten <b>thoughts</b>.")

    html = response.content.decode()
    assert f"<h1>{article.headline}</h1>" in html
    assert 'id="id_body">\nMy carefully\nwritten &lt;b&gt;thoughts&lt;/b&gt;.</textarea>' in html
    assert 'name="email" value="ada@example.com"' in html


def test_a_body_that_is_only_spaces_is_refused(article, post_comment):
    response = post_comment(article, body=" \n\t \n ")

    assert response.status_code == 400
    assert Comment.objects.count() == 0


def test_line_endings_and_blank_lines_are_tidied(article, post_comment):
    post_comment(article, body="One  \r\n\r\n\r\n\r\nTwo\rThree")

    assert Comment.objects.get().body == "One\n\nTwo\nThree"


def test_a_same_origin_post_without_any_token_is_accepted(article, comment_data):
    client = Client(enforce_csrf_checks=True)

    response = client.post(
        reverse("comments:post", args=[article.pk]),
        comment_data(article),
        headers={"Sec-Fetch-Site": "same-origin", "Origin": "http://testserver"},
    )

    assert response.status_code == 303
    assert Comment.objects.count() == 1


def test_the_posting_address_only_takes_posts(client, article):
    response = client.get(reverse("comments:post", args=[article.pk]))

    assert response.status_code == 405


def test_posting_to_a_draft_finds_nothing(make_article, post_comment):
    draft = make_article(status="draft")

    response = post_comment(draft)

    assert response.status_code == 404


def test_the_posting_browser_gets_a_signed_cookie_naming_its_comment(client, article, post_comment):
    post_comment(article)

    cookie = client.cookies["comments_mine"]
    assert cookie["httponly"]
    assert cookie["samesite"] == "Lax"
    assert str(Comment.objects.get().pk) in cookie.value
