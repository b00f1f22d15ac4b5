"""The moderators' admin: the queue, its bulk actions and history, the article page, the group."""

import pytest
from django.contrib import admin
from django.contrib.admin.models import CHANGE, LogEntry
from django.contrib.auth.models import User
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from comments.models import BlockedWord, Comment, Report
from newsroom import paginators
from tests.conftest import queries_of

QUEUE = reverse("admin:comments_comment_changelist")


def act(client, action, comments):
    return client.post(
        QUEUE,
        {"action": action, "_selected_action": [comment.pk for comment in comments]},
        follow=True,
    )


def test_the_queue_shows_excerpt_article_author_status_reason_and_date(
    admin_client, article, make_comment
):
    make_comment(name="Grace", body="x" * 100, status="pending", hold_reason="links")

    html = admin_client.get(QUEUE).content.decode()

    assert "x" * 79 + "…" in html
    assert article.headline in html
    assert "Grace" in html
    assert "Awaiting moderation" in html
    assert '<td class="field-hold_reason">Links</td>' in html
    assert '<td class="field-created_at nowrap">' in html


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("status__exact=pending", {"Held"}),
        ("hold_reason__exact=words", {"Held"}),
        ("q=203.0.113.9", {"Held"}),
        ("q=held@example.com", {"Held"}),
        ("q=needle", {"Shown"}),
        ("q=Shown", {"Shown"}),
    ],
)
def test_the_queue_filters_by_status_and_reason_and_searches(
    admin_client, make_comment, query, expected
):
    make_comment(name="Shown", body="A needle in here.")
    make_comment(
        name="Held",
        email="held@example.com",
        status="pending",
        hold_reason="words",
        ip_address="203.0.113.9",
    )

    response = admin_client.get(f"{QUEUE}?{query}")

    names = {comment.name for comment in response.context["cl"].result_list}
    assert names == expected


@pytest.mark.parametrize(
    ("action", "status", "message"),
    [
        ("approve", "published", "2 comments approved."),
        ("reject", "rejected", "2 comments rejected."),
        ("mark_as_spam", "spam", "2 comments marked as spam."),
    ],
)
def test_a_bulk_action_changes_the_comments_says_how_many_and_records_it(
    admin_client, make_comment, action, status, message
):
    comments = [make_comment(status="pending"), make_comment(status="pending")]

    response = act(admin_client, action, comments)

    assert message in [str(m) for m in response.context["messages"]]
    assert set(Comment.objects.values_list("status", flat=True)) == {status}
    entries = LogEntry.objects.filter(action_flag=CHANGE)
    assert sorted(int(entry.object_id) for entry in entries) == sorted(c.pk for c in comments)


def test_a_bulk_action_counts_only_the_comments_it_changed(admin_client, make_comment):
    comments = [make_comment(status="published"), make_comment(status="pending")]

    response = act(admin_client, "approve", comments)

    assert "1 comment approved." in [str(m) for m in response.context["messages"]]
    assert LogEntry.objects.count() == 1


def test_the_change_history_shows_the_decision(admin_client, make_comment):
    comment = make_comment(status="pending")
    act(admin_client, "reject", [comment])

    history = admin_client.get(reverse("admin:comments_comment_history", args=[comment.pk]))

    assert "Rejected." in history.content.decode()


def test_an_authors_deleted_comment_stays_deleted(admin_client, make_comment):
    comment = make_comment(status="deleted", body="")

    act(admin_client, "approve", [comment])

    comment.refresh_from_db()
    assert comment.status == "deleted"


def test_approving_a_reported_comment_answers_its_reports(admin_client, make_comment):
    comment = make_comment(status="pending", hold_reason="reported")
    for n in range(3):
        Report.objects.create(comment=comment, reader=f"reader-{n}")

    act(admin_client, "approve", [comment])

    assert Report.objects.count() == 0


def test_the_change_page_shows_the_reason_reports_and_address(admin_client, make_comment):
    comment = make_comment(
        status="pending", hold_reason="links", hold_detail="4 links", ip_address="203.0.113.9"
    )
    Report.objects.create(comment=comment, reader="someone")

    html = admin_client.get(
        reverse("admin:comments_comment_change", args=[comment.pk])
    ).content.decode()

    assert "4 links" in html
    assert "203.0.113.9" in html
    assert '<div class="readonly">1</div>' in html


def test_a_comment_added_in_the_admin_goes_through_the_same_rules(settings, admin_client, article):
    settings.COMMENTS_POLICY = "premoderated"

    admin_client.post(
        reverse("admin:comments_comment_add"),
        {"article": article.pk, "name": "The desk", "email": "", "body": "From the admin."},
    )

    comment = Comment.objects.get()
    assert (comment.status, comment.hold_reason) == ("pending", "premoderation")


def test_a_reply_added_in_the_admin_must_be_on_its_parents_article(
    admin_client, article, make_article, make_comment
):
    parent = make_comment(article=make_article())

    response = admin_client.post(
        reverse("admin:comments_comment_add"),
        {"article": article.pk, "parent": parent.pk, "name": "Desk", "body": "Misplaced."},
    )

    assert "A reply must be on the same article as its parent." in response.content.decode()
    assert Comment.objects.count() == 1


def test_the_articles_admin_page_lists_its_comments(admin_client, article, make_comment):
    comment = make_comment(name="Inline reader", body="Seen from the article.")

    html = admin_client.get(
        reverse("admin:articles_article_change", args=[article.pk])
    ).content.decode()

    change = reverse("admin:comments_comment_change", args=[comment.pk])
    assert f'<li><a href="{change}">Seen from the article.</a> by Inline reader' in html


