"""Readers reporting a comment: three different readers, over ten minutes at least, hide it
until a moderator decides; each address (IPv6 /64) is one reader and sends only so many."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from comments.models import Comment, Report


@pytest.fixture
def report(client):
    """`report(comment, address)`: a reader at that address presses Report."""

    def press(comment, address):
        return client.post(reverse("comments:report"), {"comment": comment.pk}, REMOTE_ADDR=address)

    return press


def minutes_pass(minutes=11):
    """The reports sent so far were sent this long ago."""
    Report.objects.update(created_at=timezone.now() - timedelta(minutes=minutes))


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

    report(comment, "198.51.100.1")
    minutes_pass()
    report(comment, "198.51.100.2")
    response = report(comment, "198.51.100.3")

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


def test_a_burst_of_reports_hides_nothing(make_comment, report):
    comment = make_comment()

    for n in range(1, 6):
        report(comment, f"198.51.100.{n}")

    comment.refresh_from_db()
    assert comment.status == "published"
    assert Report.objects.count() == 5


def test_a_report_ten_minutes_after_a_burst_hides_the_comment(make_comment, report):
    comment = make_comment()
    for n in range(1, 4):
        report(comment, f"198.51.100.{n}")

    minutes_pass()
    report(comment, "198.51.100.4")

    comment.refresh_from_db()
    assert (comment.status, comment.hold_detail) == ("pending", "4 reports")


def test_the_spread_follows_the_setting(settings, make_comment, report):
    settings.COMMENTS_REPORTS_SPREAD_MINUTES = 60
    comment = make_comment()
    report(comment, "198.51.100.1")
    minutes_pass(30)

    report(comment, "198.51.100.2")
    report(comment, "198.51.100.3")

    comment.refresh_from_db()
    assert comment.status == "published"


@pytest.mark.parametrize(
    ("later", "readers", "status"),
    [
        (["2001:db8:5:6:ffff::2", "2001:db8:5:6:1:2:3:4"], 1, "published"),
        (["2001:db8:5:7::1", "2001:db8:5:8::1"], 3, "pending"),
    ],
    ids=["same-64", "other-64s"],
)
def test_one_ipv6_64_is_one_reader(make_comment, report, later, readers, status):
    comment = make_comment()

    report(comment, "2001:db8:5:6::1")
    minutes_pass()
    for address in later:
        report(comment, address)

    comment.refresh_from_db()
    assert comment.status == status
    assert Report.objects.count() == readers


@pytest.mark.parametrize(
    ("first", "then"),
    [("198.51.100.1", "198.51.100.1"), ("2001:db8:5:6::1", "2001:db8:5:6::99")],
    ids=["ipv4", "ipv6-64"],
)
def test_an_address_sends_only_so_many_reports_an_hour(
    settings, client, make_comment, report, first, then
):
    settings.COMMENTS_REPORTS_PER_HOUR = 10
    comments = [make_comment() for _ in range(11)]
    for comment in comments[:10]:
        report(comment, first)

    response = report(comments[10], then)

    assert response.status_code == 429
    assert response["Retry-After"] == "3600"
    assert "<h1>Too many reports</h1>" in response.content.decode()
    assert Report.objects.count() == 10
    assert report(comments[10], "198.51.100.200").status_code == 303


def test_the_threshold_follows_the_setting(settings, make_comment, report):
    settings.COMMENTS_REPORTS_TO_HIDE = 1
    settings.COMMENTS_REPORTS_SPREAD_MINUTES = 0
    comment = make_comment()

    report(comment, "198.51.100.1")

    comment.refresh_from_db()
    assert comment.status == "pending"


def test_moderators_are_emailed_when_reports_hide_a_comment(
    settings, make_comment, report, mailoutbox, django_capture_on_commit_callbacks
):
    settings.COMMENTS_MODERATOR_EMAILS = ["desk@example.com"]
    comment = make_comment()

    report(comment, "198.51.100.1")
    minutes_pass()

    with django_capture_on_commit_callbacks(execute=True):
        for n in range(2, 5):
            report(comment, f"198.51.100.{n}")

    [email] = mailoutbox
    assert email.subject == "1 comment waiting for moderation"
    assert "Held for: Reported by readers (3 reports)" in email.body


def test_reporting_a_hidden_comment_changes_nothing(make_comment, report):
    comment = make_comment(status="rejected")

    response = report(comment, "198.51.100.1")

    assert response.status_code == 303
    assert Report.objects.count() == 0


def test_reporting_takes_only_posts(client, make_comment):
    comment = make_comment()

    response = client.get(reverse("comments:report"), {"comment": comment.pk})

    assert response.status_code == 405
    assert Comment.objects.get().status == "published"


@pytest.mark.parametrize("named", [None, "", "x", "1.5", "²", "999999"])
def test_a_report_that_names_no_comment_is_a_404(client, make_comment, named):
    make_comment()

    response = client.post(reverse("comments:report"), {} if named is None else {"comment": named})

    assert response.status_code == 404
    assert not Report.objects.exists()
