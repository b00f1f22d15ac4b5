"""The site's name comes from one setting (SITE_NAME): titles, feeds, structured data, the admin
and the error pages all show it."""

import pytest
from django.test import Client
from django.urls import reverse

pytestmark = pytest.mark.django_db


@pytest.fixture
def renamed(settings):
    settings.SITE_NAME = "The Daily Test"


def test_pages_feeds_and_structured_data_name_the_site_from_its_setting(renamed, article):
    pages = [
        Client().get(url).content.decode()
        for url in (
            reverse("front_page"),
            article.get_absolute_url(),
            reverse("latest_feed"),
            "/no-such-page/",
        )
    ]

    assert all("The Daily Test" in page for page in pages)
    assert not any("Newsroom" in page for page in pages)
    assert '"name": "The Daily Test"' in pages[1]


def test_the_admin_names_the_site(admin_client):
    html = admin_client.get(reverse("admin:index")).content.decode()

    assert "Newsroom" in html
