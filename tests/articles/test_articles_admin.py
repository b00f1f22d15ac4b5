from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from articles import admin as admin_module
from articles.models import Article

pytestmark = pytest.mark.django_db


def inline_forms(client, url, **rows):
    """The management form of every inline on an admin page (which apps add them varies):
    none of their rows, or those passed as {prefix: [row fields, ...]}."""
    data = {}
    for inline in client.get(url).context["inline_admin_formsets"]:
        prefix = inline.formset.prefix
        data |= {f"{prefix}-TOTAL_FORMS": len(rows.get(prefix, [])), f"{prefix}-INITIAL_FORMS": 0}
        for i, row in enumerate(rows.get(prefix, [])):
            data |= {f"{prefix}-{i}-{name}": value for name, value in row.items()}
    return data


def article_form(section, **fields):
    """What the article form posts for a new, published article."""
    return {
        "section": section.pk,
        "headline": "Written here",
        "slug": "written-here",
        "body": "A paragraph.",
        "reading_minutes": 2,
        "status": "published",
        "published_at_0": "2026-03-08",
        "published_at_1": "09:00:00",
        **fields,
    }


def test_the_article_list_shows_the_editors_columns(admin_client, make_article):
    make_article(headline="Budget passes", label="Analysis")

    page = admin_client.get(reverse("admin:articles_article_changelist")).content.decode()

    assert "Budget passes" in page
    assert "Analysis" in page
    for column in ["Headline", "Section", "Label", "Published at", "Status"]:
        assert column in page


def test_the_article_list_searches_headline_deck_and_body(admin_client, make_article):
    make_article(headline="Alpha", deck="Mentions zebras")
    make_article(headline="Beta", body="Also about zebras.")
    make_article(headline="Gamma")

    response = admin_client.get(reverse("admin:articles_article_changelist"), {"q": "zebras"})

    shown = {article.headline for article in response.context["cl"].result_list}
    assert shown == {"Alpha", "Beta"}


def test_an_editor_writes_an_article_in_the_body_markup(admin_client, section):
    url = reverse("admin:articles_article_add")
    body = "A paragraph with <b>tags</b>.\n\n## A subheading\n\nAnother paragraph."

    response = admin_client.post(
        url, article_form(section, body=body) | inline_forms(admin_client, url)
    )

    assert response.status_code == 302
    article = Article.objects.get(headline="Written here")
    assert article.body_html == (
        "<p>A paragraph with &lt;b&gt;tags&lt;/b&gt;.</p>\n<h2>A subheading</h2>\n"
        "<p>Another paragraph.</p>"
    )
    assert article.original_path == ""


def test_the_article_form_prefills_the_slug_and_keeps_origin_fields_read_only(admin_client):
    page = admin_client.get(reverse("admin:articles_article_add")).content.decode()

    assert "prepopulated_fields" in page or "data-prepopulated-field" in page
    assert 'name="original_path"' not in page
    assert 'name="checksum"' not in page
    assert "Start a line with “## ” for a subheading" in page


def test_the_change_page_links_to_the_article_on_the_site(admin_client, article):
    page = admin_client.get(reverse("admin:articles_article_change", args=[article.pk]))

    assert "View on site" in page.content.decode()


def test_a_section_cannot_take_a_path_the_site_uses(admin_client):
    response = admin_client.post(
        reverse("admin:articles_section_add"), {"name": "Admin", "slug": "admin"}
    )

    assert response.status_code == 200
    assert "taken by the site" in response.content.decode()


def test_an_editor_adds_a_correction_under_the_article(editor_client, section):
    url = reverse("admin:articles_article_add")
    note = {"kind": "correction", "note": "An earlier version misspelt a name."}
    note |= {"created_at_0": "2026-03-09", "created_at_1": "10:00:00"}

    response = editor_client.post(
        url, article_form(section) | inline_forms(editor_client, url, corrections=[note])
    )

    assert response.status_code == 302
    correction = Article.objects.get().corrections.get()
    assert correction.note == "An earlier version misspelt a name."
    assert str(correction) == "Correction of 2026-03-09"


def test_the_list_says_scheduled_for_a_published_article_whose_time_is_to_come(
    admin_client, make_article
):
    make_article(headline="Tomorrow's story", published_at=timezone.now() + timedelta(days=1))
    make_article(headline="A draft", status=Article.Status.DRAFT)
    make_article(headline="Today's story")

    response = admin_client.get(reverse("admin:articles_article_changelist"))

    states = {
        article.headline: response.context["cl"].model_admin.publication_status(article)
        for article in response.context["cl"].result_list
    }
    assert states == {
        "Tomorrow's story": "Scheduled",
        "A draft": "Draft",
        "Today's story": "Published",
    }
    assert '<td class="field-publication_status">Scheduled</td>' in response.content.decode()


@pytest.mark.postgresql
def test_on_postgresql_the_article_list_searches_like_the_site(admin_client, make_article):
    make_article(headline="Zebra escapes")
    make_article(headline="Budget", body="Zebras again.")
    make_article(headline="Zebras without a budget")

    response = admin_client.get(
        reverse("admin:articles_article_changelist"), {"q": "zebra -budget"}
    )

    shown = [article.headline for article in response.context["cl"].result_list]
    assert shown == ["Zebra escapes"]


@pytest.mark.postgresql
def test_on_postgresql_the_article_search_lists_the_newest_matches_only(
    admin_client, make_article, monkeypatch
):
    monkeypatch.setattr(admin_module, "RANKED_MATCHES", 2)
    for n in range(3):
        make_article(headline=f"Zebra {n}")

    response = admin_client.get(reverse("admin:articles_article_changelist"), {"q": "zebra"})

    shown = {article.headline for article in response.context["cl"].result_list}
    assert shown == {"Zebra 0", "Zebra 1"}
