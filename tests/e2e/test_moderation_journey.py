"""A moderator approves a held comment in the admin, and readers then see it."""

import pytest
from playwright.sync_api import expect

from comments.models import Comment, HoldReason

pytestmark = pytest.mark.django_db(transaction=True)


def test_a_moderator_approves_a_held_comment_and_readers_then_see_it(
    page, new_context, site, commented_article, make_comment, make_staff, log_into_admin, screenshot
):
    held = make_comment(
        name="Alan",
        body="Three sources on this: see the links below.",
        status=Comment.Status.PENDING,
        hold_reason=HoldReason.LINKS,
        created_at=commented_article.published_at,
    )
    make_comment(
        name="Bot",
        body="Cheap watches, best prices!",
        status=Comment.Status.PENDING,
        hold_reason=HoldReason.WORDS,
        created_at=commented_article.published_at,
    )
    moderator = make_staff("Moderators")
    reader = new_context().new_page()
    article_url = site + commented_article.get_absolute_url()
    reader.goto(article_url)
    expect(reader.locator(f"#comment-{held.pk}")).to_have_count(0)
    page.set_viewport_size({"width": 1440, "height": 800})

    log_into_admin(page, moderator)
    page.get_by_role("rowheader").get_by_role("link", name="Comments", exact=True).click()
    page.get_by_role("search", name="Filter").get_by_role(
        "link", name="Awaiting moderation"
    ).click()

    rows = page.get_by_role("checkbox", name="Select this object for an action")
    expect(rows).to_have_count(2)
    # The admin's menu folded away: room for every column in the screenshot.
    page.get_by_role("button", name="Toggle navigation").click()
    screenshot(page, "moderation-queue")

    page.get_by_role("row", name="Three sources on this").get_by_role("checkbox").check()
    page.get_by_role("combobox", name="Action").select_option(label="Approve the selected comments")
    page.get_by_role("button", name="Run").click()

    expect(page.get_by_text("1 comment approved.")).to_be_visible()
    reader.goto(article_url)
    expect(reader.locator(f"#comment-{held.pk}")).to_contain_text("Three sources on this")
