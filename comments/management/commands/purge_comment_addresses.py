"""Erase commenters' addresses once they are older than COMMENTS_ADDRESS_RETENTION_DAYS.

Addresses are kept only for abuse handling. Run it daily, e.g. from cron:
    15 3 * * *  cd /srv/newsroom && .venv/bin/python manage.py purge_comment_addresses -v 0
"""

from datetime import timedelta

from django.conf import settings
from django.core.management.base import BaseCommand
from django.db import transaction
from django.utils import timezone

from comments.models import Comment, Report


class Command(BaseCommand):
    help = (
        "Erase the addresses of comments older than COMMENTS_ADDRESS_RETENTION_DAYS, and the "
        "reports of the same age (they hold a hash of the reader's address)."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--dry-run", action="store_true", help="Count what would be erased; change nothing."
        )

    def handle(self, *, dry_run, verbosity, **options):
        days = settings.COMMENTS_ADDRESS_RETENTION_DAYS
        before = timezone.now() - timedelta(days=days)
        comments = Comment.objects.with_expired_addresses(before)
        reports = Report.objects.filter(created_at__lt=before)
        if dry_run:
            counts = comments.count(), reports.count()
        else:
            with transaction.atomic():
                counts = comments.update(ip_address=None), reports.delete()[0]
        if verbosity:
            verb = "Would erase" if dry_run else "Erased"
            self.stdout.write(
                self.style.SUCCESS(
                    f"{verb} the addresses of {counts[0]} comment(s) and {counts[1]} report(s) "
                    f"older than {days} days."
                )
            )
