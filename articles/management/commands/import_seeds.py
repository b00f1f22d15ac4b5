from django.core.management.base import BaseCommand, CommandError

from articles.importer import import_seeds

# Below this many files a progress bar is noise.
PROGRESS_MIN_FILES = 200
PROGRESS_WIDTH = 30


class Command(BaseCommand):
    help = (
        "Import seed files (article captures) and folders of them (*.txt, recursively). "
        "Each file is imported whole or not at all; re-importing an unchanged file changes nothing."
    )

    def add_arguments(self, parser):
        parser.add_argument("paths", nargs="+", metavar="PATH", help="A seed file or a folder.")
        parser.add_argument(
            "--dry-run", action="store_true", help="Report what would change; write nothing."
        )

    def handle(self, *args, paths, dry_run, verbosity, **options):
        report = import_seeds(
            paths,
            dry_run=dry_run,
            progress=self.progress_bar(),
            # Each file's line as it is dealt with: the report then keeps no list of them.
            listener=self.list_file if verbosity >= 2 else lambda outcome, path: None,
        )

        for path, reason in report.refused:
            self.stderr.write(f"refused   {path}: {reason}")
        if verbosity >= 1:
            prefix = "Dry run, nothing written: " if dry_run else ""
            style = self.style.WARNING if report.refused else self.style.SUCCESS
            self.stdout.write(style(prefix + report.summary()))
        if report.refused:
            raise CommandError(f"{len(report.refused)} of {report.total} files refused.")

    def list_file(self, outcome, path):
        self.stdout.write(f"{outcome:<9} {path}")

    def progress_bar(self):
        """A callback that draws a bar on a terminal for a large run, or None."""
        if not self.stderr.isatty():
            return None

        def draw(done, total):
            # Redraw at most once a percent: a terminal is slower than the importer.
            if total < PROGRESS_MIN_FILES or (done * 100 // total == (done - 1) * 100 // total):
                return
            filled = PROGRESS_WIDTH * done // total
            bar = "#" * filled + "-" * (PROGRESS_WIDTH - filled)
            self.stderr.write(f"\r[{bar}] {done}/{total}", ending="" if done < total else "\n")

        return draw
