"""The GIN index behind article search, on PostgreSQL only.

It indexes the weighted document that `articles.search.document()` builds (headline A, deck B,
body C). PostgreSQL uses an expression index only for a query that computes the very same
expression, so this is a copy frozen as of this migration; a test in tests/articles/test_search.py
checks that the search still uses it. Change the document, and add a migration that replaces
this index.

The index is not in the models' state: migration state cannot hold an index that only one
database has, and SQLite, which searches without it, would try to create it whenever it
rebuilds the table.
"""

from django.contrib.postgres.indexes import GinIndex
from django.contrib.postgres.search import SearchVector
from django.db import migrations

CONFIG = "english"
INDEX = GinIndex(
    SearchVector("headline", weight="A", config=CONFIG)
    + SearchVector("deck", weight="B", config=CONFIG)
    + SearchVector("body", weight="C", config=CONFIG),
    name="article_search",
)


def create_index(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.add_index(apps.get_model("articles", "Article"), INDEX)


def drop_index(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.remove_index(apps.get_model("articles", "Article"), INDEX)


class Migration(migrations.Migration):
    dependencies = [("articles", "0002_correction")]

    operations = [migrations.RunPython(create_index, drop_index)]
