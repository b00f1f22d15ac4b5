"""Replies by email: the box on the form, the confirmation link (double opt-in), one email per
published reply after the commit, at most one an hour for each article, and one-click
unsubscribing without an account or script."""

import re
import time
from datetime import timedelta
from email import policy
from email.parser import BytesParser

import pytest
import time_machine
from aiosmtpd.controller import Controller
from django.contrib.auth.models import User
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from comments import replies
from comments.models import Comment, ReplySubscription
from tests.gunicorn_site import free_port
from tests.test_production_settings import settings_under

CONFIRM = re.compile(r"http://testserver(/comments/replies/confirm/[^/\s]+/)")
UNSUBSCRIBE = re.compile(r"http://testserver(/comments/replies/stop/[^/\s]+/)")


@pytest.fixture
def send(django_capture_on_commit_callbacks):
    """`with send():` runs what waits for the commit (the emails) at the end of the block."""
    return lambda: django_capture_on_commit_callbacks(execute=True)


@pytest.fixture
def ask_for_replies(article, post_comment, send, mailoutbox):
    """`ask_for_replies(email=...)`: Ada posts a comment with the box ticked; the comment."""

    def ask(email="ada@example.com", **fields):
        with send():
            post_comment(article, email=email, send_replies="on", address="192.0.2.50", **fields)
        return Comment.objects.filter(email=email).latest("pk")

    return ask


@pytest.fixture
def confirmed(ask_for_replies, client, mailoutbox):
    """Ada's comment, its address confirmed through the emailed link; the outbox emptied."""
    comment = ask_for_replies()
    [link] = CONFIRM.findall(mailoutbox[-1].body)
    client.post(link)
    mailoutbox.clear()
    return comment


@pytest.fixture
def reply(article, post_comment, send):
    """`reply(comment, body=...)`: Bo answers the comment; the response."""
    addresses = iter(range(1, 200))

    def answer(comment, body="I see it differently.", **fields):
        with send():
            return post_comment(
                article,
                client=Client(),
                address=f"198.51.100.{next(addresses)}",
                **{"parent": comment.pk, "name": "Bo", "email": "bo@example.com", "body": body}
                | fields,
            )

    return answer


def test_the_form_offers_replies_by_email(client, article):
    html = client.get(article.get_absolute_url()).content.decode()

    assert 'name="send_replies"' in html
    assert "Email me replies to this comment" in html


def test_ticking_the_box_emails_a_confirmation_link_and_sends_no_reply_before(
    ask_for_replies, reply, mailoutbox
):
    comment = ask_for_replies()

    [email] = mailoutbox
    reply(comment)

    assert email.to == ["ada@example.com"]
    assert email.subject == "Confirm: email me replies to my comment"
    assert CONFIRM.search(email.body)
    assert len(mailoutbox) == 1
    assert ReplySubscription.objects.get().confirmed_at is None


def test_the_box_needs_an_email_and_keeps_the_text(article, post_comment):
    response = post_comment(article, email="", send_replies="on", body="Keep these words.")

    html = response.content.decode()
    assert response.status_code == 400
    assert "Give your email to be sent the replies." in html
    assert "Keep these words.</textarea>" in html
    assert Comment.objects.count() == 0


def test_the_link_asks_first_and_confirms_on_the_button(ask_for_replies, mailoutbox):
    ask_for_replies()
    [link] = CONFIRM.findall(mailoutbox[0].body)
    browser = Client(enforce_csrf_checks=True)

    page = browser.get(link)
    unconfirmed = ReplySubscription.objects.get().confirmed_at
    done = browser.post(link)

    assert page.status_code == 200
    assert "Confirm my address</button>" in page.content.decode()
    assert unconfirmed is None
    assert done.status_code == 200
    assert "Your address is confirmed" in done.content.decode()
    assert ReplySubscription.objects.get().confirmed_at is not None


