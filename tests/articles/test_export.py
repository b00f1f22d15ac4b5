"""Seeds written back: the writer's round trip, and export_seeds then import_seeds."""

import dataclasses
import datetime
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command
from django.utils import timezone
from hypothesis import given
from hypothesis import strategies as st

from articles.importer import import_seeds
from articles.models import Article, Section
from articles.seeds import PARAGRAPH, SUBHEADING, Block, Seed, SeedError, format_seed, parse_seed

SAMPLE = Path(__file__).resolve().parents[2] / "fixtures" / "seeds" / "000_3812eee97bdd6ea7.txt"
# The article fields a seed carries, and so an export must give back.
SEED_FIELDS = [
    "headline",
    "original_path",
    "slug",
    "label",
    "deck",
    "dateline",
    "body",
    "credit",
    "source_domain",
    "reading_minutes",
    "published_at",
    "status",
]

# Generated seeds: every part in the shape the parser tells it by (format_seed's docstring),
# with HTML's characters, curly quotes, accents and an emoji among the letters.
UPPER = "ABCDEFGHIJKLMNOPQRSTUVWXYZÉÜ"
LOWER = "abcdefghijklmnopqrstuvwxyzéü"
word = st.text(LOWER + "0123456789<>&\"'’“”📰", min_size=1, max_size=8)
capitalized = st.builds(str.__add__, st.sampled_from(UPPER), st.text(LOWER, max_size=8))
# Words that mean something to the parser on their own line.
RESERVED = {"Original Source", "Comments"}
CREDIT_OPENINGS = ("This article is based on", "Based on reporting from")


def phrase(first, rest):
    return " ".join([first, *rest])


# Two words at least, so that an unpunctuated paragraph can go on two lines.
paragraph = st.builds(
    lambda first, rest, stop: phrase(first, rest) + stop,
    capitalized,
    st.lists(word, min_size=1, max_size=12),
    st.sampled_from([".", "!", "?", ""]),
).filter(lambda text: not text.startswith(CREDIT_OPENINGS))
subheading = st.builds(phrase, capitalized, st.lists(word, max_size=5)).filter(
    lambda text: text not in RESERVED
)
deck = (
    st.lists(capitalized, min_size=1, max_size=8)
    .map(" ".join)
    .filter(lambda text: text not in RESERVED)
)
middle_block = st.one_of(
    paragraph.map(lambda text: Block(PARAGRAPH, text)),
    subheading.map(lambda text: Block(SUBHEADING, text)),
)
# Opens and ends with a paragraph; subheadings stand between paragraphs.
body = st.builds(
    lambda first, rest: (Block(PARAGRAPH, first), *rest),
    paragraph,
    st.one_of(
        st.just(()),
        st.builds(
            lambda middle, last: (*middle, Block(PARAGRAPH, last)),
            st.lists(middle_block, max_size=5),
            paragraph,
        ),
    ),
)


@st.composite
def seeds(draw):
    section = draw(st.lists(word, min_size=1, max_size=3).map(" ".join))
    slug = draw(st.text(LOWER + "0123456789-", min_size=1, max_size=30))
    path_date = draw(st.dates(datetime.date(1, 1, 1)))
    return Seed(
        headline=draw(st.builds(phrase, capitalized, st.lists(word, max_size=10))),
        original_path=f"{section}/{path_date.isoformat()}-{slug}",
        section=section,
        slug=slug,
        label=draw(st.lists(word, max_size=3).map(" ".join)),
        published=draw(st.dates(datetime.date(1, 1, 1))),
        reading_minutes=draw(st.integers(min_value=0, max_value=9999)),
        deck=draw(st.one_of(st.just(""), deck)),
        dateline=draw(
            st.one_of(st.just(""), st.from_regex(r"[A-Z][A-Z .,'-]{0,20}[A-Z]", fullmatch=True))
        ),
        body=draw(body),
        source_domain=draw(
            st.one_of(st.just(""), st.from_regex(r"[a-z0-9]+(\.[a-z0-9]+)+", fullmatch=True))
        ),
        credit=draw(
            st.one_of(
                st.just(""),
                st.lists(word, min_size=1, max_size=5).map(
                    lambda words: f"This article is based on reporting from {' '.join(words)}."
                ),
            )
        ),
    )


# The writer


@given(seeds())
def test_a_written_seed_reads_back_as_the_same_seed(seed):
    assert parse_seed(format_seed(seed).encode()) == seed


def test_the_sample_written_back_reads_back_the_same():
    seed = parse_seed(SAMPLE.read_bytes())

    assert parse_seed(format_seed(seed).encode()) == seed


@given(st.integers(min_value=0, max_value=40), st.text())
def test_any_file_that_parses_is_written_back_so_that_it_reads_the_same(index, replacement):
    lines = SAMPLE.read_text(encoding="utf-8").split("\n")
    lines[index % len(lines)] = replacement
    try:
        seed = parse_seed("\n".join(lines).encode("utf-8", "surrogatepass"))
    except SeedError:
        return

    assert parse_seed(format_seed(seed).encode()) == seed


def test_an_unpunctuated_paragraph_is_not_read_back_as_a_subheading():
    seed = parse_seed(SAMPLE.read_bytes())
    short = Block(PARAGRAPH, "Short and without a full stop")
    changed = dataclasses.replace(seed, body=(seed.body[0], short, *seed.body[1:]))

    assert parse_seed(format_seed(changed).encode()).body[1] == short


# export_seeds


