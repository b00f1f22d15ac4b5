"""The article page stays light: its HTML, stylesheet and scripts weigh under 60 KB together,
uncompressed, as the browser loads them (images and the favicon not counted)."""

import pytest

pytestmark = pytest.mark.django_db(transaction=True)

BUDGET = 60 * 1024
# The page itself and every stylesheet and script it loaded, each with its uncompressed size.
LOADED = """() => [
    ...performance.getEntriesByType("navigation"),
    ...performance.getEntriesByType("resource").filter(r => /\\.(css|js)$/.test(r.name)),
].map(r => [new URL(r.name).pathname, r.decodedBodySize])"""


def test_an_article_with_comments_weighs_under_60_kb_with_its_styles_and_scripts(
    page, site, commented_article
):
    page.goto(site + commented_article.get_absolute_url())

    loaded = dict(page.evaluate(LOADED))

    assert "/static/css/site.css" in loaded, loaded
    assert sum(loaded.values()) < BUDGET, loaded