def test_a_published_reply_emails_its_text_link_and_unsubscribe_link(
    confirmed, article, reply, mailoutbox
):
    reply(confirmed, body="A reply worth reading.")

    answer = Comment.objects.get(parent=confirmed)
    [email] = mailoutbox
    assert email.to == ["ada@example.com"]
    assert email.subject == f"A reply to your comment on “{article.headline}”"
    assert "Bo replied to your comment" in email.body
    assert "A reply worth reading." in email.body
    assert f"http://testserver{article.get_absolute_url()}#comment-{answer.pk}" in email.body
    [stop] = UNSUBSCRIBE.findall(email.body)
    assert email.extra_headers["List-Unsubscribe"] == f"<http://testserver{stop}>"
    assert email.extra_headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"


def test_the_reply_email_waits_for_the_commit(confirmed, article, post_comment, mailoutbox):
    post_comment(article, client=Client(), parent=confirmed.pk, address="198.51.100.9")

    # The test's transaction never commits, so the email is never sent.
    assert mailoutbox == []


def test_a_confirmed_address_is_not_asked_again(confirmed, ask_for_replies, reply, mailoutbox):
    second = ask_for_replies(body="Another thought.")

    reply(second)

    assert [email.subject for email in mailoutbox] == [
        f"A reply to your comment on “{second.article.headline}”"
    ]


def test_an_address_gets_one_confirmation_a_day_whose_link_confirms_every_comment(
    ask_for_replies, client, mailoutbox
):
    ask_for_replies()
    ask_for_replies(body="Asked again before confirming.")
    sent_the_same_day = len(mailoutbox)
    [link] = CONFIRM.findall(mailoutbox[0].body)

    client.post(link)

    assert sent_the_same_day == 1
    assert ReplySubscription.objects.confirmed().count() == 2


def test_a_day_later_an_unconfirmed_address_is_asked_again(ask_for_replies, mailoutbox):
    ask_for_replies()
    ReplySubscription.objects.update(created_at=timezone.now() - timedelta(days=1, minutes=1))

    ask_for_replies(body="Trying again the next day.")

    assert len(mailoutbox) == 2


def test_the_address_is_confirmed_in_any_case(confirmed, ask_for_replies, mailoutbox):
    ask_for_replies(email="ADA@Example.com", body="Shouting my address.")

    assert mailoutbox == []
    assert ReplySubscription.objects.confirmed().count() == 2


def test_a_held_reply_sends_nothing(settings, confirmed, reply, mailoutbox):
    settings.COMMENTS_BLOCKED_WORDS = ["casino"]

    reply(confirmed, body="Come to the casino.")

    assert Comment.objects.get(parent=confirmed).status == "pending"
    assert mailoutbox == []


def test_a_held_reply_sends_its_email_when_a_moderator_approves_it(
    settings, client, confirmed, reply, mailoutbox, django_capture_on_commit_callbacks, group
):
    settings.COMMENTS_BLOCKED_WORDS = ["casino"]
    reply(confirmed, body="The casino by the river.")
    held = Comment.objects.get(parent=confirmed)
    moderator = User.objects.create_user("mod", password="x", is_staff=True)
    moderator.groups.add(group("Moderators"))
    client.force_login(moderator)

    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            reverse("admin:comments_comment_changelist"),
            {"action": "approve", "_selected_action": [held.pk]},
        )

    [email] = mailoutbox
    assert "The casino by the river." in email.body


