"""The Moderators group: what moderators need in the admin, and no more.

Its members work the moderation queue, keep the word list, see articles (with their
comments) and get the email when a comment is held (see comments.notifications).
"""

import importlib

from django.db import migrations

# The staff groups are made as the Editors migration makes them (migration code, not live code).
editors_group = importlib.import_module("articles.migrations.0004_editors_group")
make_group = editors_group.make_group
delete_group = editors_group.delete_group

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
    make_group(apps, schema_editor, GROUP, PERMISSIONS)


def remove_group(apps, schema_editor):
    delete_group(apps, GROUP)


class Migration(migrations.Migration):
    dependencies = [
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("comments", "0001_initial"),
    ]

    operations = [migrations.RunPython(create_group, remove_group)]
