"""The Editors group: every permission on sections, articles and their corrections, and no more.

Editors write, schedule, correct and import articles. They need no other app's permissions
(moderating comments is the Moderators' group's). Members also need "staff status" to log in
to the admin. A model added to this app later needs a migration to give Editors its permissions.
"""

from django.db import migrations

from articles.groups import delete_group, make_group

GROUP = "Editors"


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
