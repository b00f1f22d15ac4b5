"""Fixtures for the articles tests: people with the site's roles."""

import pytest
from django.contrib.auth.models import Permission


@pytest.fixture
def editor(django_user_model, group):
    """A member of the Editors group (created by a migration), with staff status."""
    user = django_user_model.objects.create_user("editor", is_staff=True)
    user.groups.add(group("Editors"))
    return user


@pytest.fixture
def editor_client(client, editor):
    client.force_login(editor)
    return client


@pytest.fixture
def viewer_client(client, django_user_model):
    """Logged in as staff who may only view articles, as moderators may."""
    user = django_user_model.objects.create_user("viewer", is_staff=True)
    user.user_permissions.add(
        Permission.objects.get(content_type__app_label="articles", codename="view_article")
    )
    client.force_login(user)
    return client
