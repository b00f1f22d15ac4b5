import re
from datetime import timedelta

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from articles import admin as admin_module
from articles.models import Article
from tests.conftest import photo, queries_of

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


def at(year, month, day):
    return timezone.make_aware(timezone.datetime(year, month, day, 12))


@pytest.fixture
def dated(make_article):
    """Articles of March 2024, December 2024 and January 2026."""
    for headline, published_at in [
        ("March", at(2024, 3, 10)),
        ("December", at(2024, 12, 31)),
        ("January", at(2026, 1, 1)),
    ]:
        make_article(headline=headline, published_at=published_at)


def listed(client, **params):
    response = client.get(reverse("admin:articles_article_changelist"), params)
    assert response.status_code == 200
    return response, {article.headline for article in response.context["cl"].result_list}


def test_the_article_list_offers_every_year_from_the_first_article_to_the_last(admin_client, dated):
    response, _ = listed(admin_client)

    page = response.content.decode()
    assert [year for year in ("2026", "2025", "2024") if f"?published={year}" in page] == [
        "2026",
        "2025",
        "2024",
    ]
    assert "?published=2023" not in page
    assert "?published=2024-03" not in page


@pytest.mark.parametrize(
    ("value", "shown"),
    [
        ("2024", {"March", "December"}),
        ("2024-03", {"March"}),
        ("2024-12", {"December"}),
        ("2025", set()),
        ("2026-01", {"January"}),
    ],
)
def test_the_article_list_narrows_to_a_year_then_a_month(admin_client, dated, value, shown):
    response, found = listed(admin_client, published=value)

    assert found == shown
    # The chosen year's months are offered.
    assert f"?published={value[:4]}-03" in response.content.decode()


@pytest.mark.parametrize("value", ["24", "2024-3", "2024-13", "0000", "x", "2024-03-01"])
def test_a_made_up_publication_date_is_refused_as_an_unknown_filter(admin_client, dated, value):
    response = admin_client.get(reverse("admin:articles_article_changelist"), {"published": value})

    assert response.status_code == 302
    assert response["Location"].endswith("?e=1")


def test_the_article_list_makes_as_many_queries_for_a_long_archive_as_for_a_short_one(
    admin_client, make_article
):
    make_article(published_at=at(2024, 1, 1))
    short = queries_of(admin_client, reverse("admin:articles_article_changelist"))
    for year in range(2000, 2024):
        make_article(headline=f"Article of {year}", published_at=at(year, 6, 1))

    long = queries_of(admin_client, reverse("admin:articles_article_changelist"))

    assert long == short


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


def test_the_admin_is_branded_newsroom(editor_client):
    page = editor_client.get(reverse("admin:index")).content.decode()

    assert "Newsroom" in page
    assert "Django administration" not in page


def test_headline_deck_and_body_get_room_to_read_what_is_typed(editor_client):
    page = editor_client.get(reverse("admin:articles_article_add")).content.decode()

    for name in ["headline", "deck", "body"]:
        tag = re.search(rf'<(input|textarea)[^>]*name="{name}"[^>]*>', page)[0]
        assert 'class="wide-text"' in tag, tag
    assert "/static/css/admin.css" in page


def test_the_reading_time_is_counted_from_the_body_when_left_empty(editor_client, section):
    url = reverse("admin:articles_article_add")
    body = "\n\n".join(["word " * 115] * 6)  # 690 words: 3 minutes

    editor_client.post(
        url, article_form(section, body=body, reading_minutes="") | inline_forms(editor_client, url)
    )

    article = Article.objects.get()
    assert (article.reading_minutes, article.reading_minutes_fixed) == (3, False)
    article.body = "word " * 1150
    article.save()
    assert article.reading_minutes == 5


def test_a_reading_time_the_editor_types_is_kept_whatever_the_body(editor_client, section):
    url = reverse("admin:articles_article_add")

    editor_client.post(
        url,
        article_form(section, body="Short.", reading_minutes=7) | inline_forms(editor_client, url),
    )

    article = Article.objects.get()
    assert (article.reading_minutes, article.reading_minutes_fixed) == (7, True)
    change = editor_client.get(reverse("admin:articles_article_change", args=[article.pk]))
    assert change.context["adminform"].form["reading_minutes"].value() == 7


def test_a_counted_reading_time_shows_as_a_hint_in_an_empty_box(editor_client, make_article):
    article = make_article(body="word " * 500)

    page = editor_client.get(reverse("admin:articles_article_change", args=[article.pk]))

    field = page.context["adminform"].form["reading_minutes"]
    assert field.value() is None
    assert 'placeholder="2 (counted)"' in str(field)


def test_a_headline_longer_than_search_engines_show_is_saved_with_a_warning(editor_client, section):
    url = reverse("admin:articles_article_add")
    headline = "A" * 111

    response = editor_client.post(
        url,
        article_form(section, headline=headline, slug="long") | inline_forms(editor_client, url),
        follow=True,
    )

    assert Article.objects.get().headline == headline
    warnings = [str(m) for m in response.context["messages"] if m.level_tag == "warning"]
    assert warnings == [
        "The headline is 111 characters long: search engines show about 110, so readers "
        "there will see it cut short."
    ]


def test_an_editor_puts_authors_in_the_byline_in_order(editor_client, section, make_author):
    ada, grace = make_author("Ada Lovelace"), make_author("Grace Hopper")
    url = reverse("admin:articles_article_add")
    bylines = [{"author": grace.pk, "position": 1}, {"author": ada.pk, "position": 0}]

    editor_client.post(
        url, article_form(section) | inline_forms(editor_client, url, bylines=bylines)
    )

    assert Article.objects.get().byline_authors == [ada, grace]


def test_the_byline_picks_authors_by_typing_part_of_a_name(editor_client, make_author):
    make_author("Ada Lovelace")
    make_author("Grace Hopper")

    found = editor_client.get(
        reverse("admin:autocomplete"),
        {
            "term": "lov",
            "app_label": "articles",
            "model_name": "byline",
            "field_name": "author",
        },
    ).json()

    assert [result["text"] for result in found["results"]] == ["Ada Lovelace"]


def test_an_authors_photo_must_be_a_real_image(editor_client):
    url = reverse("admin:articles_author_add")

    response = editor_client.post(
        url,
        {
            "name": "Ada Lovelace",
            "slug": "ada-lovelace",
            "photo": SimpleUploadedFile("ada.jpg", b"not a picture at all"),
        },
    )

    assert response.status_code == 200
    assert "Upload a valid image" in str(response.context["adminform"].form.errors["photo"])


def test_the_form_shows_the_cards_crop_of_a_saved_lead_image_only(
    editor_client, article, with_lead_image, section
):
    with_lead_image(article)
    url = reverse("admin:articles_article_add")

    saved = editor_client.get(reverse("admin:articles_article_change", args=[article.pk]))
    refused = editor_client.post(
        url,
        article_form(section, lead_image=SimpleUploadedFile("dusk.jpg", photo()))
        | inline_forms(editor_client, url),
    )

    assert re.search(r'<img src="/media/renditions/\S+\.jpg"', saved.content.decode())
    assert refused.status_code == 200
    assert "No image yet." in refused.content.decode()


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
