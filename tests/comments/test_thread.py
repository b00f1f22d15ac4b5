"""The thread under an article, and the comment counts in the listings."""

import re
from datetime import timedelta

import pytest
from django.db import connection
from django.urls import reverse
from django.utils import timezone

from comments.models import Comment
from comments.thread import OUTLINE_COLUMNS
from tests.conftest import queries_of


def page(client, article, query=""):
    return client.get(article.get_absolute_url() + query).content.decode()


def names_in_order(html):
    return re.findall(r'<span class="comment-author">([^<]*)</span>', html)


@pytest.fixture
def three_comments(make_comment):
    now = timezone.now()
    return [
        make_comment(name=name, created_at=now - timedelta(hours=hours))
        for name, hours in [("Second", 2), ("First", 3), ("Third", 1)]
    ]


def test_an_empty_thread_says_so_exactly(client, article):
    html = page(client, article)

    assert '<p class="empty">No comments yet. Be the first to share your thoughts!</p>' in html
    assert "0 comments</h2>" in html


def test_the_heading_counts_the_comments(client, article, make_comment):
    make_comment()
    one = page(client, article)
    make_comment()
    make_comment(status="pending")

    two = page(client, article)

    assert '<h2 id="comments-heading">1 comment</h2>' in one
    assert '<h2 id="comments-heading">2 comments</h2>' in two


def test_comments_are_oldest_first(client, article, three_comments):
    html = page(client, article)

    assert names_in_order(html) == ["First", "Second", "Third"]
    assert '<a href="' + article.get_absolute_url() + '?order=newest#comments">' in html


def test_a_link_switches_to_newest_first(client, article, three_comments):
    html = page(client, article, "?order=newest")

    assert names_in_order(html) == ["Third", "Second", "First"]
    assert "Show oldest first" in html


def test_each_comment_has_its_anchor_time_and_age(client, article, make_comment):
    comment = make_comment(created_at=timezone.now() - timedelta(hours=3, minutes=5))

    html = page(client, article)

    assert f'<article class="comment" id="comment-{comment.pk}">' in html
    assert f'<a class="comment-permalink" href="#comment-{comment.pk}">' in html
    assert f'<time datetime="{comment.created_at.isoformat()}">' in html
    assert "· 3\xa0hours ago" in html


def test_a_comment_keeps_its_line_breaks_and_its_links_are_marked_as_readers(
    client, article, make_comment
):
    make_comment(body="Look:\nhttps://example.com/page and www.example.org.")

    html = page(client, article)

    assert (
        'Look:<br>\n<a href="https://example.com/page" rel="ugc nofollow noopener">'
        "https://example.com/page</a> and "
        '<a href="https://www.example.org" rel="ugc nofollow noopener">www.example.org</a>.'
    ) in html


def test_replies_show_under_their_parent_oldest_first(client, article, make_comment):
    now = timezone.now()
    parent = make_comment(name="Parent", created_at=now - timedelta(hours=5))
    make_comment(name="Later top", created_at=now - timedelta(hours=4))
    make_comment(name="Reply two", parent=parent, created_at=now - timedelta(hours=1))
    make_comment(name="Reply one", parent=parent, created_at=now - timedelta(hours=2))

    oldest = page(client, article)
    newest = page(client, article, "?order=newest")

    assert names_in_order(oldest) == ["Parent", "Reply one", "Reply two", "Later top"]
    assert names_in_order(newest) == ["Later top", "Parent", "Reply one", "Reply two"]
    assert '<ol class="comment-replies">' in oldest


def test_the_reply_link_opens_the_form_as_a_reply(client, article, make_comment):
    parent = make_comment(name="Grace")

    html = page(client, article, f"?reply_to={parent.pk}")

    assert f'href="{article.get_absolute_url()}?reply_to={parent.pk}#comment-form"' in html
    assert "<h3>Replying to Grace</h3>" in html
    assert f'<input type="hidden" name="parent" value="{parent.pk}" id="id_parent">' in html


