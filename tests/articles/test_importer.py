import gc
import hashlib
from pathlib import Path

import pytest

from articles import importer
from articles.importer import import_seeds
from articles.models import Article, Section
from articles.seeds import parse_seed

FIXTURES = Path(__file__).resolve().parents[2] / "fixtures" / "seeds"
SAMPLE = FIXTURES / "000_3812eee97bdd6ea7.txt"

pytestmark = pytest.mark.django_db


def seed_text(
    headline="A headline",
    path="News/2026-03-08-a-headline",
    meta="AnalysisMar 8, 20263 min read",
    body="WASHINGTON — The first paragraph says something.\n\nThe second paragraph ends here.",
):
    return f"{headline} — news\n{path}\n{meta}\n\n{headline} — news\n\n{body}\n"


@pytest.fixture
def write(tmp_path):
    def write(name, text):
        path = tmp_path / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
        return path

    return write


def test_importing_the_sample_creates_its_article_and_section():
    report = import_seeds([SAMPLE])

    assert report.created == [SAMPLE]
    article = Article.objects.get()
    assert article.section.name == "News"
    assert article.section.slug == "news"
    assert article.headline == (
        "Anthropic makes last-ditch effort to salvage deal with Pentagon after blowup"
    )
    assert article.status == Article.Status.PUBLISHED
    assert article.label == "Breaking News"
    assert article.reading_minutes == 4
    assert article.source_domain == "theverge.com"
    assert article.dateline == "WASHINGTON"
    assert article.published_on.isoformat() == "2026-03-08"
    assert "<h2>OpenAI Moves In</h2>" in article.body_html
    assert article.original_path.startswith("News/2026-03-08-anthropic-makes-last-ditch")


def test_reimporting_the_same_file_changes_nothing():
    import_seeds([SAMPLE])
    before = Article.objects.get()

    report = import_seeds([SAMPLE])

    assert report.unchanged == [SAMPLE]
    assert (report.created, report.updated, report.refused) == ([], [], [])
    after = Article.objects.get()
    assert after.updated_at == before.updated_at


def test_version_1_checksums_are_the_digests_stored_before_checksums_had_versions():
    seed = parse_seed(SAMPLE.read_bytes())

    assert importer.checksum(seed) == hashlib.sha256(repr(seed).encode()).hexdigest()


def test_a_field_a_new_checksum_version_covers_marks_no_unchanged_file_updated(monkeypatch):
    import_seeds([SAMPLE])
    fields = importer.CHECKSUM_FIELDS
    # As when Seed gains a field: the current version covers it, version 1 did not.
    monkeypatch.setattr(importer, "CHECKSUM_FIELDS", fields | {"v2": (*fields["v1"], "byline")})
    monkeypatch.setattr(importer, "CHECKSUM_VERSION", "v2")
    monkeypatch.setattr(importer.Seed, "byline", "Ada Lovelace", raising=False)

    report = import_seeds([SAMPLE])

    assert report.unchanged == [SAMPLE]
    assert Article.objects.get().checksum == importer.checksum(
        parse_seed(SAMPLE.read_bytes()), "v1"
    )


def test_a_changed_file_updates_its_article_in_place(write):
    path = write("a.txt", seed_text())
    import_seeds([path])
    original = Article.objects.get()
    write("a.txt", seed_text(headline="A corrected headline"))

    report = import_seeds([path])

    assert report.updated == [path]
    article = Article.objects.get()
    assert article.pk == original.pk
    assert article.headline == "A corrected headline"


def test_line_endings_and_a_byte_order_mark_alone_do_not_count_as_a_change(write):
    path = write("a.txt", seed_text())
    import_seeds([path])
    path.write_bytes(b"\xef\xbb\xbf" + seed_text().replace("\n", "\r\n").encode())

    report = import_seeds([path])

    assert report.unchanged == [path]


