"""Lead images: uploaded on the article form with alt text, checked and cleaned, rendered once,
and shown with srcset and sizes on the article, the cards and the previews that sharing makes."""

import os
import re
from io import BytesIO

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from PIL import Image

from articles.models import Article
from tests.articles.test_articles_admin import article_form, inline_forms
from tests.articles.test_metadata import head_of
from tests.conftest import photo

pytestmark = pytest.mark.django_db

ADD = reverse("admin:articles_article_add")


def upload(content=None, name="dusk.jpg"):
    return SimpleUploadedFile(name, photo() if content is None else content)


def post_article(client, **fields):
    """Post the admin's add form with `fields`; the response."""
    return client.post(ADD, article_form(**fields) | inline_forms(client, ADD))


def field_errors(response, field):
    return response.context["adminform"].form.errors.get(field, [])


def rendition_files(settings):
    folder = settings.MEDIA_ROOT / "renditions"
    return sorted(path for path in folder.rglob("*") if path.is_file()) if folder.exists() else []


def test_an_editor_uploads_a_lead_image_with_alt_text_caption_and_credit(
    editor_client, section, settings
):
    response = post_article(
        editor_client,
        section=section,
        lead_image=upload(),
        lead_image_alt="The sun sets over a green hill",
        lead_image_caption="Dusk over the valley.",
        lead_image_credit="Photo: Jane Doe",
    )

    assert response.status_code == 302
    article = Article.objects.get()
    assert article.lead_image.name.startswith("articles/")
    assert (article.lead_image_width, article.lead_image_height) == (1600, 900)
    assert (settings.MEDIA_ROOT / article.lead_image.name).exists()


def test_the_form_refuses_an_image_without_alt_text(editor_client, section):
    response = post_article(editor_client, section=section, lead_image=upload(), lead_image_alt=" ")

    assert response.status_code == 200
    assert "alt text is required" in " ".join(field_errors(response, "lead_image_alt"))
    assert not Article.objects.exists()


@pytest.mark.parametrize(
    ("content", "name", "error"),
    [
        (b"GIF89a and then nothing", "dusk.jpg", "Upload a valid image"),
        (b"just some text", "notes.jpg", "Upload a valid image"),
        (photo(image_format="GIF"), "dusk.gif", "upload a JPEG, PNG or WebP"),
        (photo(width=800, height=600), "small.jpg", "at least 1200 pixels wide and 675 high"),
        (photo()[:5000], "cut-short.jpg", "not an image that could be read"),
    ],
    ids=["broken", "text", "gif", "too-small", "cut-short"],
)
def test_the_form_refuses_a_file_that_is_not_a_usable_image(
    editor_client, section, content, name, error
):
    response = post_article(
        editor_client, section=section, lead_image=upload(content, name), lead_image_alt="A hill"
    )

    assert response.status_code == 200
    assert error in " ".join(field_errors(response, "lead_image"))
    assert not Article.objects.exists()


def test_the_form_refuses_an_image_over_the_byte_or_pixel_limit(editor_client, section, settings):
    settings.IMAGE_UPLOAD_MAX_BYTES = 20_000
    too_large = post_article(
        editor_client, section=section, lead_image=upload(), lead_image_alt="A hill"
    )
    settings.IMAGE_UPLOAD_MAX_BYTES = 10_000_000
    settings.IMAGE_UPLOAD_MAX_PIXELS = 1_000_000
    too_many_pixels = post_article(
        editor_client, section=section, lead_image=upload(), lead_image_alt="A hill"
    )

    assert "an image may be 19.5\xa0KB at most" in " ".join(field_errors(too_large, "lead_image"))
    assert "more than 1 million pixels" in " ".join(field_errors(too_many_pixels, "lead_image"))
    assert not Article.objects.exists()


def test_an_uploaded_photo_loses_its_exif_and_is_turned_upright(editor_client, section, settings):
    exif = Image.Exif()
    exif[0x010F] = "Camera maker"  # Make
    exif[0x8825] = {2: (51.0, 30.0, 0.0)}  # GPS: a latitude
    exif[0x0112] = 6  # Orientation: turn 90° clockwise to show it upright
    sideways = photo(width=900, height=1600, exif=exif)

    post_article(editor_client, section=section, lead_image=upload(sideways), lead_image_alt="Hill")

    with Image.open(settings.MEDIA_ROOT / Article.objects.get().lead_image.name) as stored:
        assert stored.size == (1600, 900)
        assert dict(stored.getexif()) == {}
    for rendition in rendition_files(settings):
        with Image.open(rendition) as image:
            assert dict(image.getexif()) == {}, rendition


def test_renditions_are_made_once_when_the_image_is_saved_and_not_again(
    with_lead_image, article, client, settings
):
    with_lead_image(article)
    made = {path: path.stat().st_mtime_ns for path in rendition_files(settings)}

    article.headline = "A new headline"
    article.save()
    client.get(article.get_absolute_url())
    client.get(reverse("front_page"))

    formats = {path.suffix for path in made}
    assert formats == {".avif", ".webp", ".jpg"}
    # The lead image in 3 widths and the card crop in 2, each in 3 formats; 3 sharing crops.
    assert len(made) == 3 * 3 + 2 * 3 + 3
    assert {path: path.stat().st_mtime_ns for path in rendition_files(settings)} == made


