"""The moderation policy (site, section, article), closing, held comments and the email."""

from datetime import timedelta
from io import StringIO

import pytest
import time_machine
from django.contrib.auth.models import User
from django.core.management import call_command
from django.test import Client
from django.utils import timezone

from comments.models import Comment

CLOSED = "Comments are closed."


@pytest.mark.parametrize(
    ("site", "for_section", "for_article", "status"),
    [
        ("open", "", "", "published"),
        ("premoderated", "", "", "pending"),
        ("open", "premoderated", "", "pending"),
        ("premoderated", "open", "", "published"),
        ("open", "premoderated", "open", "published"),
        ("premoderated", "", "open", "published"),
        ("open", "open", "premoderated", "pending"),
    ],
)
def test_the_article_overrides_the_section_which_overrides_the_site(
    settings, article, post_comment, site, for_section, for_article, status
):
    settings.COMMENTS_POLICY = site
    article.section.comment_policy = for_section
    article.section.save()
    article.comment_policy = for_article
    article.save()

    post_comment(article)

    assert Comment.objects.get().status == status


def test_a_premoderated_comment_records_why_it_is_held(settings, article, post_comment):
    settings.COMMENTS_POLICY = "premoderated"

    post_comment(article)

    assert Comment.objects.get().hold_reason == "premoderation"


@pytest.mark.parametrize("level", ["site", "section", "article"])
def test_a_closed_thread_shows_no_form_and_refuses_posts(
    settings, client, article, post_comment, level
):
    if level == "site":
        settings.COMMENTS_POLICY = "closed"
    else:
        target = article.section if level == "section" else article
        target.comment_policy = "closed"
        target.save()

    page = client.get(article.get_absolute_url()).content.decode()
    response = post_comment(article)

    assert CLOSED in page
    assert 'id="comment-form"' not in page
    assert response.status_code == 403
    assert "<h1>Comments are closed</h1>" in response.content.decode()
    assert Comment.objects.count() == 0


def test_by_default_an_old_articles_thread_stays_open_for_a_first_comment(client, make_article):
    old = make_article(published_at=timezone.now() - timedelta(days=400))

    page = client.get(old.get_absolute_url()).content.decode()

    assert "No comments yet. Be the first to share your thoughts!" in page
    assert 'id="comment-form"' in page
    assert CLOSED not in page


def test_a_thread_closes_by_itself_after_the_days_set(settings, client, make_article, post_comment):
    settings.COMMENTS_CLOSE_AFTER_DAYS = 30
    old = make_article(published_at=timezone.now() - timedelta(days=31))

    page = client.get(old.get_absolute_url()).content.decode()
    response = post_comment(old)

    assert CLOSED in page
    assert response.status_code == 403


def test_a_thread_is_still_open_on_its_twenty_ninth_day(settings, make_article, post_comment):
    settings.COMMENTS_CLOSE_AFTER_DAYS = 30
    recent = make_article(published_at=timezone.now() - timedelta(days=29))

    response = post_comment(recent)

    assert response.status_code == 303


def test_with_zero_days_threads_never_close(settings, make_article, post_comment):
    settings.COMMENTS_CLOSE_AFTER_DAYS = 0
    ancient = make_article(published_at=timezone.now() - timedelta(days=3000))

    response = post_comment(ancient)

    assert response.status_code == 303


def test_a_closed_thread_still_shows_its_comments_without_reply_links(
    settings, client, article, make_comment
):
    make_comment(body="Said before closing.")
    settings.COMMENTS_POLICY = "closed"

    html = client.get(article.get_absolute_url()).content.decode()

    assert "Said before closing." in html
    assert "reply_to=" not in html


def test_a_held_comment_is_shown_to_its_author_awaiting_moderation(
    settings, client, article, post_comment
):
    settings.COMMENTS_POLICY = "premoderated"
    post_comment(article, body="Please approve me.")

    html = client.get(article.get_absolute_url()).content.decode()

    assert "Please approve me." in html
    assert "Your comment is awaiting moderation" in html
    assert "0 comments</h2>" in html


def test_a_held_comment_is_shown_to_nobody_else(settings, article, post_comment):
    settings.COMMENTS_POLICY = "premoderated"
    post_comment(article, body="Please approve me.")

    html = Client().get(article.get_absolute_url()).content.decode()

    assert "Please approve me." not in html
    assert "No comments yet. Be the first to share your thoughts!" in html


@pytest.mark.parametrize("status", ["rejected", "spam", "deleted"])
def test_rejected_spam_and_deleted_comments_are_shown_to_nobody(
    client, article, make_comment, status
):
    make_comment(body="Not for readers.", status=status)

    html = client.get(article.get_absolute_url()).content.decode()

    assert "Not for readers." not in html


def test_a_forged_authorship_cookie_shows_nothing_held(client, article, make_comment):
    held = make_comment(body="Somebody else's.", status="pending")
    client.cookies["comments_mine"] = str(held.pk)

    html = client.get(article.get_absolute_url()).content.decode()

    assert "Somebody else's." not in html