def test_a_dry_run_reports_but_writes_nothing(write):
    path = write("a.txt", seed_text())

    report = import_seeds([path], dry_run=True)

    assert report.created == [path]
    assert not Article.objects.exists()
    assert not Section.objects.exists()


def test_a_refused_file_leaves_nothing_behind_while_the_others_import(write):
    good = write("good.txt", seed_text())
    bad = write("bad.txt", seed_text(path="Opinion/2026-03-08-x", meta="Feb 30, 20263 min read"))

    report = import_seeds([good, bad])

    assert report.created == [good]
    assert [path for path, _ in report.refused] == [bad]
    assert "Feb 30, 2026" in report.refused[0][1]
    assert list(Section.objects.values_list("name", flat=True)) == ["News"]


def test_a_file_the_database_cannot_hold_is_refused_and_its_new_section_removed(write):
    too_long = write("long.txt", seed_text(headline="H" * 400, path="Sport/2026-03-08-long"))
    after = write("after.txt", seed_text(path="Sport/2026-03-09-after"))

    report = import_seeds([too_long, after])

    assert [path for path, _ in report.refused] == [too_long]
    assert "headline" in report.refused[0][1]
    assert report.created == [after]
    assert Article.objects.get().section.name == "Sport"


def test_folders_are_searched_recursively_for_txt_files(write):
    first = write("2026/march/a.txt", seed_text(path="News/2026-03-08-a"))
    second = write("2026/b.txt", seed_text(path="News/2026-03-09-b"))
    write("2026/notes.md", "not a seed")

    report = import_seeds([first.parents[1]])

    assert sorted(report.created) == sorted([first, second])


def test_a_missing_path_is_refused_with_a_reason(tmp_path):
    report = import_seeds([tmp_path / "nowhere"])

    assert report.refused == [(tmp_path / "nowhere", "no such file or folder")]


def test_a_section_named_like_the_sites_own_pages_is_refused(write):
    path = write("admin.txt", seed_text(path="Admin/2026-03-08-takeover"))

    report = import_seeds([path])

    assert report.refused[0][0] == path
    assert "/admin/" in report.refused[0][1]
    assert not Section.objects.exists()


def test_two_files_with_the_same_slug_in_a_section_get_distinct_addresses(write):
    first = write("a.txt", seed_text(path="News/2026-03-08-same-slug"))
    second = write("b.txt", seed_text(path="News/2026-03-09-same-slug"))

    import_seeds([first, second])

    assert sorted(Article.objects.values_list("slug", flat=True)) == ["same-slug", "same-slug-2"]


def test_an_imported_article_counts_as_published_from_the_start_of_its_day(write, settings):
    settings.TIME_ZONE = "America/New_York"
    path = write("a.txt", seed_text())

    import_seeds([path])

    published_at = Article.objects.get().published_at
    assert published_at.isoformat() == "2026-03-08T05:00:00+00:00"


def test_progress_is_reported_for_every_file_refused_or_not(write):
    good = write("a.txt", seed_text())
    bad = write("b.txt", "")
    calls = []

    import_seeds([good, bad], progress=lambda done, total: calls.append((done, total)))

    assert sorted(calls) == [(1, 2), (2, 2)]


@pytest.fixture
def no_automatic_collections():
    """Python's collector runs only when asked, so a test sees what an import leaves behind."""
    gc.disable()
    yield
    gc.enable()


@pytest.mark.parametrize("run", ["first import", "unchanged re-import"])
def test_an_import_keeps_no_article_of_the_batches_it_wrote(
    tmp_path, write, monkeypatch, no_automatic_collections, run
):
    monkeypatch.setattr(importer, "BATCH_SIZE", 2)
    for n in range(6):
        write(f"{n}.txt", seed_text(headline=f"Story {n}", path=f"News/2026-03-08-story-{n}"))
    if run == "unchanged re-import":
        import_seeds([tmp_path])

    report = import_seeds([tmp_path], listener=lambda outcome, path: None)

    assert report.total == 6
    assert [thing for thing in gc.get_objects() if isinstance(thing, Article)] == []
