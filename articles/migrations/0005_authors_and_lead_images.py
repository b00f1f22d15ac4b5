"""Authors and bylines, lead images, and reading times counted from the body.

Reading times already stored were typed by an editor or given by a seed: they stay as they are.
Editors get the permissions on the new models (authors, bylines), as 0004 gave them the rest.
"""

import importlib

import django.db.models.deletion
from django.db import migrations, models

# The staff groups are made as the Editors migration makes them (migration code, not live code).
editors_group = importlib.import_module("articles.migrations.0004_editors_group")
make_group = editors_group.make_group


def keep_reading_times(apps, schema_editor):
    Article = apps.get_model("articles", "Article")
    Article.objects.using(schema_editor.connection.alias).update(reading_minutes_fixed=True)


def give_editors_the_new_permissions(apps, schema_editor):
    make_group(apps, schema_editor, "Editors", {"articles": None})


class Migration(migrations.Migration):
    dependencies = [
        ("articles", "0004_editors_group"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [
        migrations.CreateModel(
            name="Author",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("name", models.CharField(help_text="As the byline shows it.", max_length=100)),
                (
                    "slug",
                    models.SlugField(
                        help_text="The author's address: /authors/slug/. Lowercase letters, digits and hyphens.",
                        max_length=100,
                        unique=True,
                    ),
                ),
                (
                    "bio",
                    models.TextField(
                        blank=True, help_text="A sentence or two about them, shown on their page."
                    ),
                ),
                (
                    "photo",
                    models.ImageField(
                        blank=True,
                        help_text="Optional: a head-and-shoulders picture, at least 160 × 160 pixels.",
                        upload_to="authors/",
                    ),
                ),
            ],
            options={
                "ordering": ["name", "id"],
            },
        ),
        migrations.AddField(
            model_name="article",
            name="lead_image",
            field=models.ImageField(
                blank=True,
                height_field="lead_image_height",
                help_text="Optional: a JPEG, PNG or WebP picture at least 1200 × 675 pixels, shown at the top of the article, on its card in listings and when it is shared.",
                upload_to="articles/%Y/%m/",
                width_field="lead_image_width",
            ),
        ),
        migrations.AddField(
            model_name="article",
            name="lead_image_alt",
            field=models.CharField(
                blank=True,
                help_text="Required with an image: what it shows, for readers who cannot see it, e.g. “Firefighters carry hoses past a burnt-out bus”.",
                max_length=300,
                verbose_name="alt text",
            ),
        ),
        migrations.AddField(
            model_name="article",
            name="lead_image_caption",
            field=models.CharField(
                blank=True,
                help_text="Optional: shown under the image.",
                max_length=300,
                verbose_name="caption",
            ),
        ),
        migrations.AddField(
            model_name="article",
            name="lead_image_credit",
            field=models.CharField(
                blank=True,
                help_text="Optional: who made it, e.g. “Photo: Jane Doe / Newsroom”.",
                max_length=200,
                verbose_name="credit",
            ),
        ),
        migrations.AddField(
            model_name="article",
            name="lead_image_height",
            field=models.PositiveIntegerField(editable=False, null=True),
        ),
        migrations.AddField(
            model_name="article",
            name="lead_image_width",
            field=models.PositiveIntegerField(editable=False, null=True),
        ),
        migrations.AddField(
            model_name="article",
            name="reading_minutes_fixed",
            field=models.BooleanField(
                default=False,
                editable=False,
                help_text="Typed by an editor or given by the seed, so not counted from the body.",
            ),
        ),
        migrations.AlterField(
            model_name="article",
            name="reading_minutes",
            field=models.PositiveSmallIntegerField(
                default=1,
                help_text="Leave empty to have it counted from the body, at 230 words a minute.",
                verbose_name="reading time (minutes)",
            ),
        ),
        migrations.CreateModel(
            name="Byline",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                (
                    "position",
                    models.PositiveSmallIntegerField(
                        default=0,
                        help_text="Lower comes first; equal numbers keep the order added.",
                        verbose_name="order",
                    ),
                ),
                (
                    "article",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="bylines",
                        to="articles.article",
                    ),
                ),
                (
                    "author",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="bylines",
                        to="articles.author",
                    ),
                ),
            ],
            options={
                "verbose_name": "author in the byline",
                "verbose_name_plural": "byline",
                "ordering": ["position", "id"],
            },
        ),
        migrations.AddField(
            model_name="article",
            name="authors",
            field=models.ManyToManyField(
                blank=True, related_name="articles", through="articles.Byline", to="articles.author"
            ),
        ),
        migrations.AddConstraint(
            model_name="byline",
            constraint=models.UniqueConstraint(
                fields=("article", "author"), name="byline_unique_author"
            ),
        ),
        migrations.RunPython(keep_reading_times, migrations.RunPython.noop),
        migrations.RunPython(give_editors_the_new_permissions, migrations.RunPython.noop),
    ]
