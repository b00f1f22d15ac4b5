"""Fixtures shared by the whole suite."""

import importlib
import itertools
from datetime import timedelta
from io import BytesIO
from pathlib import Path
from types import SimpleNamespace

import pytest
from django.apps import apps
from django.contrib.auth.models import Group
from django.core.cache import cache
from django.core.files.base import ContentFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from django.utils.text import slugify
from PIL import Image, ImageDraw

from articles.models import Article, Author, Byline, Section
from comments.models import Comment
from tests.services import RedisServer

_numbers = itertools.count(1)
E2E = Path(__file__).parent / "e2e"
GROUP_MIGRATIONS = {
    "Editors": "articles.migrations.0004_editors_group",
    "Moderators": "comments.migrations.0002_moderators_group",
}


def pytest_collection_modifyitems(config, items):
    """Marks what `make test-fast` leaves out: `browser` on the journeys in Chromium, `services`
    on tests that start a Redis of their own.

    Tests marked `postgresql` test PostgreSQL's own features: the SQLite run leaves them out
    (reported as deselected); `.ci/run` runs the suite on both databases."""
    for item in items:
        if E2E in item.path.parents:
            item.add_marker("browser")
        if "redis_server" in item.fixturenames:
            item.add_marker("services")
    if connection.vendor == "postgresql":
        return
    left_out = [item for item in items if item.get_closest_marker("postgresql")]
    if left_out:
        config.hook.pytest_deselected(items=left_out)
        items[:] = [item for item in items if not item.get_closest_marker("postgresql")]


@pytest.fixture(scope="session")
def redis_server():
    """A Redis server of this run's own, so that two runs on one machine never share a database."""
    with RedisServer() as server:
        yield server


@pytest.fixture(autouse=True)
def _clear_cache():
    """Pages, rate limits and login failures live in the cache: each test starts with none."""
    cache.clear()
    yield
    cache.clear()


@pytest.fixture(autouse=True)
def _media_root(settings, tmp_path):
    """Uploads and their renditions go to the test's own folder, never into the project."""
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture
def group(db):
    """`group("Moderators")`: the group as its migration makes it. Each transactional test (the
    browser's) empties every table after it, those rows too, so the migration makes it again."""

    def get(name):
        migration = importlib.import_module(GROUP_MIGRATIONS[name])
        migration.create_group(apps, SimpleNamespace(connection=connection))
        return Group.objects.get(name=name)

    return get


@pytest.fixture
def make_section(db):
    def make(name=None, **fields):
        name = name or f"Section {next(_numbers)}"
        return Section.objects.create(name=name, slug=Section.slug_for(name), **fields)

    return make


@pytest.fixture
def section(make_section):
    return make_section("News")


@pytest.fixture
def make_article(section):
    """Make a published article; pass fields to override. Each call is a day older than the last."""

    def make(**fields):
        n = next(_numbers)
        defaults = {
            "section": section,
            "headline": f"Headline number {n}",
            "slug": f"headline-number-{n}",
            "body": f"Paragraph one of article {n}.\n\n## A subheading\n\nThe second paragraph.",
            "status": Article.Status.PUBLISHED,
            "published_at": timezone.now() - timedelta(days=n),
        }
        return Article.objects.create(**defaults | fields)

    return make


@pytest.fixture
def article(make_article):
    return make_article()


def queries_of(client, url, data=None):
    """How many SQL queries `client` makes for a GET of `url` (with query `data`)."""
    with CaptureQueriesContext(connection) as queries:
        client.get(url, data)
    return len(queries)


def photo(width=1600, height=900, image_format="JPEG", **save_options) -> bytes:
    """A picture as a camera would give it, in `image_format`: a dusk sky over a hill, with
    a sun (what a reader sees in the screenshots)."""
    image = Image.new("RGB", (width, height))
    draw = ImageDraw.Draw(image)
    for y in range(height):
        shade = y / height
        draw.line([(0, y), (width, y)], fill=(int(40 + 200 * shade), int(70 + 90 * shade), 150))
    draw.ellipse(
        [width * 0.6, height * 0.35, width * 0.72, height * 0.35 + width * 0.12], "#ffd27f"
    )
    draw.polygon(
        [
            (0, height),
            (0, height * 0.7),
            (width * 0.5, height * 0.62),
            (width, height * 0.8),
            (width, height),
        ],
        "#2d4a2b",
    )
    out = BytesIO()
    image.save(out, format=image_format, **save_options)
    return out.getvalue()


@pytest.fixture
def with_lead_image():
    """`with_lead_image(article)`: give it a lead image (saved, so its renditions are made)."""

    def give(article, **fields):
        article.lead_image = ContentFile(photo(), name="dusk.jpg")
        article.lead_image_alt = fields.pop("alt", "The sun sets over a green hill")
        for name, value in fields.items():
            setattr(article, name, value)
        article.save()
        return article

    return give


@pytest.fixture
def make_author(db):
    """`make_author("Ada Lovelace", *articles)`: an author, in the byline of these articles
    after any authors they have."""

    def make(name, *articles, **fields):
        author = Author.objects.create(name=name, slug=slugify(name), **fields)
        for article in articles:
            Byline.objects.create(article=article, author=author, position=article.bylines.count())
        return author

    return make


@pytest.fixture
def make_comment(article):
    """Make a published comment on `article`; pass fields to override (e.g. created_at)."""

    def make(**fields):
        n = next(_numbers)
        defaults = {
            "article": article,
            "name": f"Reader {n}",
            "email": f"reader{n}@example.com",
            "body": f"Comment number {n}.",
            "status": Comment.Status.PUBLISHED,
            "ip_address": "192.0.2.1",
        }
        return Comment.objects.create(**defaults | fields)

    return make
