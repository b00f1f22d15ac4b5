import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.django_db(transaction=True)


def test_a_reader_goes_from_the_front_page_to_an_article_and_back_through_its_section(
    page, site, make_article, make_section
):
    sport = make_section("Sport")
    make_article(section=sport, headline="Cup final goes to extra time")
    make_article(headline="Parliament passes the budget")

    page.goto(site)
    page.get_by_role("link", name="Cup final goes to extra time").click()

    expect(page.get_by_role("heading", level=1)).to_have_text("Cup final goes to extra time")
    page.get_by_role("article").get_by_role("link", name="Sport").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Sport")
    expect(page.get_by_role("link", name="Parliament passes the budget")).to_have_count(0)
    page.get_by_role("link", name="Newsroom").click()
    expect(page.get_by_role("link", name="Parliament passes the budget")).to_be_visible()