@pytest.mark.parametrize("reply_to", ["999999", "nonsense", "held"])
def test_a_reply_to_something_not_shown_finds_nothing(client, article, make_comment, reply_to):
    """Else every made-up id would make a page of its own in the caches."""
    held = make_comment(status="pending")
    reply_to = str(held.pk) if reply_to == "held" else reply_to

    response = client.get(f"{article.get_absolute_url()}?reply_to={reply_to}")

    assert response.status_code == 404


def test_a_reply_is_stored_under_its_parent(article, make_comment, post_comment):
    parent = make_comment()

    response = post_comment(article, parent=parent.pk)

    reply = Comment.objects.get(parent=parent)
    assert response["Location"].endswith(f"#comment-{reply.pk}")


def test_a_reply_to_a_reply_joins_the_same_branch(article, make_comment, post_comment):
    top = make_comment()
    reply = make_comment(parent=top)

    post_comment(article, parent=reply.pk, body="Answering the reply.")

    assert Comment.objects.get(body="Answering the reply.").parent == top


def test_a_reply_to_a_hidden_comment_is_refused_with_the_text_kept(
    article, make_comment, post_comment
):
    hidden = make_comment(status="rejected")

    response = post_comment(article, parent=hidden.pk, body="My reply.")

    html = response.content.decode()
    assert response.status_code == 400
    assert "The comment you are replying to is no longer shown." in html
    assert "My reply.</textarea>" in html


def test_a_reply_to_another_articles_comment_is_refused(
    article, make_article, make_comment, post_comment
):
    elsewhere = make_comment(article=make_article())

    response = post_comment(article, parent=elsewhere.pk)

    assert response.status_code == 400


def test_replies_keep_their_place_when_their_parent_is_hidden(client, article, make_comment):
    make_comment(body="Before it.")
    parent = make_comment(status="rejected", body="Gone.")
    make_comment(body="After it.")
    make_comment(parent=parent, name="Replier", body="Still here.")

    html = page(client, article)

    assert "Gone." not in html
    withdrawn = html.index(f'id="comment-{parent.pk}">This comment is no longer shown.</p>')
    assert html.index("Before it.") < withdrawn < html.index("Still here.")
    assert html.index("Still here.") < html.index("After it.")
    assert "3 comments</h2>" in html


def test_the_article_page_makes_as_many_queries_for_fifty_comments_as_for_one(
    client, article, make_comment, django_assert_num_queries
):
    url = article.get_absolute_url()
    first = make_comment()
    one = queries_of(client, url)
    parents = [first, *(make_comment() for _ in range(24))]
    for parent in parents:
        make_comment(parent=parent)

    with django_assert_num_queries(one) as fifty:
        response = client.get(url)

    assert "50 comments</h2>" in response.content.decode()
    thread_queries = [q for q in fifty.captured_queries if 'FROM "comments_comment"' in q["sql"]]
    # The thread's outline, and its page's comments.
    assert len(thread_queries) == 2


@pytest.mark.postgresql
def test_on_postgresql_the_threads_outline_is_read_from_its_index_alone(article, make_comment):
    make_comment()
    with connection.cursor() as cursor:
        # A table this small is read whole, or through any index and then its rows, unless
        # the planner is told not to: left only index-only scans, it finds one if an index
        # holds all that the outline reads.
        cursor.execute("SET LOCAL enable_seqscan = off")
        cursor.execute("SET LOCAL enable_bitmapscan = off")
        cursor.execute("SET LOCAL enable_indexscan = off")
    outline = Comment.objects.for_thread(article, {1}).values_list(*OUTLINE_COLUMNS)

    plan = outline.explain()

    assert "Index Only Scan using comment_thread" in plan
    assert "Sort" not in plan


def test_the_form_shown_again_keeps_the_readers_text_after_empty_forms_were_shown(
    client, article, post_comment
):
    page(client, article)

    response = post_comment(article, name="Ada Reader", body="x")

    html = response.content.decode()
    assert 'name="name" value="Ada Reader"' in html
    assert 'id="id_body">\nx</textarea>' in html
    assert '<ul class="errorlist" id="id_body_error">' in html


def listing_count(html, article):
    return re.search(rf'href="{article.get_absolute_url()}#comments">([^<]*)</a>', html).group(1)


