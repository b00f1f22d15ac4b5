"""The design in the browser: it fits phones and wide screens, follows the reader's colour
scheme and prints without navigation or forms. Saves the screenshots docs/design.md shows."""

import pytest
from django.urls import reverse
from playwright.sync_api import expect

pytestmark = pytest.mark.django_db(transaction=True)

SCREENS = {"phone": {"width": 390, "height": 844}, "desktop": {"width": 1280, "height": 900}}
BACKGROUNDS = {"light": "rgb(255, 255, 255)", "dark": "rgb(20, 20, 20)"}
PAGE_WIDTH = "document.documentElement.scrollWidth"


@pytest.fixture
def short_commented_article(commented_article):
    """The commented article cut to its first paragraphs: a whole article's screenshot weighs
    half a megabyte."""
    commented_article.body = "\n\n".join(commented_article.body.split("\n\n")[:2])
    commented_article.save()
    return commented_article


@pytest.mark.parametrize(
    ("shown", "scheme", "screen"),
    [
        ("front-page", "light", "desktop"),
        ("article", "light", "phone"),
        ("article", "dark", "phone"),
        ("article", "light", "desktop"),
        ("article", "dark", "desktop"),
        ("author", "light", "desktop"),
        ("author", "dark", "phone"),
    ],
)
def test_the_page_fits_the_screen_in_the_readers_colour_scheme(
    shown, scheme, screen, new_context, site, short_commented_article, screenshot
):
    page = new_context(viewport=SCREENS[screen], color_scheme=scheme).new_page()
    paths = {
        "front-page": reverse("front_page"),
        "article": short_commented_article.get_absolute_url(),
        "author": reverse("author", args=["ada-lovelace"]),
    }

    page.goto(site + paths[shown])
    # Lazy images below the fold load as a reader scrolls; a full-page screenshot shows them.
    page.evaluate(
        "document.querySelectorAll('img[loading=lazy]').forEach(i => i.loading = 'eager')"
    )
    page.wait_for_function(
        "() => [...document.images].every(i => i.complete && i.naturalWidth > 0)"
    )

    assert page.evaluate(PAGE_WIDTH) <= SCREENS[screen]["width"]
    assert page.evaluate("getComputedStyle(document.body).backgroundColor") == BACKGROUNDS[scheme]
    screenshot(page, f"{shown}-{scheme}-{screen}")


def test_every_kind_of_page_fits_a_320_pixel_screen(page, site, commented_article):
    page.set_viewport_size({"width": 320, "height": 640})
    paths = [
        reverse("front_page"),
        commented_article.section.get_absolute_url(),
        commented_article.get_absolute_url(),
        f"{reverse('search')}?q=Pentagon",
        reverse("archive_year", args=[commented_article.published_at.year]),
        reverse("author", args=["ada-lovelace"]),
    ]

    widths = {}
    for path in paths:
        page.goto(site + path)
        widths[path] = page.evaluate(PAGE_WIDTH)

    assert widths == dict.fromkeys(paths, 320)


def test_an_article_prints_without_navigation_or_forms(page, site, commented_article):
    page.goto(site + commented_article.get_absolute_url())

    page.emulate_media(media="print")

    expect(page.get_by_role("heading", level=1)).to_be_visible()
    expect(page.get_by_role("navigation", name="Sections")).to_be_hidden()
    expect(page.get_by_role("search")).to_be_hidden()
    expect(page.locator("#comment-form")).to_be_hidden()
    expect(page.get_by_role("heading", name="4 comments")).to_be_visible()
