"""Fixtures shared by the whole suite."""

import importlib
import itertools
from datetime import timedelta
from pathlib import Path
from types import SimpleNamespace

import pytest
from django.apps import apps
from django.contrib.auth.models import Group
from django.core.cache import cache
from django.db import connection
from django.utils import timezone

from articles.models import Article, Section
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