def test_listings_show_each_articles_comment_count(client, article, make_article, make_comment):
    quiet = make_article()
    make_comment()
    make_comment()
    make_comment(status="pending")

    front = client.get(reverse("front_page")).content.decode()
    section = client.get(article.section.get_absolute_url()).content.decode()

    assert listing_count(front, article) == "2 comments"
    assert listing_count(front, quiet) == "0 comments"
    assert listing_count(section, article) == "2 comments"


def test_listings_count_comments_in_one_query_whatever_the_number_of_articles(
    client, article, make_article, make_comment, django_assert_num_queries
):
    make_comment()
    few = queries_of(client, reverse("front_page"))
    for _ in range(10):
        make_comment(article=make_article())

    with django_assert_num_queries(few):
        client.get(reverse("front_page"))


# Long threads, a page of BRANCHES_PER_PAGE top-level comments at a time


@pytest.fixture
def long_thread(article, make_comment):
    """101 top-level comments, an hour apart, oldest first: "Top 0" to "Top 100"; the first
    and the last have a reply each."""
    start = timezone.now() - timedelta(days=10)
    tops = [
        make_comment(name=f"Top {n}", created_at=start + timedelta(hours=n)) for n in range(101)
    ]
    first_reply = make_comment(name="Reply 0", parent=tops[0], created_at=timezone.now())
    last_reply = make_comment(name="Reply 100", parent=tops[100], created_at=timezone.now())
    return tops, first_reply, last_reply


def test_a_long_thread_shows_a_hundred_comments_with_their_replies_a_page(
    client, article, long_thread
):
    first = page(client, article)
    second = page(client, article, "?page=2")

    assert names_in_order(first) == [
        "Top 0",
        "Reply 0",
        *(f"Top {n}" for n in range(1, 100)),
    ]
    assert names_in_order(second) == ["Top 100", "Reply 100"]
    assert "103 comments</h2>" in first
    assert "103 comments</h2>" in second
    assert "Newer comments (2 more)</a>" in first
    assert "Older comments (101 more)</a>" in second
    assert f'rel="next" href="{article.get_absolute_url()}?page=2#comments"' in first


def test_newest_first_pages_start_from_the_newest_comment(client, article, long_thread):
    first = page(client, article, "?order=newest")
    second = page(client, article, "?order=newest&page=2")

    assert names_in_order(first)[:3] == ["Top 100", "Reply 100", "Top 99"]
    assert names_in_order(second) == ["Top 0", "Reply 0"]
    assert "Older comments (2 more)</a>" in first


@pytest.mark.parametrize("number", ["3", "0", "-1", "x", "", "2.0"])
def test_a_thread_page_that_is_not_there_is_not_found(client, article, long_thread, number):
    response = client.get(article.get_absolute_url(), {"page": number})

    assert response.status_code == 404


def test_a_comments_permalink_lands_on_the_page_that_shows_it(client, article, long_thread):
    tops, first_reply, last_reply = long_thread

    for comment, on_page in [(tops[0], ""), (first_reply, ""), (tops[100], "?page=2")]:
        expected = f"{article.get_absolute_url()}{on_page}#comment-{comment.pk}"
        assert comment.get_absolute_url() == expected
        response = client.get(reverse("comments:permalink", args=[comment.pk]))
        assert response.status_code == 302
        assert response["Location"] == expected
    assert f'id="comment-{last_reply.pk}"' in page(client, article, "?page=2")


def test_hidden_comments_take_no_place_and_have_no_permalink(
    client, article, long_thread, make_comment
):
    tops, *_ = long_thread
    Comment.objects.filter(pk=tops[1].pk).update(status=Comment.Status.REJECTED)

    assert tops[100].get_absolute_url().endswith(f"#comment-{tops[100].pk}")
    assert "?page=" not in tops[100].get_absolute_url()
    assert client.get(reverse("comments:permalink", args=[tops[1].pk])).status_code == 404
    assert "Top 100" in page(client, article)


def test_every_thread_page_makes_the_same_queries(client, article, long_thread):
    first = queries_of(client, article.get_absolute_url())

    second = queries_of(client, article.get_absolute_url(), {"page": 2})

    assert second == first
