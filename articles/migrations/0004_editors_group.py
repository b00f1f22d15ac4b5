"""The Editors group: every permission on sections, articles and their corrections, and no more.

Editors write, schedule, correct and import articles. They need no other app's permissions
(moderating comments is the Moderators' group's). Members also need "staff status" to log in
to the admin. A model added to this app later needs a migration to give Editors its permissions.
"""

from django.apps import apps as global_apps
from django.contrib.auth.management import create_permissions
from django.db import migrations

GROUP = "Editors"


# Staff groups' making, for this and later migrations (Moderators in comments, Editors' new
# permissions): kept here, with the migrations, so that no change to live code changes them.
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


def create_group(apps, schema_editor):
    make_group(apps, schema_editor, GROUP, {"articles": None})


def remove_group(apps, schema_editor):
    delete_group(apps, GROUP)


class Migration(migrations.Migration):
    dependencies = [
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("articles", "0003_search_index"),
    ]

    operations = [migrations.RunPython(create_group, remove_group)]
