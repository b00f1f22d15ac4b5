"""What every post reads of rarely changing rows (the article and its policies, the blocked
words) is kept in the shared cache (newsroom.caching.kept), and a change takes effect at once."""

from datetime import datetime, timedelta

from django.core.cache import cache
from django.utils import timezone

from comments.models import BlockedWord, Comment
from comments.views import POSTING_KEY
from newsroom.redis_cache import cache_returned


def test_a_post_costs_three_queries_once_the_article_and_the_words_are_kept(
    redis_cache, article, post_comment, django_assert_num_queries
):
    post_comment(article, body="The first comment reads the rows.")

    # The duplicate rule's query, the INSERT, and the thread page the redirect names.
    with django_assert_num_queries(3):
        response = post_comment(article, body="The second one finds them kept.")

    assert response.status_code == 303


def test_the_kept_article_is_plain_values_that_another_release_can_read(
    redis_cache, article, post_comment
):
    post_comment(article, body="The post keeps the article.")

    kept = cache.get(POSTING_KEY.format(article.pk))["value"]

    assert type(kept) is dict
    assert kept["headline"] == article.headline
    assert all(isinstance(value, str | int | datetime | None) for value in kept.values())


def test_a_blocked_word_added_or_removed_applies_to_the_next_post(
    redis_cache, article, post_comment
):
    post_comment(article, body="Before the word list changes.")

    word = BlockedWord.objects.create(word="casino")
    post_comment(article, body="Visit the casino.")
    word.delete()
    post_comment(article, body="The casino again.")

    statuses = dict(Comment.objects.values_list("body", "status"))
    assert statuses["Visit the casino."] == "pending"
    assert statuses["The casino again."] == "published"


def test_a_section_closing_its_threads_refuses_the_next_post(redis_cache, article, post_comment):
    post_comment(article, body="Before the section closes.")

    article.section.comment_policy = "closed"
    article.section.save()
    response = post_comment(article, body="After it closed.")

    assert response.status_code == 403
    assert Comment.objects.count() == 1


def test_an_article_made_premoderated_holds_the_next_post(redis_cache, article, post_comment):
    post_comment(article, body="Before the article changes.")

    article.comment_policy = "premoderated"
    article.save()
    post_comment(article, body="After it changed.")

    assert Comment.objects.get(body="After it changed.").status == "pending"


def test_a_kept_article_taken_back_to_draft_finds_nothing(redis_cache, article, post_comment):
    post_comment(article, body="While it is public.")

    article.status = "draft"
    article.save()
    response = post_comment(article, body="After it was withdrawn.")

    assert response.status_code == 404


def test_a_scheduled_article_kept_before_its_time_is_not_posted_to(
    redis_cache, make_article, post_comment
):
    article = make_article(published_at=timezone.now() + timedelta(hours=1))

    responses = [post_comment(article, body=f"Too early {n}.") for n in (1, 2)]

    assert [response.status_code for response in responses] == [404, 404]


def test_word_changes_missed_while_the_cache_was_away_apply_once_it_answers(
    redis_cache, article, post_comment
):
    post_comment(article, body="The word list is kept.")
    # As a change made while Redis did not answer: the rows change, the kept list is not told.
    BlockedWord.objects.bulk_create([BlockedWord(word="casino")])

    cache_returned.send(sender=None)
    post_comment(article, body="Visit the casino.")

    assert Comment.objects.get(body="Visit the casino.").status == "pending"
