"""Seed files in, articles out.

The files come from disk (`import_seeds`, the command) or from memory (`import_seed_files`
with `InMemorySeed`s, the admin's upload page); both take the same path from there. Each file
is all or nothing (a savepoint of its own); files are written in batches inside one transaction
each, which keeps a large import fast on SQLite. An article's identity is its original path: an
unchanged file changes nothing, a changed one updates its article in place (so its comments
stay).
"""

import gc
import hashlib
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from contextlib import nullcontext
from dataclasses import dataclass, field
from datetime import datetime, time
from pathlib import Path

from django.core.exceptions import ValidationError
from django.db import DataError, IntegrityError, transaction
from django.utils import timezone
from django.utils.text import slugify

from articles import markup, tags
from articles.models import Article, Section
from articles.seeds import Seed, SeedError, parse_seed

# Files written per transaction: large enough that commits do not dominate, small enough
# that a long run holds no lock for long.
BATCH_SIZE = 500
# What an imported article is loaded with to compare it with its seed (`_Importer.articles_at`).
_COMPARED = ["original_path", "checksum"]


# What happens to a file's article; each names a list of ImportReport.
CREATED, UPDATED, UNCHANGED = "created", "updated", "unchanged"


class Refused(Exception):
    """A file that cannot be imported; the message is the one-line reason."""


@dataclass(frozen=True)
class InMemorySeed:
    """A seed file that is not on disk, such as an upload: its name and its bytes.

    It reads like a `Path` (`read_bytes()`) and prints as its name in a report.
    """

    name: str
    data: bytes

    def read_bytes(self) -> bytes:
        return self.data

    def __str__(self) -> str:
        return self.name


type SeedSource = Path | InMemorySeed


type Listener = Callable[[str, SeedSource], None]


@dataclass
class ImportReport:
    """What became of each file. The refused ones are kept with their reasons; the others by
    outcome, or, with a `listener`, only counted, each passed to the listener as it is dealt
    with: a run over 100,000 files then keeps no list of them."""

    created: list[SeedSource] = field(default_factory=list)
    updated: list[SeedSource] = field(default_factory=list)
    unchanged: list[SeedSource] = field(default_factory=list)
    refused: list[tuple[SeedSource, str]] = field(default_factory=list)
    listener: Listener | None = None
    counts: Counter[str] = field(default_factory=Counter)

    def add(self, outcome: str, path: SeedSource) -> None:
        self.counts[outcome] += 1
        if self.listener is None:
            getattr(self, outcome).append(path)
        else:
            self.listener(outcome, path)

    @property
    def total(self) -> int:
        return self.counts.total() + len(self.refused)

    def summary(self) -> str:
        return (
            f"{self.counts[CREATED]} created, {self.counts[UPDATED]} updated, "
            f"{self.counts[UNCHANGED]} unchanged, {len(self.refused)} refused"
        )


def find_seed_files(paths: Iterable[str | Path]) -> tuple[list[str], list[tuple[Path, str]]]:
    """The files named, and the `*.txt` files below the folders named, in a stable order.

    As strings: a run over 100,000 files keeps them all, and a `Path` takes several times the
    memory of its string (the importer makes one for each file as it comes to it)."""
    found: list[str] = []
    missing: list[tuple[Path, str]] = []
    for path in map(Path, paths):
        if path.is_dir():
            found.extend(sorted(str(p) for p in path.rglob("*.txt") if p.is_file()))
        elif path.is_file():
            found.append(str(path))
        else:
            missing.append((path, "no such file or folder"))
    return found, missing


def import_seeds(
    paths: Iterable[str | Path],
    *,
    dry_run: bool = False,
    progress: Callable[[int, int], None] | None = None,
    listener: Listener | None = None,
) -> ImportReport:
    """Import seed files and folders; with `dry_run`, report what would happen and write nothing.
    With a `listener`, the report counts the files it is told of (see ImportReport)."""
    files, missing = find_seed_files(paths)
    report = import_seed_files(files, dry_run=dry_run, progress=progress, listener=listener)
    # Paths that are not there are listed before the outcomes of the files that are.
    report.refused[:0] = missing
    return report


def import_seed_files(
    files: Sequence[SeedSource | str],
    *,
    dry_run: bool = False,
    progress: Callable[[int, int], None] | None = None,
    listener: Listener | None = None,
) -> ImportReport:
    """Import these seed files (a path given as a string is read from disk), in this order;
    with `dry_run`, write nothing."""
    report = ImportReport(listener=listener)
    importer = _Importer(report, progress=progress, total=len(files))
    # A dry run wraps everything in one transaction and rolls it back; a real run commits
    # batch by batch.
    with transaction.atomic() if dry_run else nullcontext():
        for start in range(0, len(files), BATCH_SIZE):
            importer.import_batch(files[start : start + BATCH_SIZE])
            # A batch's articles are garbage in reference cycles (each holds its image's
            # FieldFile, which points back at it) that only a full collection frees, and
            # rarely does: without one, a long import kept thousands of them, bodies and all.
            gc.collect()
        if dry_run:
            transaction.set_rollback(True)
    return report


