"""The search document kept in the article's row rather than out of line.

A search for a word without another (`defense -openai`) cannot use the GIN index to find the
newest matches: it reads the newest articles' documents one by one until it has ranked enough,
a few thousand of them on a large archive. A document of a few KB went to the TOAST table, and
each read cost lookups there (16 ms for 3,000 documents at 100,000 articles, 5 ms in the row).
STORAGE MAIN keeps it in the row, compressed, unless the row could not fit a page otherwise;
the article's text columns still go out of line first. The documents already stored move in
when their rows are rewritten, once, here. PostgreSQL only (migration 0006's column).
"""

from django.db import migrations

IN_ROW = """
ALTER TABLE articles_article ALTER COLUMN search_document SET STORAGE MAIN;
UPDATE articles_article SET headline = headline;
"""
OUT_OF_LINE = "ALTER TABLE articles_article ALTER COLUMN search_document SET STORAGE EXTENDED"


def keep_in_row(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(IN_ROW)


def keep_out_of_line(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(OUT_OF_LINE)


class Migration(migrations.Migration):
    dependencies = [("articles", "0008_listing_indexes_in_listing_order")]

    operations = [migrations.RunPython(keep_in_row, keep_out_of_line)]
