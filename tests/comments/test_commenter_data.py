"""`manage.py commenter_data EMAIL`: what is stored about a commenter, and erasing it."""

from io import StringIO

import pytest
from django.contrib.admin.models import CHANGE, LogEntry
from django.core.management import CommandError, call_command
from django.utils import timezone

from comments.addresses import fingerprint
from comments.models import Comment, ReplySubscription, Report

pytestmark = pytest.mark.django_db


def commenter_data(*arguments):
    out = StringIO()
    call_command("commenter_data", *arguments, stdout=out)
    return out.getvalue()


@pytest.fixture
def ada(make_comment):
    """Ada's two comments, one of them pending, the older one's address already erased."""
    return [
        make_comment(name="Ada", email="Ada@Example.com", body="First\nthoughts.", ip_address=None),
        make_comment(name="Ada L.", email="ada@example.COM", body="Later.", status="pending"),
    ]


def test_it_prints_every_comment_of_the_email_in_any_case(article, ada, make_comment):
    make_comment(name="Bo", email="bo@example.com", body="Not Ada's.")

    output = commenter_data("ADA@example.com")

    for comment in ada:
        assert f"Comment {comment.pk} on “{article.headline}”" in output
    assert "Name:    Ada\n" in output
    assert "Name:    Ada L.\n" in output
    assert "Email:   Ada@Example.com" in output
    assert "Status:  Awaiting moderation" in output
    assert "Address: not kept" in output
    assert "Address: 192.0.2.1" in output
    assert "    First\n    thoughts." in output
    assert "Not Ada's." not in output
    assert "Nothing was changed" in output


def test_it_prints_the_reports_sent_from_the_commenters_addresses(ada, make_comment):
    other = make_comment(name="Bo")
    Report.objects.create(comment=other, reader=fingerprint("192.0.2.1"))
    Report.objects.create(comment=ada[1], reader=fingerprint("198.51.100.7"))

    output = commenter_data("ada@example.com")

    assert "Reports sent from these addresses: 1\n" in output
    assert f"of comment {other.pk}" in output
    assert "Reports: 1" in output


def test_it_prints_the_admin_history_that_names_the_commenter(ada, admin_user):
    LogEntry.objects.log_actions(admin_user.pk, [ada[0]], CHANGE, change_message="Approved.")

    output = commenter_data("ada@example.com")

    assert f"admin: Comment {ada[0].pk} by Ada: Approved." in output


def test_showing_changes_nothing(ada):
    before = list(Comment.objects.values())

    commenter_data("ada@example.com")

    assert list(Comment.objects.values()) == before


def test_it_says_when_nothing_is_stored(make_comment):
    make_comment(email="bo@example.com")

    output = commenter_data("nobody@example.com")

    assert output == "Nothing is stored about a commenter with the email nobody@example.com.\n"


def test_an_argument_that_is_not_an_email_is_refused():
    with pytest.raises(CommandError, match="“ada” is not an email address"):
        commenter_data("ada")


def test_erasing_keeps_the_comments_as_deleted_with_nothing_personal_left(ada):
    output = commenter_data("ada@example.com", "--erase", "--yes")

    erased = Comment.objects.filter(pk__in=[comment.pk for comment in ada])
    assert "Erased: 2 comments kept as “deleted”, 0 reports deleted" in output
    assert list(erased.values_list("status", "name", "email", "body", "ip_address")) == [
        ("deleted", "deleted", "", "", None),
        ("deleted", "deleted", "", "", None),
    ]


def test_erasing_leaves_other_commenters_alone(ada, make_comment):
    bo = make_comment(name="Bo", email="bo@example.com")

    commenter_data("ada@example.com", "--erase", "--no-input")

    bo.refresh_from_db()
    assert (bo.status, bo.name, bo.email) == ("published", "Bo", "bo@example.com")


def test_replies_to_an_erased_comment_keep_their_place(client, article, ada, make_comment):
    make_comment(parent=ada[0], name="Bo", body="I agree with Ada.")

    commenter_data("ada@example.com", "--erase", "--yes")

    html = client.get(article.get_absolute_url()).content.decode()
    assert f'id="comment-{ada[0].pk}">This comment is no longer shown.' in html
    assert "I agree with Ada." in html
    assert "First" not in html


def test_erasing_deletes_the_reports_sent_from_the_commenters_addresses(ada, make_comment):
    other = make_comment(name="Bo")
    theirs = Report.objects.create(comment=other, reader=fingerprint("192.0.2.1"))
    someone_elses = Report.objects.create(comment=other, reader=fingerprint("198.51.100.7"))

    output = commenter_data("ada@example.com", "--erase", "--yes")

    assert "1 report deleted" in output
    assert list(Report.objects.all()) == [someone_elses]
    assert not Report.objects.filter(pk=theirs.pk).exists()


def test_erasing_renames_the_admin_history_after_the_erased_comment(ada, admin_user):
    LogEntry.objects.log_actions(admin_user.pk, [ada[0]], CHANGE, change_message="Approved.")

    output = commenter_data("ada@example.com", "--erase", "--yes")

    assert "1 admin history entry renamed" in output
    assert LogEntry.objects.get().object_repr == f"Comment {ada[0].pk} by deleted"


def test_erasing_asks_first_and_a_no_changes_nothing(ada, monkeypatch):
    before = list(Comment.objects.values())
    monkeypatch.setattr("builtins.input", lambda prompt: "no")

    output = commenter_data("ada@example.com", "--erase")

    assert "Cancelled: nothing was changed." in output
    assert list(Comment.objects.values()) == before


def test_erasing_after_a_yes_erases(ada, monkeypatch):
    prompts = []
    monkeypatch.setattr("builtins.input", lambda prompt: prompts.append(prompt) or "yes")

    output = commenter_data("ada@example.com", "--erase")

    assert "so that replies keep their place" in prompts[0]
    assert "Erased: 2 comments" in output


def test_erasing_twice_finds_nothing_the_second_time(ada):
    commenter_data("ada@example.com", "--erase", "--yes")

    output = commenter_data("ada@example.com", "--erase", "--yes")

    assert output.startswith("Nothing is stored")


def test_the_help_says_what_erasing_keeps_and_removes(capsys):
    with pytest.raises(SystemExit):
        call_command("commenter_data", "--help")

    assert "Each comment stays as “deleted”" in " ".join(capsys.readouterr().out.split())


@pytest.fixture
def subscriptions(ada):
    """Ada asked for replies to both comments; the first address confirmed, once emailed."""
    now = timezone.now()
    return [
        ReplySubscription.objects.create(comment=ada[0], confirmed_at=now, last_sent_at=now),
        ReplySubscription.objects.create(comment=ada[1]),
    ]


def test_it_prints_the_commenters_replies_by_email(ada, subscriptions, make_comment):
    make_comment(email="bo@example.com")

    output = commenter_data("ada@example.com")

    assert output.count("Replies by email: yes, address confirmed ") == 1
    assert ", last sent " in output
    assert output.count("address not confirmed") == 1


def test_erasing_ends_the_commenters_replies_by_email(ada, subscriptions, make_comment):
    others = ReplySubscription.objects.create(comment=make_comment(email="bo@example.com"))

    output = commenter_data("ada@example.com", "--erase", "--yes")

    assert "2 subscriptions to replies ended." in output
    assert list(ReplySubscription.objects.all()) == [others]
