"""An editor writes and publishes an article in the admin, and it leads the front page."""

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from tests.conftest import photo

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


def test_an_editor_adds_an_author_then_an_article_with_their_byline_and_a_lead_image(
    page, site, section, make_staff, log_into_admin, tmp_path, screenshot
):
    picture = tmp_path / "dusk.jpg"
    picture.write_bytes(photo())
    editor = make_staff("Editors")
    log_into_admin(page, editor)
    expect(page.get_by_role("link", name="Newsroom")).to_be_visible()

    page.get_by_role("rowheader").get_by_role("link", name="Authors", exact=True).click()
    page.get_by_role("link", name="Add author").click()
    page.get_by_label("Name:").fill("Ada Lovelace")
    page.get_by_label("Bio:").fill("Covers the city council.")
    page.get_by_role("button", name="Save", exact=True).click()
    expect(page.get_by_text("was added successfully")).to_be_visible()

    page.goto(site + reverse("admin:articles_article_add"))
    page.get_by_label("Section:").select_option(label="News")
    page.get_by_label("Headline:").fill("Bridge reopens after repairs")
    page.get_by_label("Body:").fill("The bridge reopened this morning.\n\nBuses return on Monday.")
    page.locator("#id_lead_image").set_input_files(picture)
    page.get_by_text("Add another Author in the byline").click()
    # The author is picked by typing part of the name (the admin's autocomplete).
    page.locator(".field-author .select2-selection").click()
    page.locator(".select2-search__field").fill("love")
    page.get_by_role("option", name="Ada Lovelace").click()
    page.get_by_label("Status:").select_option(label="Published")
    publication = page.locator(".field-published_at")
    publication.get_by_role("button", name="Today").click()
    publication.get_by_role("button", name="Now").click()
    page.get_by_role("button", name="Save", exact=True).click()

    expect(page.locator(".field-lead_image_alt .errorlist")).to_contain_text("alt text is required")
    screenshot(page, "admin-article-form")
    page.locator("#id_lead_image").set_input_files(picture)
    page.get_by_label("Alt text:").fill("The sun sets over a green hill")
    page.get_by_role("button", name="Save", exact=True).click()
    expect(page.get_by_text("was added successfully")).to_be_visible()

    page.goto(site)
    lead = page.locator(".card-lead")
    expect(lead.get_by_role("img", name="The sun sets over a green hill")).to_be_visible()
    lead.get_by_role("link", name="Bridge reopens after repairs").click()
    expect(page.locator(".article-header .byline")).to_have_text("By Ada Lovelace")
    page.get_by_role("link", name="Ada Lovelace").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Ada Lovelace")
    expect(page.get_by_text("Covers the city council.")).to_be_visible()
