"""The search document stored, and the admin's article list sorted by an index.

On PostgreSQL, a generated column `search_document` holds each article's weighted document
(headline A, deck B, body C, in English), computed when the row is written, with a GIN index
on it; `articles.search.StoredDocument` reads it. It replaces migration 0003's index on the
same expression, which spared the search a scan but not the parsing of every matching body
again to check, rank and count it. Like that index, the column is in no model's state (see
`StoredDocument`): a later change to the document means a migration that replaces it.

Both databases get an index on (published_at, id), the order of the admin's article list, and
one on the label, whose filter there lists the labels in use.
"""

import importlib

from django.db import migrations, models

ADD_DOCUMENT = """
ALTER TABLE articles_article ADD COLUMN search_document tsvector GENERATED ALWAYS AS (
    setweight(to_tsvector('english'::regconfig, headline), 'A')
    || setweight(to_tsvector('english'::regconfig, deck), 'B')
    || setweight(to_tsvector('english'::regconfig, body), 'C')
) STORED;
CREATE INDEX article_search_document ON articles_article USING gin (search_document);
DROP INDEX article_search;
"""


def add_document(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(ADD_DOCUMENT)


def remove_document(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute("ALTER TABLE articles_article DROP COLUMN search_document")
        importlib.import_module("articles.migrations.0003_search_index").create_index(
            apps, schema_editor
        )


class Migration(migrations.Migration):
    dependencies = [("articles", "0005_authors_and_lead_images")]

    operations = [
        migrations.RunPython(add_document, remove_document),
        migrations.AddIndex(
            model_name="article",
            # The admin's article list: every article, drafts too, newest first.
            index=models.Index(fields=["-published_at", "-id"], name="article_published"),
        ),
        migrations.AddIndex(
            model_name="article",
            # The admin's label filter: the labels in use, read from the index alone.
            index=models.Index(fields=["label"], name="article_label"),
        ),
    ]