# A file read and parsed, with where it came from.
type Parsed = list[tuple[SeedSource, Seed]]


def existing_paths(parsed: Parsed) -> list[str]:
    return [seed.original_path for _, seed in parsed]


# The Seed fields each version of the checksum covers, in order. A field that Seed gains goes
# into a new version, and an article is compared by the version its stored checksum was made
# with: a new field marks no article "updated" until its file changes. Version 1's digests were
# made before versions and carry no prefix; later ones start with theirs ("v2:…").
CHECKSUM_FIELDS = {
    "v1": (
        *("headline", "original_path", "section", "slug", "label", "published"),
        *("reading_minutes", "deck", "dateline", "body", "source_domain", "credit"),
    ),
}
CHECKSUM_VERSION = "v1"


def checksum(seed: Seed, version: str = CHECKSUM_VERSION) -> str:
    """A digest of what the file says, blind to line endings, a BOM and trailing blanks."""
    fields = ", ".join(f"{name}={getattr(seed, name)!r}" for name in CHECKSUM_FIELDS[version])
    digest = hashlib.sha256(f"Seed({fields})".encode()).hexdigest()
    return digest if version == "v1" else f"{version}:{digest}"


def _is_unchanged(article: Article, seed: Seed) -> bool:
    """Whether the article holds what this seed says, by the checksum version it was stored
    with."""
    version, versioned, _ = article.checksum.partition(":")
    version = version if versioned else "v1"
    return version in CHECKSUM_FIELDS and article.checksum == checksum(seed, version)


