"""A reader comments on an article, replies to the comment and mends an empty reply: the same
journey with JavaScript on and off, since nothing on the reader's side may need a script."""

import re

import pytest
from playwright.sync_api import expect

from comments.models import Comment

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture(params=[True, False], ids=["javascript on", "javascript off"])
def reader_page(request, new_context):
    return new_context(java_script_enabled=request.param).new_page()


def test_a_commenter_posts_replies_and_mends_an_empty_reply(
    reader_page, site, article, writing_takes_no_time
):
    page = reader_page
    page.goto(site + article.get_absolute_url())

    page.get_by_role("textbox", name="Name").fill("Ada")
    page.get_by_role("textbox", name="Comment").fill("The memo is the real story here.")
    page.get_by_role("button", name="Post comment").click()

    expect(page).to_have_url(re.compile(r"#comment-\d+$"))
    comment = Comment.objects.get(body="The memo is the real story here.")
    expect(page).to_have_url(re.compile(f"#comment-{comment.pk}$"))
    posted = page.locator(f"#comment-{comment.pk}")
    expect(posted).to_contain_text("The memo is the real story here.")
    expect(posted).to_be_in_viewport()

    posted.get_by_role("link", name="Reply to Ada").click()
    page.get_by_role("textbox", name="Name").fill("Grace")
    # Spaces pass the browser's own `required` check and reach the server's.
    page.get_by_role("textbox", name="Comment").fill("   ")
    page.get_by_role("button", name="Post reply").click()

    body = page.get_by_role("textbox", name="Comment")
    expect(page.get_by_role("alert")).to_contain_text("Your comment was not posted")
    expect(body).to_have_attribute("aria-invalid", "true")
    expect(body).to_have_accessible_description(re.compile("This field is required"))
    expect(body).to_be_in_viewport()
    expect(page.get_by_role("textbox", name="Name")).to_have_value("Grace")
    expect(page.get_by_role("heading", name="Replying to Ada")).to_be_visible()

    body.fill("Agreed, and it is not over.")
    page.get_by_role("button", name="Post reply").click()

    expect(page).to_have_url(re.compile(r"#comment-\d+$"))
    reply = Comment.objects.get(body="Agreed, and it is not over.")
    assert reply.parent == comment
    expect(page).to_have_url(re.compile(f"#comment-{reply.pk}$"))
    expect(
        page.locator(f"#comment-{comment.pk} ~ .comment-replies #comment-{reply.pk}")
    ).to_be_visible()
