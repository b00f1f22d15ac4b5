from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from articles.exporter import export_articles


class Command(BaseCommand):
    help = (
        "Write every public article to DIR as a seed file (DIR/<section>/<date>-<slug>.txt), "
        "so that import_seeds DIR gives the same articles. Drafts and scheduled articles are "
        "left out: the format has no status, and importing would publish them."
    )

    def add_arguments(self, parser):
        parser.add_argument("directory", metavar="DIR", help="The folder to write to.")

    def handle(self, *args, directory, verbosity, **options):
        try:
            report = export_articles(
                Path(directory), written=self.list_file if verbosity >= 2 else None
            )
        except OSError as error:
            raise CommandError(f"Cannot write to {directory}: {error.strerror}.") from error

        for path, reason in report.differing:
            self.stderr.write(self.style.WARNING(f"differs   {path}: {reason}"))
        for article, reason in report.refused:
            self.stderr.write(f"refused   article {article.pk} “{article}”: {reason}")
        if verbosity >= 1:
            style = self.style.WARNING if report.refused or report.differing else self.style.SUCCESS
            self.stdout.write(style(report.summary()))
        if report.refused:
            raise CommandError(f"{len(report.refused)} articles could not be written as seeds.")

    def list_file(self, path):
        self.stdout.write(f"written   {path}")