def test_the_articles_admin_page_links_to_all_its_comments_in_the_queue(
    admin_client, article, make_article, make_comment
):
    make_comment(name="Here")
    make_comment(name="Elsewhere", article=make_article())
    html = admin_client.get(
        reverse("admin:articles_article_change", args=[article.pk])
    ).content.decode()
    link = f"{QUEUE}?article__id__exact={article.pk}"

    response = admin_client.get(link)

    assert f'<a href="{link}">All comments on this article</a>' in html
    assert [comment.name for comment in response.context["cl"].result_list] == ["Here"]


def test_editors_see_no_comments_on_the_articles_admin_page(client, article, make_comment, group):
    make_comment(body="Held for the moderators.", status="pending")
    editor = User.objects.create_user("editor", password="x", is_staff=True)
    editor.groups.add(group("Editors"))
    client.force_login(editor)

    response = client.get(reverse("admin:articles_article_change", args=[article.pk]))

    html = response.content.decode()
    assert response.status_code == 200
    assert "Held for the moderators." not in html
    assert "Awaiting moderation" not in html
    assert "Newest comments" not in html


def test_moderators_see_the_comments_on_the_articles_admin_page(
    client, article, make_comment, group
):
    make_comment(body="Held for the moderators.", status="pending")
    moderator = User.objects.create_user("mod", password="x", is_staff=True)
    moderator.groups.add(group("Moderators"), group("Editors"))
    client.force_login(moderator)

    html = client.get(reverse("admin:articles_article_change", args=[article.pk])).content.decode()

    assert "Held for the moderators." in html
    assert "Awaiting moderation" in html


def test_the_word_list_is_editable_and_refuses_the_same_word_twice(admin_client):
    add = reverse("admin:comments_blockedword_add")
    admin_client.post(add, {"word": "casino"})

    response = admin_client.post(add, {"word": "CASINO"})

    assert response.status_code == 200
    assert BlockedWord.objects.count() == 1


def test_a_moderator_works_the_queue(client, make_comment, group):
    moderator = User.objects.create_user("mod", password="x", is_staff=True)
    moderator.groups.add(group("Moderators"))
    client.force_login(moderator)
    comment = make_comment(status="pending")

    response = act(client, "approve", [comment])

    comment.refresh_from_db()
    assert response.status_code == 200
    assert comment.status == "published"


def test_the_queue_makes_the_same_number_of_queries_for_1_comment_as_for_30(
    admin_client, make_comment
):
    make_comment()
    with_one = queries_of(admin_client, QUEUE)
    for _ in range(29):
        make_comment()

    with_many = queries_of(admin_client, QUEUE)

    assert with_many == with_one


def test_the_queue_loads_no_article_text(admin_client, make_comment):
    make_comment()

    with CaptureQueriesContext(connection) as queries:
        admin_client.get(QUEUE)

    listing = next(q["sql"] for q in queries if "articles_article" in q["sql"])
    assert '"articles_article"."body"' not in listing
    assert '"articles_article"."headline"' in listing


@pytest.mark.postgresql
def test_a_long_queue_is_counted_by_the_planners_estimate_not_row_by_row(
    admin_client, make_comment, monkeypatch
):
    monkeypatch.setattr(paginators, "EXACT_COUNT_BELOW", 0)
    make_comment(name="Grace")

    with CaptureQueriesContext(connection) as queries:
        response = admin_client.get(QUEUE)

    assert "Grace" in response.content.decode()
    assert not [q for q in queries if "COUNT(" in q["sql"].upper()]
    assert any(q["sql"].startswith("EXPLAIN") for q in queries)


@pytest.mark.postgresql
@pytest.mark.parametrize(
    "query", ["rac", "GRACE@EXAMPLE", "Grace@Example.com", "zebras", "203.0.113.9"]
)
def test_the_queue_search_finds_part_of_a_name_or_email_a_word_or_an_address(
    admin_client, make_comment, query
):
    make_comment(
        name="Grace", email="grace@example.com", body="The zebras.", ip_address="203.0.113.9"
    )
    make_comment(name="Other", body="Nothing here.")

    response = admin_client.get(QUEUE, {"q": query})

    assert {comment.name for comment in response.context["cl"].result_list} == {"Grace"}


@pytest.mark.postgresql
def test_a_whole_address_finds_that_address_only(admin_client, make_comment):
    make_comment(name="Grace", email="grace@example.com")
    make_comment(name="Other", email="old.grace@example.com")

    response = admin_client.get(QUEUE, {"q": "grace@example.com"})

    assert {comment.name for comment in response.context["cl"].result_list} == {"Grace"}


@pytest.mark.postgresql
@pytest.mark.parametrize(
    ("query", "index"),
    [
        ("grace", "comment_name_trigram"),
        ("grace", "comment_email_trigram"),
        ("grace", "comment_text_search"),
        ("grace@example.com", "comment_email_exact"),
    ],
)
def test_the_queue_search_reads_indexes(make_comment, query, index):
    with connection.cursor() as cursor:
        # Tables this small are read whole unless the planner is told not to.
        cursor.execute("SET LOCAL enable_seqscan = off")
    comment_admin = admin.site._registry[Comment]

    found, _ = comment_admin.get_search_results(None, Comment.objects.all(), query)

    # Unordered: the plan for the search alone, not for the list's order.
    assert index in found.order_by().explain()