class _Importer:
    def __init__(
        self,
        report: ImportReport,
        progress: Callable[[int, int], None] | None = None,
        total: int = 0,
    ) -> None:
        self.report = report
        self.progress = progress
        self.total = total
        self.done = 0
        self.sections: dict[str, Section] = {}
        # Sections created for the file being written: forgotten if that file is refused,
        # since its savepoint takes them back out of the database.
        self.new_sections: list[str] = []
        # (section id, slug) pairs in use, for the batch being written.
        self.taken_slugs: set[tuple[int, str]] = set()

    def import_batch(self, files: Sequence[SeedSource | str]) -> None:
        parsed: Parsed = []
        for path in (Path(f) if isinstance(f, str) else f for f in files):
            try:
                parsed.append((path, parse_seed(path.read_bytes())))
            except SeedError as error:
                self.refuse(path, str(error))
            except OSError as error:
                self.refuse(path, f"cannot read the file: {error.strerror}")
        existing = self.articles_at(*existing_paths(parsed))
        self.taken_slugs = set(
            Article.objects.filter(slug__in={_base_slug(seed) for _, seed in parsed}).values_list(
                "section_id", "slug"
            )
        )
        with transaction.atomic():
            if not self.write_together(parsed, existing):
                self.write_one_by_one(parsed, self.articles_at(*existing_paths(parsed)))

    def write_together(self, parsed: Parsed, existing: dict[str, Article]) -> bool:
        """The usual case, fast: the whole batch in one savepoint, its new articles in one
        INSERT. If any file is refused, nothing of the batch is kept and the answer is False,
        so that each file is tried in its own savepoint and only the bad ones are refused."""
        sections, taken_slugs = dict(self.sections), set(self.taken_slugs)
        outcomes: list[tuple[SeedSource, Seed, Article, str]] = []
        try:
            with transaction.atomic():
                self.new_sections = []
                outcomes = [(path, seed, *self.prepare(seed, existing)) for path, seed in parsed]
                new = [article for *_, article, outcome in outcomes if outcome == CREATED]
                for article in new:
                    article.render_body()
                Article.objects.bulk_create(new)
                for *_, article, outcome in outcomes:
                    if outcome == UPDATED:
                        article.save()
        except (Refused, IntegrityError, DataError):
            self.sections, self.taken_slugs = sections, taken_slugs
            return False
        if created := [article for *_, article, outcome in outcomes if outcome == CREATED]:
            # bulk_create sends no post_save signal: tell the caches once.
            tags.articles_created(created)
        for path, seed, article, outcome in outcomes:
            self.record(path, seed, article, outcome, existing)
        return True

    def write_one_by_one(self, parsed: Parsed, existing: dict[str, Article]) -> None:
        for path, seed in parsed:
            self.new_sections = []
            try:
                with transaction.atomic():
                    article, outcome = self.prepare(seed, existing)
                    if outcome != UNCHANGED:
                        article.save()
            except (Refused, IntegrityError, DataError) as error:
                self.refuse(path, _reason(error))
                for slug in self.new_sections:
                    del self.sections[slug]
                # The savepoint undid any change to this article: forget the edited copy.
                existing.pop(seed.original_path, None)
                existing.update(self.articles_at(seed.original_path))
            else:
                self.record(path, seed, article, outcome, existing)

    def record(
        self,
        path: SeedSource,
        seed: Seed,
        article: Article,
        outcome: str,
        existing: dict[str, Article],
    ) -> None:
        existing[seed.original_path] = article
        self.report.add(outcome, path)
        self.step()

    def refuse(self, path: SeedSource, reason: str) -> None:
        self.report.refused.append((path, reason))
        self.step()

    def step(self) -> None:
        """One more file dealt with."""
        self.done += 1
        if self.progress:
            self.progress(self.done, self.total)

    @staticmethod
    def articles_at(*original_paths: str) -> dict[str, Article]:
        """The articles imported from these paths, with only what tells whether a seed changed
        them: a re-import finds most unchanged, and their text is most of their size."""
        articles = Article.objects.by_original_path(*original_paths).only(*_COMPARED)
        return {article.original_path: article for article in articles}

    def prepare(self, seed: Seed, existing: dict[str, Article]) -> tuple[Article, str]:
        """The seed's article, new or changed in memory and validated, and what happens to it
        (CREATED, UPDATED, UNCHANGED); nothing is saved here. Raises Refused."""
        found = existing.get(seed.original_path)
        if found is not None and _is_unchanged(found, seed):
            return found, UNCHANGED
        if found is not None and found.get_deferred_fields():
            # Changed: validated and saved whole, so loaded whole (one query, as its save).
            found = Article.objects.get(pk=found.pk)
        section = self.section(seed.section)
        is_new = found is None
        article = Article(original_path=seed.original_path) if found is None else found
        if is_new or article.section_id != section.pk:
            article.slug = self.free_slug(section, seed)
        article.section = section
        article.label = seed.label
        article.headline = seed.headline
        article.deck = seed.deck
        article.dateline = seed.dateline
        article.body = markup.to_markup(seed.body)
        article.credit = seed.credit
        article.source_domain = seed.source_domain
        article.reading_minutes = seed.reading_minutes
        article.reading_minutes_fixed = True
        article.published_at = datetime.combine(
            seed.published, time.min, tzinfo=timezone.get_default_timezone()
        )
        article.status = Article.Status.PUBLISHED
        article.checksum = checksum(seed)
        try:
            # The section is known to exist; checking it again would cost a query per file.
            article.clean_fields(exclude=["section"])
        except ValidationError as error:
            raise Refused(_one_line(error)) from error
        return article, CREATED if is_new else UPDATED

    def free_slug(self, section: Section, seed: Seed) -> str:
        """The seed's slug, or the same with -2, -3… when another article of the section has it.

        `taken_slugs` holds the batch's likely collisions (loaded in one query); only the
        rare suffixed candidates are looked up one by one.
        """
        base = _base_slug(seed)
        slug, n = base, 1
        while (section.pk, slug) in self.taken_slugs or (
            n > 1 and Article.objects.filter(section=section, slug=slug).exists()
        ):
            n += 1
            slug = f"{base}-{n}"
        self.taken_slugs.add((section.pk, slug))
        return slug

    def section(self, name: str) -> Section:
        """The section of this name, created on first use; a reserved slug refuses the file."""
        slug = Section.slug_for(name)
        if slug not in self.sections:
            section = Section.objects.filter(slug=slug).first() or Section(name=name, slug=slug)
            if section.pk is None:
                try:
                    section.full_clean()
                except ValidationError as error:
                    raise Refused(f"section “{name}”: {_one_line(error)}") from error
                section.save()
                self.new_sections.append(slug)
            self.sections[slug] = section
        return self.sections[slug]


def _base_slug(seed: Seed) -> str:
    # Room for a "-NN" suffix within the field's 200 characters.
    return (slugify(seed.slug) or slugify(seed.headline) or "article")[:190]


def _reason(error: Exception) -> str:
    if isinstance(error, Refused):
        return str(error)
    first_line = next(iter(str(error).splitlines()), "") or type(error).__name__
    return f"the database refused it: {first_line}"


def _one_line(error: ValidationError) -> str:
    if hasattr(error, "error_dict"):
        return "; ".join(
            f"{name}: {' '.join(messages)}" for name, messages in error.message_dict.items()
        )
    return " ".join(error.messages)
