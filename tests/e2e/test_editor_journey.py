"""An editor writes and publishes an article in the admin, and it leads the front page."""

import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.django_db(transaction=True)


def test_an_editor_publishes_an_article_that_then_leads_the_front_page(
    page, site, section, make_article, make_staff, log_into_admin
):
    make_article(headline="Yesterday's news")
    editor = make_staff("Editors")

    log_into_admin(page, editor)
    page.get_by_role("rowheader").get_by_role("link", name="Articles", exact=True).click()
    page.get_by_role("link", name="Add article").click()
    page.get_by_label("Section:").select_option(label="News")
    page.get_by_label("Headline:").fill("Bridge reopens after repairs")
    page.get_by_label("Body:").fill("The bridge reopened this morning.\n\nBuses return on Monday.")

    # The admin's script fills the slug in from the headline once the headline is left.
    expect(page.get_by_label("Slug:")).to_have_value("bridge-reopens-after-repairs")

    page.get_by_label("Status:").select_option(label="Published")
    publication = page.locator(".field-published_at")
    publication.get_by_role("button", name="Today").click()
    publication.get_by_role("button", name="Now").click()
    page.get_by_role("button", name="Save", exact=True).click()

    expect(page.get_by_text("was added successfully")).to_be_visible()
    page.goto(site)
    expect(page.locator(".card-lead")).to_contain_text("Bridge reopens after repairs")
