"""Articles out, as seed files: what the importer reads, written back, for backups and moves.

Only public articles are written. The format carries neither a status nor a time of day, and
the importer publishes what it reads from the start of the seed's date, so a draft or a
scheduled article written out would go public when read back in. Corrections, comment policies
and the time of day stay behind too.
"""

from dataclasses import dataclass, field, fields
from pathlib import Path

from articles import markup
from articles.models import Article, Section
from articles.seeds import Seed, SeedError, format_seed, parse_original_path, parse_seed

# Articles loaded per query: bodies can be long, so an export streams them.
CHUNK_SIZE = 500


@dataclass
class ExportReport:
    """How many files were written, and the few that need a word: differing and refused."""

    written: int = 0
    # Written, but importing the file would not give the same article, and why.
    differing: list[tuple[Path, str]] = field(default_factory=list)
    # Not written: the format cannot carry the article at all.
    refused: list[tuple[Article, str]] = field(default_factory=list)
    not_public: int = 0

    def summary(self):
        return (
            f"{self.written} written ({len(self.differing)} of them read back differently), "
            f"{len(self.refused)} refused, {self.not_public} drafts and scheduled articles left out"
        )


def seed_for(article: Article) -> Seed:
    """The seed that imports as this article. Costs a query unless the section is loaded.

    An article written in the admin has no old path; it gets `<Section>/<yyyy-mm-dd>-<slug>`,
    which becomes its identity when imported. Raise SeedError if that is not a path.
    """
    published = article.published_on
    path = article.original_path or f"{article.section.name}/{published.isoformat()}-{article.slug}"
    original_path, section, slug = parse_original_path(path)
    return Seed(
        headline=article.headline,
        original_path=original_path,
        section=section,
        slug=slug,
        label=article.label,
        published=published,
        reading_minutes=article.reading_minutes,
        deck=article.deck,
        dateline=article.dateline,
        body=tuple(markup.blocks(article.body)),
        source_domain=article.source_domain,
        credit=article.credit,
    )


def export_articles(directory: Path, written=None) -> ExportReport:
    """Write each public article to `<directory>/<section-slug>/<yyyy-mm-dd>-<slug>.txt`,
    passing each path to `written` (a callable) if given; the report only counts them.

    The names are stable, so exporting again overwrites the same files. Raise OSError if the
    folder cannot be written.
    """
    report = ExportReport(not_public=Article.objects.count() - Article.objects.published().count())
    articles = Article.objects.published().select_related("section").order_by("pk")
    for article in articles.iterator(chunk_size=CHUNK_SIZE):
        try:
            seed = seed_for(article)
            text = format_seed(seed)
            differences = _differences(article, seed, parse_seed(text.encode()))
        except SeedError as error:
            report.refused.append((article, str(error)))
            continue
        path = directory / article.section.slug / f"{article.published_on}-{article.slug}.txt"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
        report.written += 1
        if written:
            written(path)
        if differences:
            report.differing.append((path, differences))
    return report


def _differences(article: Article, seed: Seed, read_back: Seed) -> str:
    """What importing the file would change, in words; empty if nothing."""
    changed = [
        part.name
        for part in fields(Seed)
        if getattr(seed, part.name) != getattr(read_back, part.name)
    ]
    if Section.slug_for(seed.section) != article.section.slug:
        changed.append(f"section (its old path puts it in {seed.section})")
    return f"would read back with a different {', '.join(changed)}" if changed else ""
