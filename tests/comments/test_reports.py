"""Readers reporting a comment: three different readers hide it until a moderator decides."""

import pytest
from django.urls import reverse

from comments.models import Comment, Report


@pytest.fixture
def report(client):
    """`report(comment, address)`: a reader at that address presses Report."""

    def press(comment, address):
        return client.post(reverse("comments:report", args=[comment.pk]), REMOTE_ADDR=address)

    return press


def test_a_report_is_recorded_and_the_reader_thanked(client, make_comment, report):
    comment = make_comment()

    response = report(comment, "198.51.100.1")

    page = client.get(response["Location"]).content.decode()
    assert response.status_code == 303
    assert response["Location"].endswith(f"#comment-{comment.pk}")
    assert "Thank you: your report is recorded." in page
    assert Report.objects.filter(comment=comment).count() == 1


def test_three_different_readers_hide_the_comment(client, article, make_comment, report):
    comment = make_comment(body="Offensive.")

    for n in range(1, 4):
        response = report(comment, f"198.51.100.{n}")

    comment.refresh_from_db()
    page = client.get(article.get_absolute_url()).content.decode()
    assert (comment.status, comment.hold_reason, comment.hold_detail) == (
        "pending",
        "reported",
        "3 reports",
    )
    assert response["Location"].endswith("#comments")
    assert "Offensive." not in page
    assert "The comment is hidden until a moderator decides." in page


def test_two_readers_do_not_hide_it(make_comment, report):
    comment = make_comment()

    report(comment, "198.51.100.1")
    report(comment, "198.51.100.2")

    comment.refresh_from_db()
    assert comment.status == "published"


def test_a_reader_reporting_again_counts_once(make_comment, report):
    comment = make_comment()

    for _ in range(3):
        report(comment, "198.51.100.1")
    report(comment, "198.51.100.2")

    comment.refresh_from_db()
    assert comment.status == "published"
    assert Report.objects.count() == 2


def test_reports_keep_no_address(make_comment, report):
    comment = make_comment()

    report(comment, "198.51.100.77")

    assert "198.51.100.77" not in Report.objects.get().reader


def test_the_threshold_follows_the_setting(settings, make_comment, report):
    settings.COMMENTS_REPORTS_TO_HIDE = 1
    comment = make_comment()

    report(comment, "198.51.100.1")

    comment.refresh_from_db()
    assert comment.status == "pending"


def test_moderators_are_emailed_when_reports_hide_a_comment(
    settings, make_comment, report, mailoutbox, django_capture_on_commit_callbacks
):
    settings.COMMENTS_MODERATOR_EMAILS = ["desk@example.com"]
    comment = make_comment()

    with django_capture_on_commit_callbacks(execute=True):
        for n in range(1, 5):
            report(comment, f"198.51.100.{n}")

    [email] = mailoutbox
    assert email.subject == "Comment held for moderation: Reported by readers"
    assert "Held for: Reported by readers (3 reports)" in email.body


def test_reporting_a_hidden_comment_changes_nothing(make_comment, report):
    comment = make_comment(status="rejected")

    response = report(comment, "198.51.100.1")

    assert response.status_code == 303
    assert Report.objects.count() == 0


def test_reporting_takes_only_posts(client, make_comment):
    comment = make_comment()

    response = client.get(reverse("comments:report", args=[comment.pk]))

    assert response.status_code == 405
    assert Comment.objects.get().status == "published"
