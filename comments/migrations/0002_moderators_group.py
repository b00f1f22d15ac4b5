"""The Moderators group: what moderators need in the admin, and no more.

Its members work the moderation queue, keep the word list, see articles (with their
comments) and get the email when a comment is held (see comments.notifications).
"""

from django.apps import apps as global_apps
from django.contrib.auth.management import create_permissions
from django.db import migrations

GROUP = "Moderators"
PERMISSIONS = {
    "comments": [
        "view_comment",
        "change_comment",
        "delete_comment",
        "view_blockedword",
        "add_blockedword",
        "change_blockedword",
        "delete_blockedword",
    ],
    "articles": ["view_article", "view_section"],
}


def create_group(apps, schema_editor):
    database = schema_editor.connection.alias
    # Permissions are normally created after all migrations ran; this one needs them now.
    for label in PERMISSIONS:
        create_permissions(
            global_apps.get_app_config(label), apps=apps, using=database, verbosity=0
        )
    Permission = apps.get_model("auth", "Permission").objects.using(database)
    group, _ = apps.get_model("auth", "Group").objects.using(database).get_or_create(name=GROUP)
    for label, codenames in PERMISSIONS.items():
        group.permissions.add(
            *Permission.filter(content_type__app_label=label, codename__in=codenames)
        )


def delete_group(apps, schema_editor):
    apps.get_model("auth", "Group").objects.filter(name=GROUP).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("comments", "0001_initial"),
    ]

    operations = [migrations.RunPython(create_group, delete_group)]
