"""The Editors group, as the migration creates it."""

import pytest
from django.contrib.auth.models import Permission
from django.urls import reverse

pytestmark = pytest.mark.django_db


def test_editors_have_every_articles_permission_and_no_other(group):
    editors = group("Editors")

    assert set(editors.permissions.all()) == set(
        Permission.objects.filter(content_type__app_label="articles")
    )
    assert {p.codename for p in editors.permissions.all()} >= {
        f"{action}_{model}"
        for action in ("add", "change", "delete", "view")
        for model in ("article", "section", "correction", "author", "byline")
    }


def test_an_editor_cannot_moderate_comments(editor):
    assert not editor.has_module_perms("comments")


def test_an_editor_works_on_articles_and_sections_in_the_admin(editor_client):
    for name in [
        "articles_article_add",
        "articles_section_add",
        "articles_article_changelist",
        "articles_author_add",
    ]:
        assert editor_client.get(reverse(f"admin:{name}")).status_code == 200