@pytest.fixture
def moderator(group):
    user = User.objects.create_user("mod", email="mod@example.com", password="x")
    user.groups.add(group("Moderators"))
    return user


def test_moderators_get_an_email_once_a_held_comment_is_committed(
    settings, article, post_comment, moderator, mailoutbox, django_capture_on_commit_callbacks
):
    settings.COMMENTS_MODERATOR_EMAILS = ["desk@example.com"]
    settings.COMMENTS_POLICY = "premoderated"

    with django_capture_on_commit_callbacks() as callbacks:
        post_comment(article, name="Ada", body="Held text.")
    sent_before_commit = list(mailoutbox)
    for callback in callbacks:
        callback()

    assert sent_before_commit == []
    assert [email.to for email in mailoutbox] == [["desk@example.com"], ["mod@example.com"]]
    email = mailoutbox[0]
    assert email.subject == "1 comment waiting for moderation"
    assert f"On “{article.headline}”, by Ada <ada@example.com>" in email.body
    assert "Held for: Pre-moderation" in email.body
    assert "Held text." in email.body
    assert "http://testserver/admin/comments/comment/?status__exact=pending" in email.body


@pytest.fixture
def hold(settings, article, post_comment, django_capture_on_commit_callbacks):
    """`hold(*bodies)`: readers at different addresses post these, each held, and the emails
    are sent at the commit; the desk's address gets the digests."""
    settings.COMMENTS_MODERATOR_EMAILS = ["desk@example.com"]
    settings.COMMENTS_POLICY = "premoderated"
    addresses = (f"192.0.2.{n}" for n in range(100, 200))

    def post(*bodies):
        with django_capture_on_commit_callbacks(execute=True):
            for body in bodies:
                post_comment(article, body=body, address=next(addresses))

    return post


def minutes_later(minutes=6):
    """The clock as it will be then: the digest windows in the cache have passed."""
    return time_machine.travel(timezone.now() + timedelta(minutes=minutes))


def test_a_flood_of_held_comments_sends_each_moderator_one_digest(
    make_comment, hold, moderator, mailoutbox
):
    make_comment(body="Held before.", status="pending")

    hold(*(f"Held number {n}." for n in range(12)))

    assert sorted(email.to[0] for email in mailoutbox) == ["desk@example.com", "mod@example.com"]
    email = mailoutbox[0]
    assert email.subject == "13 comments waiting for moderation"
    assert "Held number 0." in email.body
    assert "Held before." in email.body


def test_the_digest_lists_the_newest_twenty_and_links_to_the_rest(make_comment, hold, mailoutbox):
    for n in range(25):
        make_comment(body=f"Old held {n}.", status="pending")

    hold("The newest.")

    [email] = mailoutbox
    assert "26 comments are waiting for moderation; the newest 20:" in email.body
    assert "The newest." in email.body
    assert "Old held 0." not in email.body
    assert "?status__exact=pending" in email.body


def test_after_the_digest_minutes_a_moderator_gets_the_next_digest(hold, mailoutbox):
    hold("First held.", "Second held.")
    assert len(mailoutbox) == 1

    with minutes_later():
        hold("Third held.")

    assert len(mailoutbox) == 2
    assert "3 comments are waiting for moderation:" in mailoutbox[1].body
    assert "Second held." in mailoutbox[1].body


def test_the_email_waits_for_the_commit(settings, article, post_comment, moderator, mailoutbox):
    settings.COMMENTS_POLICY = "premoderated"

    post_comment(article)

    # The test's transaction never commits, so the email is never sent.
    assert mailoutbox == []


def test_no_email_for_a_published_comment(
    article, post_comment, moderator, mailoutbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        post_comment(article)

    assert mailoutbox == []


def test_inactive_moderators_get_no_email(
    settings, article, post_comment, moderator, mailoutbox, django_capture_on_commit_callbacks
):
    settings.COMMENTS_POLICY = "premoderated"
    moderator.is_active = False
    moderator.save()

    with django_capture_on_commit_callbacks(execute=True):
        post_comment(article)

    assert mailoutbox == []


def send_moderation_digests():
    out = StringIO()
    call_command("send_moderation_digests", stdout=out)
    return out.getvalue()


def test_a_digest_held_back_is_sent_by_the_command_once_the_minutes_pass(hold, mailoutbox):
    hold("First held.", "Held within the minutes.")
    too_soon = send_moderation_digests()

    with minutes_later():
        output = send_moderation_digests()
        again = send_moderation_digests()

    assert "Sent 0 moderation digest(s)." in too_soon
    assert "Sent 1 moderation digest(s)." in output
    assert "Sent 0 moderation digest(s)." in again
    assert len(mailoutbox) == 2
    assert "Held within the minutes." in mailoutbox[1].body
    assert "http://testserver/admin/comments/comment/?status__exact=pending" in mailoutbox[1].body


def test_the_command_sends_nothing_when_no_digest_was_held_back(hold, mailoutbox):
    hold("Held once.")

    with minutes_later():
        output = send_moderation_digests()

    assert "Sent 0 moderation digest(s)." in output
    assert len(mailoutbox) == 1