@pytest.fixture
def export(tmp_path):
    """Run export_seeds into a fresh folder; return the folder, its output and its errors."""

    def run(*options):
        out, err = StringIO(), StringIO()
        call_command("export_seeds", str(tmp_path / "export"), *options, stdout=out, stderr=err)
        return tmp_path / "export", out.getvalue(), err.getvalue()

    return run


def seed_file(headline, path, deck="", body="The first paragraph.\n\nThe second paragraph."):
    title = f"{headline} — news"
    deck_block = f"{deck}\n\n" if deck else ""
    return f"{title}\n{path}\nAnalysisMar 8, 20263 min read\n\n{title}\n\n{deck_block}{body}\n"


@pytest.fixture
def imported(tmp_path):
    """The sample and two more seeds, imported."""
    folder = tmp_path / "seeds"
    folder.mkdir()
    (folder / "sample.txt").write_bytes(SAMPLE.read_bytes())
    (folder / "sport.txt").write_text(
        seed_file("Cup final & <replay>", "Sport/2025-05-01-cup-final", deck="A Late Winner"),
        encoding="utf-8",
    )
    (folder / "short.txt").write_text(
        seed_file("One line", "News/2024-12-31-one-line", body="PARIS — Only this."),
        encoding="utf-8",
    )
    assert import_seeds([folder]).refused == []
    return folder


def article_fields():
    return {
        article.original_path: (article.section.name, *(getattr(article, f) for f in SEED_FIELDS))
        for article in Article.objects.select_related("section")
    }


@pytest.mark.django_db
def test_exporting_then_importing_into_a_new_site_gives_the_same_articles(imported, export):
    before = article_fields()
    folder, _, _ = export()
    Article.objects.all().delete()
    Section.objects.all().delete()

    report = import_seeds([folder])

    assert len(report.created) == 3
    assert report.refused == []
    assert article_fields() == before


@pytest.mark.django_db
def test_importing_an_export_into_the_same_site_changes_nothing(imported, export):
    folder, _, _ = export()

    report = import_seeds([folder])

    assert len(report.unchanged) == 3
    assert (report.created, report.updated, report.refused) == ([], [], [])


@pytest.mark.django_db
def test_files_are_named_by_section_date_and_slug_and_the_command_says_what_it_wrote(
    imported, export
):
    folder, out, err = export("--verbosity", "2")

    assert (folder / "sport" / "2026-03-08-cup-final.txt").is_file()
    assert f"written   {folder / 'sport' / '2026-03-08-cup-final.txt'}" in out
    assert "3 written (0 of them read back differently), 0 refused" in out
    assert err == ""


@pytest.mark.django_db
def test_drafts_and_scheduled_articles_are_left_out(make_article, export):
    make_article(status=Article.Status.DRAFT)
    make_article(published_at=timezone.now() + datetime.timedelta(days=1))
    public = make_article(slug="public")

    folder, out, _ = export()

    assert [path.name for path in folder.rglob("*.txt")] == [f"{public.published_on}-public.txt"]
    assert "2 drafts and scheduled articles left out" in out


@pytest.mark.django_db
def test_an_article_written_in_the_admin_gets_an_old_path_from_its_section_date_and_slug(
    make_article, export
):
    article = make_article(slug="written-here", deck="The Deck", body="One paragraph.")
    folder, _, _ = export()
    article.delete()

    import_seeds([folder])

    imported = Article.objects.get()
    assert imported.original_path == f"News/{article.published_on}-written-here"
    assert (imported.slug, imported.deck, imported.body) == (
        "written-here",
        "The Deck",
        "One paragraph.",
    )


@pytest.mark.django_db
def test_an_article_the_format_cannot_carry_exactly_is_written_and_reported(make_article, export):
    make_article(slug="lower-deck", deck="a deck in lower case", body="The body.")

    folder, out, err = export()

    assert (folder / "news").is_dir()
    assert "would read back with a different deck, body" in err
    assert "1 of them read back differently" in out


@pytest.mark.django_db
def test_an_article_moved_to_another_section_is_reported(imported, make_section, export):
    Article.objects.filter(section__name="Sport").update(section=make_section("Culture"))

    _, _, err = export()

    assert "its old path puts it in Sport" in err


@pytest.mark.django_db
def test_a_folder_that_cannot_be_written_fails_with_a_message(article, tmp_path):
    blocked = tmp_path / "a-file"
    blocked.write_text("not a folder")

    with pytest.raises(CommandError, match="Cannot write to"):
        call_command("export_seeds", str(blocked), stdout=StringIO(), stderr=StringIO())


@pytest.mark.django_db
def test_authors_and_a_lead_image_stay_behind_and_the_rest_round_trips(
    imported, export, make_author, with_lead_image
):
    article = Article.objects.get(original_path="Sport/2025-05-01-cup-final")
    make_author("Ada Lovelace", article)
    with_lead_image(article)
    before = article_fields()

    folder, out, _ = export()
    report = import_seeds([folder])

    assert "0 of them read back differently" in out
    assert len(report.unchanged) == 3
    assert article_fields() == before
    assert "Ada Lovelace" not in (folder / "sport" / "2026-03-08-cup-final.txt").read_text()


@pytest.mark.django_db
def test_an_imported_article_keeps_its_seeds_reading_time_whatever_its_length(imported):
    article = Article.objects.get(original_path="Sport/2025-05-01-cup-final")

    article.body += "\n\nA third paragraph."
    article.save()

    assert article.reading_minutes == 3
