"""Send the moderators the digests their COMMENTS_DIGEST_MINUTES held back.

A comment held within a moderator's minutes after a digest is sent with the next held comment,
or by this command once the minutes have passed. Run it every few minutes, e.g. from cron:
    */5 * * * *  cd /srv/newsroom && .venv/bin/python manage.py send_moderation_digests -v 0
"""

from django.core.management.base import BaseCommand

from comments import notifications


class Command(BaseCommand):
    help = (
        "Email each moderator the digest of held comments that their COMMENTS_DIGEST_MINUTES "
        "held back, once those minutes have passed. Run it every few minutes."
    )

    def handle(self, *, verbosity, **options):
        sent = notifications.send_owed_digests()
        if verbosity:
            self.stdout.write(self.style.SUCCESS(f"Sent {sent} moderation digest(s)."))
