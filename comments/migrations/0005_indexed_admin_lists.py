"""Indexes for the admin's comment list at millions of comments.

On both databases, (created_at, id): the list's order, newest first. On PostgreSQL only, for
the list's search (`comments.admin.CommentAdmin.get_search_results`): trigram indexes on the
name and the email (pg_trgm), which serve a search for any part of them, and a full-text index
on the text (`comments.admin.text_document`, a copy frozen here: change that, and add a
migration that replaces this index). Like migration articles 0003's, they are in no model's
state: SQLite, which has neither, would try to create them whenever it rebuilds the table.
"""

from django.contrib.postgres.indexes import GinIndex
from django.contrib.postgres.operations import TrigramExtension
from django.contrib.postgres.search import SearchVector
from django.db import migrations, models

# `icontains` compares UPPER(field::text) on PostgreSQL: the trigram indexes hold that.
TRIGRAM_INDEXES = {
    "comment_name_trigram": "name",
    "comment_email_trigram": "email",
}
TEXT_INDEX = GinIndex(SearchVector("body", config="simple"), name="comment_text_search")


class PostgreSQLOnly(TrigramExtension):
    """pg_trgm, created on PostgreSQL and nowhere else."""

    def database_forwards(self, app_label, schema_editor, from_state, to_state):
        if schema_editor.connection.vendor == "postgresql":
            super().database_forwards(app_label, schema_editor, from_state, to_state)

    def database_backwards(self, app_label, schema_editor, from_state, to_state):
        """Left in place: another app may use it."""


def create_indexes(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        for name, column in TRIGRAM_INDEXES.items():
            schema_editor.execute(
                f"CREATE INDEX {name} ON comments_comment USING gin "
                f"(upper({column}::text) gin_trgm_ops)"
            )
        schema_editor.add_index(apps.get_model("comments", "Comment"), TEXT_INDEX)


def drop_indexes(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        for name in TRIGRAM_INDEXES:
            schema_editor.execute(f"DROP INDEX {name}")
        schema_editor.remove_index(apps.get_model("comments", "Comment"), TEXT_INDEX)


class Migration(migrations.Migration):
    dependencies = [("comments", "0004_reply_subscriptions")]

    operations = [
        PostgreSQLOnly(),
        migrations.RunPython(create_indexes, drop_indexes),
        migrations.AddIndex(
            model_name="comment",
            # The admin's comment list: every comment, newest first.
            index=models.Index(fields=["-created_at", "-id"], name="comment_created"),
        ),
    ]
