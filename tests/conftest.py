"""Fixtures shared by the whole suite."""

import itertools
from datetime import timedelta

import pytest
from django.utils import timezone

from articles.models import Article, Section

_numbers = itertools.count(1)


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
