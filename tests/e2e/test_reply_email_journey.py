"""A commenter asks for replies by email, confirms the address from the emailed link, is sent a
reply and stops the emails from the link in it: with JavaScript on and off, and no account."""

import re

import pytest
from playwright.sync_api import expect

from comments.models import ReplySubscription

pytestmark = pytest.mark.django_db(transaction=True)

LINK = re.compile(r"https?://\S+/comments/replies/\S+/")


@pytest.fixture(params=[True, False], ids=["javascript on", "javascript off"])
def context(request, new_context):
    return lambda: new_context(java_script_enabled=request.param)


def post(page, name, email, text, *, replies=False, button="Post comment"):
    page.get_by_role("textbox", name="Name").fill(name)
    page.get_by_role("textbox", name="Email (optional)").fill(email)
    if replies:
        page.get_by_role("checkbox", name="Email me replies to this comment").check()
    page.get_by_role("textbox", name="Comment").fill(text)
    page.get_by_role("button", name=button).click()
    expect(page).to_have_url(re.compile(r"#comment-\d+$"))


def test_a_commenter_confirms_is_sent_a_reply_and_stops_the_emails(
    context, site, article, writing_takes_no_time, mailoutbox
):
    ada = context().new_page()
    ada.goto(site + article.get_absolute_url())
    post(ada, "Ada", "ada@example.com", "Who signed the memo?", replies=True)
    [confirmation] = mailoutbox

    ada.goto(LINK.search(confirmation.body).group())
    ada.get_by_role("button", name="Confirm my address").click()
    expect(ada.get_by_role("heading", name="Your address is confirmed")).to_be_visible()

    grace = context().new_page()
    grace.goto(site + article.get_absolute_url())
    grace.get_by_role("link", name="Reply to Ada").click()
    post(grace, "Grace", "grace@example.com", "The under-secretary did.", button="Post reply")
    [reply] = mailoutbox[1:]
    assert "The under-secretary did." in reply.body

    ada.goto(LINK.search(reply.body).group())
    ada.get_by_role("button", name="Stop these emails").click()
    expect(ada.get_by_role("heading", name="No more emails")).to_be_visible()
    assert not ReplySubscription.objects.exists()
