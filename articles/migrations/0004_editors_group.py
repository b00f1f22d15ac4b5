"""The Editors group: every permission on sections, articles and their corrections, and no more.

Editors write, schedule, correct and import articles. They need no other app's permissions
(moderating comments is the Moderators' group's). Members also need "staff status" to log in
to the admin. A model added to this app later needs a migration to give Editors its permissions.
"""

from django.apps import apps as global_apps
from django.contrib.auth.management import create_permissions
from django.db import migrations

GROUP = "Editors"


def create_group(apps, schema_editor):
    database = schema_editor.connection.alias
    # Permissions are normally created after all migrations ran; this one needs them now.
    create_permissions(
        global_apps.get_app_config("articles"), apps=apps, using=database, verbosity=0
    )
    Permission = apps.get_model("auth", "Permission")
    group, _ = apps.get_model("auth", "Group").objects.using(database).get_or_create(name=GROUP)
    group.permissions.add(
        *Permission.objects.using(database).filter(content_type__app_label="articles")
    )


def delete_group(apps, schema_editor):
    apps.get_model("auth", "Group").objects.filter(name=GROUP).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("articles", "0003_search_index"),
    ]

    operations = [migrations.RunPython(create_group, delete_group)]
