"""Lead images in the browser: the smallest format the browser shows, the right width for the
screen, fetched at once for the first picture and lazily for the cards, and no layout shift."""

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db(transaction=True)

# What the browser chose and knows of each picture on the page, once it has loaded.
PICTURES = """() => [...document.querySelectorAll("picture img")].map(img => ({
    chosen: img.currentSrc && new URL(img.currentSrc).pathname,
    loading: img.loading,
    shown: Math.round(img.getBoundingClientRect().width),
    // Each candidate's path by its width, as the first <source> lists them.
    candidates: Object.fromEntries(img.parentElement.querySelector("source").srcset.split(", ")
        .map(candidate => candidate.split(" ")).map(([url, width]) => [width, url])),
}))"""
# Layout shifts since the page started, as Chromium measures them (Cumulative Layout Shift).
LAYOUT_SHIFT = """() => new Promise(resolve => {
    let total = 0;
    new PerformanceObserver(list => {
        for (const entry of list.getEntries()) total += entry.value;
    }).observe({type: "layout-shift", buffered: true});
    setTimeout(() => resolve(total), 500);
})"""


def test_the_article_shows_its_lead_image_as_avif_sized_for_the_screen_without_shifting(
    new_context, site, commented_article
):
    page = new_context(viewport={"width": 390, "height": 844}, device_scale_factor=2).new_page()

    page.goto(site + commented_article.get_absolute_url())
    page.wait_for_function("() => document.querySelector('.lead-image img').complete")

    lead = page.evaluate(PICTURES)[0]
    assert lead["chosen"].endswith(".avif")
    assert lead["loading"] == "auto"
    # 358 CSS pixels wide at twice the density: the 800-pixel rendition, not the 1200 one.
    assert lead["shown"] == 358
    assert lead["chosen"] == lead["candidates"]["800w"]
    assert page.evaluate(LAYOUT_SHIFT) < 0.01


def test_the_front_pages_lead_image_loads_at_once_and_the_cards_wait_their_turn(
    page, site, commented_article
):
    page.set_viewport_size({"width": 1280, "height": 900})

    page.goto(site + reverse("front_page"))
    # The card is on the screen: the browser fetches it once the layout is known.
    page.wait_for_function(
        "() => [...document.querySelectorAll('picture img')].every(i => i.currentSrc)"
    )

    lead, card = page.evaluate(PICTURES)
    assert lead["loading"] == "auto"
    assert card["loading"] == "lazy"
    assert card["chosen"].endswith(".avif")
    assert "/renditions/" in card["chosen"]
