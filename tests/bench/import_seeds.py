"""Benchmark: generate N seed files and time `import_seeds` on them in a new database.

    python tests/bench/import_seeds.py --files 10000          # into SQLite, in a temporary folder
    python tests/bench/import_seeds.py --database-url URL     # into an empty PostgreSQL database

Prints the figures; it asserts nothing. The second run over the same files measures the
"nothing changed" path.
"""

import argparse
import os
import random
import sys
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path

PROJECT = Path(__file__).resolve().parents[2]
SAMPLE = PROJECT / "fixtures" / "seeds" / "000_3812eee97bdd6ea7.txt"
SECTIONS = ["News", "World", "Business", "Technology", "Science", "Opinion", "Sport", "Culture"]
LABELS = ["", "Breaking News", "Analysis", "Opinion", "Explainer", "Live"]


def sample_paragraphs():
    lines = SAMPLE.read_text(encoding="utf-8").split("\n\n")
    # The sample's body: after the deck, before the source block.
    return [p for p in lines[3:-4] if len(p) > 80]


def write_seeds(folder: Path, count: int, rng: random.Random, days=900, start=date(2024, 1, 1)):
    """`count` seed files in `folder`, published over `days` days from `start`."""
    paragraphs = sample_paragraphs()
    for n in range(count):
        day = start + timedelta(days=rng.randrange(days))
        section = rng.choice(SECTIONS)
        headline = f"Story {n}: {rng.choice(paragraphs)[:60].rstrip()}"
        slug = f"story-{n}-" + "-".join(headline.lower().split()[2:8])
        slug = "".join(c for c in slug if c.isalnum() or c == "-")[:80]
        body = "\n\n".join(rng.sample(paragraphs, k=rng.randint(3, len(paragraphs))))
        text = (
            f"{headline} — news\n{section}/{day.isoformat()}-{slug}\n"
            f"{rng.choice(LABELS)}{day:%b} {day.day}, {day.year}{rng.randint(1, 15)} min read\n\n"
            f"{headline} — news\n\nA Deck Line for Story {n}\n\n{body}\n\n"
            "Original Source\n\nexample.com\n\nComments\n\n"
            "No comments yet. Be the first to share your thoughts!"
        )
        (folder / f"{n:05d}.txt").write_text(text, encoding="utf-8")


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--files", type=int, default=10_000)
    parser.add_argument("--database-url", help="default: a new SQLite database")
    args = parser.parse_args()

    work = Path(tempfile.mkdtemp(prefix="newsroom-bench-"))
    os.environ["DATABASE_URL"] = args.database_url or f"sqlite:///{work / 'bench.sqlite3'}"
    os.environ.setdefault("DJANGO_SECRET_KEY", "benchmark-only")
    os.environ.setdefault("DJANGO_ALLOWED_HOSTS", "localhost")
    os.environ["DJANGO_SETTINGS_MODULE"] = "newsroom.settings"
    sys.path.insert(0, str(PROJECT))

    import django
    from django.core.management import call_command
    from django.db import connection

    django.setup()
    call_command("migrate", verbosity=0)
    seeds = work / "seeds"
    seeds.mkdir()
    write_seeds(seeds, args.files, random.Random(2026))  # fixed seed: the same files every run
    size = sum(p.stat().st_size for p in seeds.iterdir())

    from articles.importer import import_seeds
    from articles.models import Article

    print(f"{args.files} seed files, {size / 1e6:.1f} MB, into {connection.vendor}")
    for run in ("first import", "re-import, unchanged"):
        started = time.perf_counter()
        report = import_seeds([seeds])
        elapsed = time.perf_counter() - started
        rate = args.files / elapsed
        print(f"{run:<22} {elapsed:6.2f} s  {rate:8.0f} files/s  {report.summary()}")
    print(f"articles in the database: {Article.objects.count()}")


if __name__ == "__main__":
    main()
