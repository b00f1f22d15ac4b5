"""Staff groups made by migrations (Editors in articles, Moderators in comments)."""

from django.apps import apps as global_apps
from django.contrib.auth.management import create_permissions


def make_group(apps, schema_editor, name, permissions):
    """Create the group `name` with `permissions`, {app label: codenames, or None for all of
    that app's}. For a migration's RunPython: `apps` is the migration's state."""
    database = schema_editor.connection.alias
    # Permissions are normally created after all migrations ran; the group needs them now.
    for label in permissions:
        create_permissions(
            global_apps.get_app_config(label), apps=apps, using=database, verbosity=0
        )
    Permission = apps.get_model("auth", "Permission").objects.using(database)
    group, _ = apps.get_model("auth", "Group").objects.using(database).get_or_create(name=name)
    for label, codenames in permissions.items():
        chosen = Permission.filter(content_type__app_label=label)
        group.permissions.add(
            *(chosen if codenames is None else chosen.filter(codename__in=codenames))
        )


def delete_group(apps, name):
    apps.get_model("auth", "Group").objects.filter(name=name).delete()
