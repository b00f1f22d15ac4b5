"""The listings' indexes in the listings' own order, the id last: a page deep in a section no
longer reads the whole front page's index, nor sorts what it found."""

from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("articles", "0007_seed_checksum_versions"),
    ]

    operations = [
        migrations.RemoveIndex(
            model_name="article",
            name="article_status_published",
        ),
        migrations.RemoveIndex(
            model_name="article",
            name="article_section_published",
        ),
        migrations.AddIndex(
            model_name="article",
            index=models.Index(
                fields=["status", "-published_at", "-id"], name="article_status_published"
            ),
        ),
        migrations.AddIndex(
            model_name="article",
            index=models.Index(
                fields=["section", "status", "-published_at", "-id"],
                name="article_section_published",
            ),
        ),
    ]