def test_the_article_page_shows_the_image_with_srcset_sizes_caption_and_credit(
    with_lead_image, article, client
):
    with_lead_image(article, lead_image_caption="Dusk.", lead_image_credit="Photo: Jane Doe")

    page = client.get(article.get_absolute_url()).content.decode()

    figure = re.search(r'<figure class="lead-image">(.*?)</figure>', page, re.S)[1]
    img = re.search(r"<img [^>]*>", figure)[0]
    assert 'width="1200" height="675"' in img
    assert 'alt="The sun sets over a green hill"' in img
    assert re.search(r'srcset="/media/renditions/\S+\.jpg 400w, \S+ 800w, \S+ 1200w"', img)
    assert 'sizes="' in img
    # The first image a reader sees is fetched at once.
    assert 'loading="lazy"' not in img
    assert 'fetchpriority="high"' in img
    assert '<source type="image/avif" srcset="' in figure
    assert '<source type="image/webp" srcset="' in figure
    assert "Dusk." in figure
    assert '<span class="image-credit">Photo: Jane Doe</span>' in figure


def test_cards_show_a_lazy_small_crop_but_the_front_pages_lead_story_loads_at_once(
    with_lead_image, make_article, client
):
    lead = with_lead_image(make_article(headline="Lead story"))
    other = with_lead_image(make_article(headline="Other story"))

    front = client.get(reverse("front_page")).content.decode()
    section = client.get(other.section.get_absolute_url()).content.decode()

    cards = re.findall(r'<article class="card.*?</article>', front, re.S)
    assert "Lead story" in cards[0]
    assert 'fetchpriority="high"' in cards[0]
    assert 'loading="lazy"' not in cards[0]
    assert 'loading="lazy"' in cards[1]
    assert 'width="800" height="533"' in cards[1]
    assert section.count('loading="lazy"') == 2
    assert lead.headline in section


def test_sharing_and_search_get_a_1200_pixel_image_in_three_shapes(
    with_lead_image, article, client, settings
):
    with_lead_image(article)

    head = head_of(client, article)

    og_image = head.meta["og:image"]
    assert head.meta["twitter:card"] == "summary_large_image"
    assert (head.meta["og:image:width"], head.meta["og:image:height"]) == ("1200", "675")
    assert head.meta["og:image:alt"] == "The sun sets over a green hill"
    data = head.json_ld[0]
    assert data["image"][0] == og_image
    shapes = []
    for url in data["image"]:
        assert url.startswith("http://testserver/media/renditions/")
        with Image.open(
            settings.MEDIA_ROOT / url.removeprefix("http://testserver/media/")
        ) as image:
            shapes.append(image.size)
    assert shapes == [(1200, 675), (1200, 900), (1200, 1200)]


def test_an_article_without_an_image_has_a_small_preview_and_no_image_anywhere(client, article):
    page = client.get(article.get_absolute_url()).content.decode()

    assert '<meta name="twitter:card" content="summary">' in page
    assert "og:image" not in page
    assert "<picture>" not in page
    assert '"image"' not in page


def test_an_image_of_another_format_keeps_it_for_the_original_renditions(
    editor_client, section, settings
):
    post_article(
        editor_client,
        section=section,
        lead_image=upload(photo(image_format="PNG"), "chart.png"),
        lead_image_alt="A chart",
    )

    article = Article.objects.get()
    assert article.lead_image.name.endswith(".png")
    assert {path.suffix for path in rendition_files(settings)} == {".avif", ".webp", ".png"}


def test_the_images_address_follows_media_url(with_lead_image, article, client, settings):
    settings.MEDIA_URL = "https://images.example.com/"

    with_lead_image(article)

    page = client.get(article.get_absolute_url()).content.decode()
    assert 'srcset="https://images.example.com/renditions/' in page


def test_a_picture_is_written_anew_in_its_format(settings, db):
    out = BytesIO()
    Image.new("RGB", (1300, 700), "white").save(out, "WEBP")

    from articles.images import clean_upload

    cleaned = clean_upload(upload(out.getvalue(), "Über Photo!.webp"), min_width=1, min_height=1)

    assert cleaned.name == "uber-photo.webp"
    with Image.open(cleaned) as image:
        assert image.format == "WEBP"


def test_stored_images_can_be_read_by_the_web_server_whatever_the_services_umask(
    with_lead_image, article, settings
):
    service_umask = os.umask(0o027)  # deploy/systemd/newsroom.service's
    try:
        with_lead_image(article)
    finally:
        os.umask(service_umask)

    stored = [settings.MEDIA_ROOT, *settings.MEDIA_ROOT.rglob("*")]
    assert len(stored) > 20
    for path in stored:
        assert path.stat().st_mode & 0o777 == (0o755 if path.is_dir() else 0o644), path
