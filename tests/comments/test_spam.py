"""The spam rules: those that refuse a comment and those that hold it, each saying why."""

import logging
from datetime import timedelta

import pytest
from django.utils import timezone

from comments.models import BlockedWord, Comment

TOO_FAST = "That was faster than anyone can write"


def test_a_filled_honeypot_is_refused_as_a_robot(article, post_comment, caplog):
    caplog.set_level(logging.INFO, logger="comments.spam")

    response = post_comment(article, website="https://spam.example")

    assert response.status_code == 400
    assert "This looks automated, so it was not posted." in response.content.decode()
    assert Comment.objects.count() == 0
    assert "Comment refused by the honeypot rule" in caplog.messages


def test_a_form_sent_within_three_seconds_is_refused_as_a_robot(article, post_comment, form_token):
    response = post_comment(article, timestamp=form_token(article, seconds_ago=1))

    assert response.status_code == 400
    assert TOO_FAST in response.content.decode()
    assert Comment.objects.count() == 0


def test_a_form_sent_after_three_seconds_is_taken(article, post_comment, form_token):
    response = post_comment(article, timestamp=form_token(article, seconds_ago=4))

    assert response.status_code == 303


def test_a_form_older_than_a_day_asks_to_post_again_and_keeps_the_text(
    article, post_comment, form_token
):
    response = post_comment(
        article, body="Written yesterday.", timestamp=form_token(article, seconds_ago=25 * 3600)
    )

    html = response.content.decode()
    assert response.status_code == 400
    assert "This page has been open for a long time. Post again" in html
    assert "Written yesterday.</textarea>" in html
    assert Comment.objects.count() == 0


def test_the_page_shown_again_carries_a_fresh_form_time(article, post_comment, form_token):
    old = form_token(article, seconds_ago=25 * 3600)

    response = post_comment(article, timestamp=old)

    assert 'name="timestamp" value="' in response.content.decode()
    assert old not in response.content.decode()


@pytest.mark.parametrize("timestamp", ["", "forged", "eyJhcnRpY2xlIjoxfQ:bad-signature"])
def test_a_missing_or_forged_form_time_is_refused(article, post_comment, timestamp):
    response = post_comment(article, timestamp=timestamp)

    assert response.status_code == 400
    assert "This form is damaged. Reload the page" in response.content.decode()


def test_a_form_time_from_another_article_is_refused(
    article, make_article, post_comment, form_token
):
    other = make_article()

    response = post_comment(article, timestamp=form_token(other))

    assert response.status_code == 400
    assert "This form belongs to another article." in response.content.decode()


def test_the_sixth_post_in_a_minute_gets_429_and_a_readable_page(article, post_comment):
    for n in range(5):
        assert post_comment(article, body=f"Comment {n}").status_code == 303

    response = post_comment(article, body="One too many.")

    html = response.content.decode()
    assert response.status_code == 429
    assert response["Retry-After"] == "60"
    assert "<h1>Too many comments in a short time</h1>" in html
    assert "One too many.</textarea>" in html
    assert Comment.objects.count() == 5


def test_the_rate_limit_is_per_address(article, post_comment):
    for n in range(5):
        post_comment(article, body=f"Comment {n}", address="192.0.2.1")

    response = post_comment(article, body="From elsewhere.", address="192.0.2.2")

    assert response.status_code == 303


def test_the_rate_limit_counts_an_ipv6_64_as_one_address(article, post_comment):
    for n in range(1, 6):
        post_comment(article, body=f"Comment {n}.", address=f"2001:db8:7:8::{n}")

    response = post_comment(article, body="Sixth.", address="2001:db8:7:8:abcd::6")
    elsewhere = post_comment(article, body="Sixth.", address="2001:db8:7:9::6")

    assert response.status_code == 429
    assert elsewhere.status_code == 303


def test_the_rate_limit_counts_refused_posts_too(article, post_comment):
    for _ in range(5):
        post_comment(article, body="x")

    response = post_comment(article)

    assert response.status_code == 429


def test_the_hourly_limit_applies_when_the_minute_allows_more(article, post_comment, settings):
    settings.COMMENTS_RATE_PER_MINUTE = 100
    settings.COMMENTS_RATE_PER_HOUR = 3
    for n in range(3):
        post_comment(article, body=f"Comment {n}")

    response = post_comment(article, body="Fourth this hour.")

    assert response.status_code == 429


def test_the_rate_limit_counts_in_redis_so_every_server_shares_it(
    redis_cache, article, post_comment
):
    for n in range(5):
        post_comment(article, body=f"Comment {n}")

    response = post_comment(article, body="One too many.")

    assert response.status_code == 429