def test_a_reply_hidden_before_the_commit_sends_nothing(
    confirmed, article, post_comment, mailoutbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks() as callbacks:
        post_comment(
            article,
            client=Client(),
            parent=confirmed.pk,
            email="bo@example.com",
            address="198.51.100.77",
        )
    Comment.objects.filter(parent=confirmed).update(status="spam")

    for callback in callbacks:
        callback()

    assert mailoutbox == []


def test_at_most_one_email_an_hour_for_each_article(confirmed, ask_for_replies, reply, mailoutbox):
    second = ask_for_replies(body="My second comment here.")

    reply(confirmed, body="First answer.")
    reply(confirmed, body="Second answer.")
    reply(second, body="Answer to the other one.")
    sent_in_the_hour = len(mailoutbox)
    ReplySubscription.objects.update(last_sent_at=timezone.now() - timedelta(minutes=61))
    reply(confirmed, body="An hour later.")

    assert sent_in_the_hour == 1
    assert len(mailoutbox) == 2
    assert "An hour later." in mailoutbox[1].body


def test_replying_to_oneself_sends_nothing(confirmed, reply, mailoutbox):
    reply(confirmed, email="Ada@example.com", body="And another thing.")

    assert mailoutbox == []


def test_one_click_unsubscribe_works_without_cookies_or_script(confirmed, reply, mailoutbox):
    reply(confirmed)
    [stop] = UNSUBSCRIBE.findall(mailoutbox[0].body)
    mail_provider = Client(enforce_csrf_checks=True)

    response = mail_provider.post(
        stop, "List-Unsubscribe=One-Click", content_type="application/x-www-form-urlencoded"
    )
    reply(confirmed, body="Nobody will be emailed this.")

    assert response.status_code == 200
    assert "No more emails" in response.content.decode()
    assert ReplySubscription.objects.count() == 0
    assert len(mailoutbox) == 1


def test_the_unsubscribe_link_asks_first_then_the_button_stops_the_emails(
    confirmed, reply, mailoutbox
):
    reply(confirmed)
    [stop] = UNSUBSCRIBE.findall(mailoutbox[0].body)
    reader = Client(enforce_csrf_checks=True)

    page = reader.get(stop)
    still = ReplySubscription.objects.count()
    reader.post(stop)
    again = reader.post(stop)

    assert "Stop these emails</button>" in page.content.decode()
    assert still == 1
    assert ReplySubscription.objects.count() == 0
    assert again.status_code == 200


@pytest.mark.parametrize("name", ["comments:confirm_replies", "comments:unsubscribe_replies"])
def test_a_forged_link_is_refused_with_a_readable_page(client, confirmed, name):
    response = client.post(reverse(name, args=[f"{confirmed.pk}:forged"]))

    assert response.status_code == 400
    assert ReplySubscription.objects.count() == 1


def test_a_confirmation_link_older_than_a_week_no_longer_works(client, ask_for_replies):
    comment = ask_for_replies()
    subscription = ReplySubscription.objects.get(comment=comment)
    with time_machine.travel(time.time() - 8 * 24 * 3600):
        token = replies.confirm_token(subscription)

    response = client.post(reverse("comments:confirm_replies", args=[token]))

    assert response.status_code == 400
    assert "Confirmation links work for 7 days" in response.content.decode()
    assert ReplySubscription.objects.get().confirmed_at is None


def test_deleting_the_comment_ends_its_emails(client, confirmed, reply, mailoutbox):
    client.post(reverse("comments:delete", args=[confirmed.pk]))

    reply(confirmed)

    assert ReplySubscription.objects.count() == 0
    assert mailoutbox == []


class Inbox:
    """An aiosmtpd handler that keeps what the SMTP server was sent."""

    def __init__(self):
        self.messages = []

    async def handle_DATA(self, server, session, envelope):  # aiosmtpd calls it by this name
        message = BytesParser(policy=policy.default).parsebytes(envelope.content)
        self.messages.append((envelope.rcpt_tos, message))
        return "250 Message accepted for delivery"


@pytest.fixture
def smtp_server(settings):
    """A real SMTP server on a free port, started for the test, and the site's mail sent to it
    through EMAIL_URL as the settings module reads it."""
    inbox = Inbox()
    port = free_port()
    controller = Controller(inbox, hostname="127.0.0.1", port=port)
    controller.start()
    settings.MAILERS = settings_under(
        {"DJANGO_DEBUG": "true", "EMAIL_URL": f"smtp://127.0.0.1:{port}"}, "MAILERS"
    )["MAILERS"]
    yield inbox
    controller.stop()


def test_the_confirmation_and_the_reply_go_out_through_an_smtp_server(
    smtp_server, ask_for_replies, client, reply
):
    ask_for_replies()
    [(_, confirmation)] = smtp_server.messages
    [link] = CONFIRM.findall(confirmation.get_content())
    client.post(link)

    reply(Comment.objects.get(email="ada@example.com"))

    [(recipients, email)] = smtp_server.messages[1:]
    assert recipients == ["ada@example.com"]
    assert email["Subject"].startswith("A reply to your comment on “")
    assert email["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    assert email["List-Unsubscribe"].startswith("<http://testserver/comments/replies/stop/")
    assert "I see it differently." in email.get_content()
