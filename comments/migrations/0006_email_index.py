"""An index for the admin's search by a whole email address, which the trigram index served
slowly: every address shares the trigrams of its domain."""

import django.db.models.functions.text
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [("comments", "0005_indexed_admin_lists")]

    operations = [
        migrations.AddIndex(
            model_name="comment",
            index=models.Index(
                django.db.models.functions.text.Upper("email"), name="comment_email_exact"
            ),
        ),
    ]