def test_two_links_are_published(article, post_comment):
    post_comment(article, body="See https://one.example/a and www.two.example.org please.")

    assert Comment.objects.get().status == "published"


def test_three_links_hold_the_comment_saying_so(article, post_comment):
    post_comment(article, body="https://a.example/ https://b.example/ and c.example.com")

    comment = Comment.objects.get()
    assert (comment.status, comment.hold_reason, comment.hold_detail) == (
        "pending",
        "links",
        "3 links",
    )


def test_a_word_from_the_settings_list_holds_the_comment(article, post_comment, settings):
    settings.COMMENTS_BLOCKED_WORDS = ["casino", "cheap pills"]

    post_comment(article, body="Try our CHEAP PILLS today")

    comment = Comment.objects.get()
    assert (comment.status, comment.hold_reason, comment.hold_detail) == (
        "pending",
        "words",
        "“cheap pills”",
    )


@pytest.mark.parametrize(
    "disguised",
    [
        "\u0441\u0430sino",  # Cyrillic "с" and "а"
        "\uff43\uff41\uff53\uff49\uff4e\uff4f",  # fullwidth letters
        "cas\u200bino",  # a zero-width space
        "cas\u00adino",  # a soft hyphen
        "ca\u0301sino",  # a combining accent
        "CA\u0405INO",  # a capital Cyrillic "Ѕ", in capitals
        "\U0001d41c\U0001d41a\U0001d42c\U0001d422\U0001d427\U0001d428",  # mathematical bold
    ],
    ids=[
        "cyrillic",
        "fullwidth",
        "zero-width-space",
        "soft-hyphen",
        "combining",
        "capitals",
        "math",
    ],
)
def test_a_disguised_blocked_word_still_holds_the_comment(
    article, post_comment, settings, disguised
):
    settings.COMMENTS_BLOCKED_WORDS = ["casino"]

    post_comment(article, body=f"Visit our {disguised} tonight.")

    comment = Comment.objects.get()
    assert (comment.status, comment.hold_detail) == ("pending", "“casino”")


def test_a_listed_word_in_another_script_matches_its_look_alikes(article, post_comment):
    BlockedWord.objects.create(word="\u0441\u0430sino")

    post_comment(article, body="Casino night!")

    assert Comment.objects.get().hold_reason == "words"


@pytest.mark.parametrize("field", ["name", "body"])
@pytest.mark.parametrize(
    "invisible", ["\u200b\u200b", "\u00ad\u00ad", "\u3164\u3164", "\u2060 \ufeff"]
)
def test_a_name_or_comment_of_invisible_characters_is_refused_as_empty(
    article, post_comment, field, invisible
):
    response = post_comment(article, **{field: invisible})

    assert response.status_code == 400
    assert response.context["form"].errors[field] == ["This field is required."]
    assert Comment.objects.count() == 0


def test_a_word_from_the_admin_list_holds_the_comment_even_in_the_name(article, post_comment):
    BlockedWord.objects.create(word="casino")

    post_comment(article, name="Casino Royale", body="Nothing to see.")

    assert Comment.objects.get().hold_reason == "words"


def test_the_word_list_matches_whole_words_only(article, post_comment):
    BlockedWord.objects.create(word="ass")

    post_comment(article, body="A classic assessment.")

    assert Comment.objects.get().status == "published"


def test_the_same_text_from_the_same_address_within_ten_minutes_is_a_duplicate(
    article, post_comment
):
    post_comment(article, body="Me too.")

    response = post_comment(article, body="Me too.")

    assert response.status_code == 400
    assert "You have just posted this comment" in response.content.decode()
    assert Comment.objects.count() == 1


def test_the_same_text_from_another_address_is_no_duplicate(article, post_comment):
    post_comment(article, body="Me too.", address="192.0.2.1")

    response = post_comment(article, body="Me too.", address="192.0.2.2")

    assert response.status_code == 303


def test_the_same_text_from_the_same_ipv6_64_is_a_duplicate(article, post_comment):
    post_comment(article, body="Me too.", address="2001:db8:1:2::1")

    same = post_comment(article, body="Me too.", address="2001:db8:1:2:3:4:5:6")
    other = post_comment(article, body="Me too.", address="2001:db8:1:3::1")

    assert same.status_code == 400
    assert "You have just posted this comment" in same.content.decode()
    assert other.status_code == 303


def test_the_same_text_after_ten_minutes_is_no_duplicate(article, post_comment):
    post_comment(article, body="Me too.")
    Comment.objects.update(created_at=timezone.now() - timedelta(minutes=11))

    response = post_comment(article, body="Me too.")

    assert response.status_code == 303
