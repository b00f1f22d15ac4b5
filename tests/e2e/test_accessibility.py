"""axe-core finds no accessibility problems on the readers' pages, in the light and dark schemes.

axe runs its WCAG 2.0 to 2.2 A and AA rules and its best practices, plus the WCAG 2.2 AA target
size rule, which it leaves off by default. It comes from the npm registry (package.json).
"""

from pathlib import Path

import pytest
from django.urls import reverse
from playwright.sync_api import expect

pytestmark = pytest.mark.django_db(transaction=True)

AXE = Path(__file__).resolve().parents[2] / "node_modules" / "axe-core" / "axe.min.js"
RUN_AXE = """async () => {
    const options = {resultTypes: ["violations"], rules: {"target-size": {enabled: true}}};
    return (await axe.run(document, options)).violations;
}"""


@pytest.fixture(scope="session")
def axe_source():
    if not AXE.exists():
        pytest.fail(f"{AXE} is missing: run `npm ci --no-audit --no-fund` (make test does)")
    return AXE.read_text()


@pytest.fixture
def axe_violations(axe_source):
    """`axe_violations(page)`: one line per problem axe finds on the page as it is shown, in
    the light colour scheme, then the dark one."""

    def check(page):
        # Playwright evaluates through the DevTools protocol, which the page's
        # Content-Security-Policy does not govern, so the page is checked under its real policy
        # (no bypass_csp): a style the policy blocked would show up here as it would to readers.
        page.evaluate(axe_source)
        found = []
        for scheme in ("light", "dark"):
            page.emulate_media(color_scheme=scheme)
            found += [
                f"{scheme}: {violation['id']} ({violation['help']}) at "
                + ", ".join(" ".join(node["target"]) for node in violation["nodes"])
                for violation in page.evaluate(RUN_AXE)
            ]
        return found

    return check


PAGES = {
    "front page": lambda article: reverse("front_page"),
    "section": lambda article: article.section.get_absolute_url(),
    "article with comments": lambda article: article.get_absolute_url(),
    "search results": lambda article: f"{reverse('search')}?q=Pentagon",
    "author": lambda article: reverse("author", args=["ada-lovelace"]),
    "authors": lambda article: reverse("authors"),
}


@pytest.mark.parametrize("kind", PAGES)
def test_the_page_has_no_accessibility_violations(
    kind, page, site, commented_article, axe_violations
):
    page.goto(site + PAGES[kind](commented_article))

    assert axe_violations(page) == []


def test_the_comment_form_showing_errors_has_no_accessibility_violations(
    page, site, commented_article, writing_takes_no_time, axe_violations
):
    page.goto(site + commented_article.get_absolute_url())
    page.get_by_role("textbox", name="Name").fill("Ada")
    # Spaces pass the browser's own `required` check and reach the server's.
    page.get_by_role("textbox", name="Comment").fill("   ")

    page.get_by_role("button", name="Post comment").click()

    expect(page.get_by_role("alert")).to_contain_text("Your comment was not posted")
    assert axe_violations(page) == []


def test_a_keyboard_reader_first_meets_the_skip_link_and_sees_where_the_focus_is(
    page, site, commented_article
):
    page.goto(site + commented_article.get_absolute_url())

    page.keyboard.press("Tab")

    skip_link = page.get_by_role("link", name="Skip to content")
    expect(skip_link).to_be_focused()
    expect(skip_link).to_be_in_viewport()
    assert page.evaluate("getComputedStyle(document.activeElement).outlineStyle") == "solid"

    page.keyboard.press("Enter")
    page.keyboard.press("Tab")

    expect(page.locator(".article-header .label a")).to_be_focused()
