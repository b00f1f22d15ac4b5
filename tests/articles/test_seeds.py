"""The seed parser: the real sample, the variations SEED-FORMAT.md lists, and broken files."""

import datetime
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from articles.seeds import PARAGRAPH, SUBHEADING, Block, Seed, SeedError, parse_seed

SAMPLE = Path(__file__).resolve().parents[2] / "fixtures" / "seeds" / "000_3812eee97bdd6ea7.txt"

MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")
HEADLINE = "Council approves budget after long debate"
PATH = "News/2026-03-08-council-approves-budget-after-long-debate"
META = "Breaking NewsMar 8, 20264 min read"
DECK = "City Council Backs Spending Plan"
CREDIT = "This article is based on reporting from The Springfield Shopper."
BODY = (
    "SPRINGFIELD — The council approved the budget on Tuesday after a six-hour meeting.",
    "Members argued over the cost of the new monorail.",
    "Mayor Responds",
    "The mayor said she was pleased with the result.",
    CREDIT,
)
EMPTY_THREAD = "No comments yet. Be the first to share your thoughts!"


def seed_text(
    *,
    headline: str = HEADLINE,
    path: str = PATH,
    meta: str = META,
    deck: str | None = DECK,
    body: tuple[str, ...] = BODY,
    source: str | None = "example.com",
    comments: bool = True,
) -> str:
    """Build a seed's text from its parts, LF line endings; None leaves an optional part out."""
    title = f"{headline} — news"
    blocks = [title, *([deck] if deck is not None else []), *body]
    if source is not None:
        blocks += ["Original Source", source]
    if comments:
        blocks += ["Comments", EMPTY_THREAD]
    return "\n".join([title, path, meta]) + "\n\n" + "\n\n".join(blocks) + "\n"


def parse(text: str) -> Seed:
    return parse_seed(text.encode())


def refusal(data: bytes) -> SeedError:
    with pytest.raises(SeedError) as caught:
        parse_seed(data)
    return caught.value


def outcome(data: bytes) -> Seed | SeedError:
    """What parsing data gives: a seed or the SeedError it raised (any other exception escapes)."""
    try:
        return parse_seed(data)
    except SeedError as error:
        return error


def paragraphs(count: int, words: int) -> tuple[str, ...]:
    return tuple(" ".join(["word"] * (words - 1) + ["end."]) for _ in range(count))


# The real sample


@pytest.fixture(scope="module")
def sample() -> Seed:
    return parse_seed(SAMPLE.read_bytes())


def test_the_sample_headline_has_the_site_suffix_stripped(sample):
    assert sample.headline == (
        "Anthropic makes last-ditch effort to salvage deal with Pentagon after blowup"
    )


def test_the_sample_original_path_gives_section_and_slug(sample):
    slug = "anthropic-makes-last-ditch-effort-to-salvage-deal-with-pentagon-after-blowup-new"

    assert sample.original_path == f"News/2026-03-08-{slug}"
    assert sample.section == "News"
    assert sample.slug == slug


def test_the_sample_meta_line_gives_label_date_and_reading_time(sample):
    assert sample.label == "Breaking News"
    assert sample.published == datetime.date(2026, 3, 8)
    assert sample.reading_minutes == 4


def test_the_sample_deck_is_the_title_case_line_after_the_headline(sample):
    assert sample.deck == "Anthropic CEO in Last-Ditch Talks to Salvage Pentagon AI Deal"


def test_the_sample_dateline_is_taken_off_the_first_paragraph(sample):
    assert sample.dateline == "WASHINGTON"
    assert sample.body[0] == Block(
        PARAGRAPH,
        "Anthropic CEO Dario Amodei is returning to negotiations with the Department of Defense"
        " in an effort to rescue a faltering contract for military use of the company"
        "\N{RIGHT SINGLE QUOTATION MARK}s Claude AI models after talks collapsed Friday,"
        " according to multiple reports.",
    )


def test_the_sample_subheadings_stand_between_its_paragraphs(sample):
    kinds = "".join("S" if block.kind == SUBHEADING else "P" for block in sample.body)
    subheadings = [block.text for block in sample.body if block.kind == SUBHEADING]

    assert kinds == "PPPSPPSPPSPPSPPP"
    assert subheadings == [
        "Political Friction Enters the Dispute",
        "OpenAI Moves In",
        "Impact on AI-Defense Relations",
        "What\N{RIGHT SINGLE QUOTATION MARK}s Next",
    ]


def test_the_sample_credit_is_kept_apart_from_the_body(sample):
    assert sample.credit.startswith("This article is based on reporting from The Verge, The New")
    assert sample.credit.endswith("have not yet been publicly disclosed.")
    assert sample.body[-1].text.startswith("The episode comes as the U.S. military")


def test_the_sample_source_domain_comes_from_the_source_block(sample):
    assert sample.source_domain == "theverge.com"


def test_the_sample_comments_trailer_is_not_part_of_the_article(sample):
    texts = [block.text for block in sample.body]

    assert "Comments" not in texts
    assert not any(text.startswith("No comments yet") for text in texts)


def test_the_sample_text_keeps_its_curly_quotes_and_em_dashes(sample):
    assert "“supply-chain risk to national security,”" in sample.body[1].text
    assert "entanglement — and potential pitfalls — of" in sample.body[10].text


# Line endings, encoding marks and whitespace


def test_a_crlf_file_parses_like_an_lf_file():
    text = seed_text()

    seed = parse(text.replace("\n", "\r\n"))

    assert seed == parse(text)


def test_a_file_with_lone_carriage_returns_parses_like_an_lf_file():
    text = seed_text()

    seed = parse(text.replace("\n", "\r"))

    assert seed == parse(text)


def test_a_byte_order_mark_is_ignored():
    data = seed_text().encode()

    seed = parse_seed(b"\xef\xbb\xbf" + data)

    assert seed == parse_seed(data)


def test_a_file_without_a_final_newline_parses():
    text = seed_text()

    seed = parse(text.rstrip("\n"))

    assert seed == parse(text)


def test_trailing_whitespace_on_lines_is_ignored():
    text = seed_text()

    seed = parse(text.replace("\n", " \t \n"))

    assert seed == parse(text)


def test_a_paragraph_broken_over_lines_is_joined_with_spaces():
    text = seed_text(body=("The council met\non Tuesday\nand voted.", "The mayor spoke."))

    seed = parse(text)

    assert seed.body[0] == Block(PARAGRAPH, "The council met on Tuesday and voted.")


# Text is kept as it is


def test_curly_quotes_emoji_and_accents_are_kept():
    headline = "Café owner\N{RIGHT SINGLE QUOTATION MARK}s “big” day 🎉 in Zürich"
    paragraph = "Señor Ñúñez said: “it\N{RIGHT SINGLE QUOTATION MARK}s wonderful” 👍."

    seed = parse(seed_text(headline=headline, body=(paragraph, "More to follow.")))

    assert seed.headline == headline
    assert seed.body[0].text == paragraph


def test_html_characters_are_kept_verbatim():
    headline = "<script>alert('x')</script> & \"quotes\" in <b>headlines</b>"
    paragraph = "Tags like <em> & entities like &amp; stay as typed > 3 < 4."

    seed = parse(seed_text(headline=headline, deck=None, body=(paragraph,)))

    assert seed.headline == headline
    assert seed.body == (Block(PARAGRAPH, paragraph),)


def test_a_headline_containing_an_em_dash_keeps_it():
    headline = "Markets — and the mood — turn around"

    seed = parse(seed_text(headline=headline))

    assert seed.headline == headline


def test_a_repeated_headline_without_the_suffix_is_accepted():
    text = seed_text().replace(f"\n\n{HEADLINE} — news\n", f"\n\n{HEADLINE}\n", 1)

    seed = parse(text)

    assert seed == parse(seed_text())


# Original path and meta line


@pytest.mark.parametrize(
    ("path", "section", "slug"),
    [
        ("News/2026-03-08-council-vote", "News", "council-vote"),
        ("World Affairs/2025-12-31-year-in-revi", "World Affairs", "year-in-revi"),
        ("/Opinion/2024-02-29-leap-day", "Opinion", "leap-day"),
    ],
)
def test_any_section_and_slug_come_from_the_original_path(path, section, slug):
    seed = parse(seed_text(path=path))

    assert seed.original_path == path.lstrip("/")
    assert seed.section == section
    assert seed.slug == slug


@pytest.mark.parametrize(
    ("meta", "label"),
    [
        ("AnalysisMar 8, 20264 min read", "Analysis"),
        ("Opinion & ViewsMar 8, 20264 min read", "Opinion & Views"),
        ("Mar 8, 20264 min read", ""),
        ("Feb 1, 2026 RecapMar 8, 20264 min read", "Feb 1, 2026 Recap"),
        ("Top 10Mar 8, 20264 min read", "Top 10"),
    ],
)
def test_the_label_is_whatever_precedes_the_date(meta, label):
    seed = parse(seed_text(meta=meta))

    assert seed.label == label
    assert seed.published == datetime.date(2026, 3, 8)
    assert seed.reading_minutes == 4


@pytest.mark.parametrize(
    ("meta", "published", "minutes"),
    [
        ("Breaking NewsNov 28, 202612 min read", datetime.date(2026, 11, 28), 12),
        ("AnalysisJan 5, 2025120 min read", datetime.date(2025, 1, 5), 120),
        ("Sep 9, 20241 min read", datetime.date(2024, 9, 9), 1),
        ("OpinionFeb 29, 20243 min read", datetime.date(2024, 2, 29), 3),
    ],
)
def test_the_date_and_minutes_glued_together_are_told_apart(meta, published, minutes):
    seed = parse(seed_text(meta=meta))

    assert seed.published == published
    assert seed.reading_minutes == minutes


# Deck


def test_without_a_deck_the_body_starts_after_the_headline():
    seed = parse(seed_text(deck=None))

    assert seed.deck == ""
    assert seed.body[0].text.startswith("The council approved the budget")


@pytest.mark.parametrize(
    "line",
    [
        "City council backs spending plan",
        "City Council Backs Spending Plan.",
        "Does The Council Back The Plan?",
        "A" * 201,
    ],
)
def test_a_line_that_is_not_title_case_or_ends_a_sentence_is_not_a_deck(line):
    seed = parse(seed_text(deck=line))

    assert seed.deck == ""
    assert seed.body[0] == Block(PARAGRAPH, line)


def test_a_title_case_line_may_keep_small_words_and_names_in_lower_case():
    deck = "New iPhone Sales Rise to a Record in the Spring vs Last Year"

    seed = parse(seed_text(deck=deck))

    assert seed.deck == deck


def test_a_title_case_line_with_nothing_after_it_is_the_body_not_a_deck():
    seed = parse(seed_text(deck=None, body=("Council Backs Plan",)))

    assert seed.deck == ""
    assert seed.body == (Block(PARAGRAPH, "Council Backs Plan"),)


# Dateline


@pytest.mark.parametrize(
    "place",
    ["WASHINGTON", "SAN FRANCISCO", "NEW YORK", "ST. LOUIS", "WASHINGTON, D.C.", "SÃO PAULO"],
)
def test_a_capitalized_place_and_em_dash_open_the_first_paragraph_as_a_dateline(place):
    seed = parse(seed_text(body=(f"{place} — The council met.", "It voted.")))

    assert seed.dateline == place
    assert seed.body[0] == Block(PARAGRAPH, "The council met.")


@pytest.mark.parametrize(
    "paragraph",
    [
        "The council met on Tuesday — and voted.",
        "AI — the technology everyone discusses — reached the council.",
        "Washington — The council met.",
        "SPRINGFIELD - The council met.",
    ],
)
def test_a_first_paragraph_without_a_dateline_is_kept_whole(paragraph):
    seed = parse(seed_text(body=(paragraph, "It voted.")))

    assert seed.dateline == ""
    assert seed.body[0] == Block(PARAGRAPH, paragraph)


def test_only_the_first_paragraph_can_have_a_dateline():
    later = "PARIS — Officials there watched closely."

    seed = parse(seed_text(body=("The council met.", later)))

    assert seed.dateline == ""
    assert seed.body[1] == Block(PARAGRAPH, later)


# Subheadings


@pytest.mark.parametrize(
    "line",
    [
        "What Happens Next",
        "what the numbers say",
        "Why “Cheap” Money Matters",
        "The Monorail (Again)",
    ],
)
def test_a_short_line_without_closing_punctuation_between_paragraphs_is_a_subheading(line):
    seed = parse(seed_text(body=("The council met.", line, "It voted.")))

    assert seed.body[1] == Block(SUBHEADING, line)


@pytest.mark.parametrize(
    "line",
    [
        "The council voted:",
        "Who pays for it?”",
        "It passed, narrowly…",
        "one two three four five six seven eight nine ten eleven twelve thirteen",
    ],
)
def test_a_line_that_ends_a_sentence_or_runs_long_is_a_paragraph(line):
    seed = parse(seed_text(body=("The council met.", line, "It voted.")))

    assert seed.body[1] == Block(PARAGRAPH, line)


def test_a_short_last_line_is_a_paragraph_not_a_subheading():
    seed = parse(seed_text(body=("The council met.", "More soon"), source=None))

    assert seed.body[-1] == Block(PARAGRAPH, "More soon")


# Credit, source block and comments trailer


@pytest.mark.parametrize(
    "credit",
    [
        "This article is based on reporting from Reuters and AP.",
        "This article is based on a press release.",
        "Based on reporting from the Associated Press.",
    ],
)
def test_a_closing_credit_paragraph_is_the_credit(credit):
    seed = parse(seed_text(body=("The council met.", credit)))

    assert seed.credit == credit
    assert seed.body == (Block(PARAGRAPH, "The council met."),)


def test_a_credit_that_is_not_last_stays_in_the_body():
    seed = parse(seed_text(body=("The council met.", CREDIT, "It voted.")))

    assert seed.credit == ""
    assert seed.body[1] == Block(PARAGRAPH, CREDIT)


def test_without_a_source_block_the_source_domain_is_empty():
    seed = parse(seed_text(source=None))

    assert seed.source_domain == ""
    assert seed.body == parse(seed_text()).body


def test_without_a_comments_trailer_the_seed_is_the_same():
    seed = parse(seed_text(comments=False))

    assert seed == parse(seed_text())


def test_a_comments_trailer_without_a_source_block_is_dropped():
    seed = parse(seed_text(source=None))

    assert seed == parse(seed_text(source=None, comments=False))


def test_a_lone_comments_line_at_the_end_is_dropped():
    text = seed_text(source=None, comments=False) + "\nComments\n"

    seed = parse(text)

    assert seed == parse(seed_text(source=None, comments=False))


def test_a_comments_subheading_inside_the_body_is_kept():
    seed = parse(seed_text(body=("The council met.", "Comments", "Residents wrote in.")))

    assert seed.body[1] == Block(SUBHEADING, "Comments")


# Short and long articles


def test_a_one_paragraph_article_parses():
    seed = parse(seed_text(deck=None, body=("The council met.",), source=None, comments=False))

    assert seed.body == (Block(PARAGRAPH, "The council met."),)
    assert (seed.deck, seed.dateline, seed.credit, seed.source_domain) == ("", "", "", "")


def test_a_thirty_thousand_word_article_parses_whole():
    body = (*paragraphs(150, 100), " ".join(["word"] * 15_000), *paragraphs(1, 10))

    seed = parse(seed_text(body=body))

    assert len(seed.body) == 152
    assert sum(len(block.text.split()) for block in seed.body) == 30_010


# Files that are not seeds

BROKEN = {
    "empty": (b"", None, "file is empty"),
    "only whitespace": (b" \n\t\r\n  ", None, "file has only whitespace"),
    "UTF-16": (seed_text().encode("utf-16"), None, "file is UTF-16, not UTF-8"),
    "binary": (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", 3, "binary data (NUL byte), not text"),
    "a control character": (
        seed_text(body=("Ring the bell\x07 now.",)).encode(),
        9,
        "binary data (control character U+0007), not text",
    ),
    "not UTF-8": (
        seed_text(body=("Prices at the cafe rose.",)).encode().replace(b"cafe", b"caf\xe9"),
        9,
        "not UTF-8 (byte 0xE9)",
    ),
    "cut short after the title": (
        f"{HEADLINE} — news\n".encode(),
        2,
        "file ends before the original path",
    ),
    "cut short after the path": (
        f"{HEADLINE} — news\n{PATH}\n".encode(),
        3,
        "file ends before the meta line",
    ),
    "cut short after the meta line": (
        f"{HEADLINE} — news\n{PATH}\n{META}\n\n".encode(),
        3,
        "file ends after the meta line: no headline and no body",
    ),
    "cut short after the headline": (
        seed_text(deck=None, body=(), source=None, comments=False).encode(),
        5,
        "file has no body after the headline",
    ),
    "a blank title": (
        b"\n" + seed_text().encode(),
        1,
        "expected the page title, found a blank line",
    ),
    "a path without a date": (
        seed_text(path="News/council-approves-budget").encode(),
        2,
        "'News/council-approves-budget' is not a path like 'News/2026-03-08-some-slug'",
    ),
    "a nonexistent date in the path": (
        seed_text(path="News/2026-02-30-council").encode(),
        2,
        "2026-02-30 in the path is not a date",
    ),
    "a meta line without a date": (
        seed_text(meta="Breaking News4 min read").encode(),
        3,
        "no date like 'Mar 8, 2026' in the meta line",
    ),
    "a meta line without a reading time": (
        seed_text(meta="Breaking NewsMar 8, 2026").encode(),
        3,
        "no reading time like '4 min read' after the date in the meta line",
    ),
    "Feb 30": (
        seed_text(meta="AnalysisFeb 30, 20263 min read").encode(),
        3,
        "Feb 30, 2026 is not a date",
    ),
    "an absurd reading time": (
        seed_text(meta="Mar 8, 2026123456 min read").encode(),
        3,
        "a reading time of 6 digits is not plausible",
    ),
    "no repeated headline": (
        seed_text().replace(f"{HEADLINE} — news\n\n", "", 1).encode(),
        5,
        "expected the headline again, found 'City Council Backs Spending Plan'",
    ),
    "only a credit": (
        seed_text(deck=None, body=(CREDIT,)).encode(),
        7,
        "file has no body besides the credit line",
    ),
    "a source block without a domain": (
        seed_text(source="see the original article").encode(),
        19,
        "expected a domain after 'Original Source', found 'see the original article'",
    ),
    "text after the source block": (
        seed_text(comments=False).encode() + b"\nShare this article\n",
        23,
        "unexpected text after the source block: 'Share this article'",
    ),
}


@pytest.mark.parametrize(("data", "line", "message"), BROKEN.values(), ids=BROKEN.keys())
def test_a_file_that_is_not_a_seed_is_refused_with_its_line_and_reason(data, line, message):
    error = refusal(data)

    assert (error.line, error.message) == (line, message)


def test_each_kind_of_broken_file_has_its_own_reason():
    messages = [message for _, _, message in BROKEN.values()]

    assert len(set(messages)) == len(messages)


def test_a_file_holding_only_a_byte_order_mark_is_empty():
    error = refusal(b"\xef\xbb\xbf")

    assert error.message == "file is empty"


def test_a_refusal_reads_as_one_line_with_its_line_number():
    error = refusal(seed_text(meta="Feb 30, 20263 min read").encode())

    assert str(error) == "line 3: Feb 30, 2026 is not a date"
    assert isinstance(error, ValueError)


def test_a_refusal_without_a_line_is_just_the_reason():
    error = refusal(b"")

    assert str(error) == "file is empty"


# Properties

# One stripped line of text. No control characters (refused as binary) and no U+FEFF, which
# would read as a byte-order mark at the start of the file.
line_text = st.text(
    st.characters(codec="utf-8", exclude_categories=("Cc",), exclude_characters="\ufeff")
).map(str.strip)
slug_text = st.text("abcdefghijklmnopqrstuvwxyz0123456789-", min_size=1, max_size=40)


def assert_parses_or_refuses_in_one_line(data: bytes) -> None:
    result = outcome(data)

    if isinstance(result, SeedError):
        assert len(str(result).splitlines()) == 1
    else:
        assert result.headline
        assert result.body


@given(st.text())
def test_any_text_either_parses_or_is_refused(text):
    assert_parses_or_refuses_in_one_line(text.encode("utf-8", "surrogatepass"))


@given(st.binary())
def test_any_bytes_either_parse_or_are_refused(data):
    assert_parses_or_refuses_in_one_line(data)


@given(st.lists(st.text(), max_size=12))
def test_any_lines_after_a_valid_header_either_parse_or_are_refused(lines):
    header = f"{HEADLINE} — news\n{PATH}\n{META}\n\n{HEADLINE} — news\n\n"

    assert_parses_or_refuses_in_one_line(
        (header + "\n".join(lines)).encode("utf-8", "surrogatepass")
    )


@given(st.integers(min_value=0, max_value=40), st.text())
def test_the_sample_with_any_line_replaced_either_parses_or_is_refused(index, replacement):
    lines = SAMPLE.read_text(encoding="utf-8").split("\n")
    lines[index % len(lines)] = replacement

    assert_parses_or_refuses_in_one_line("\n".join(lines).encode("utf-8", "surrogatepass"))


@given(
    headline=line_text.filter(bool),
    section=line_text.filter(lambda text: text and "/" not in text),
    slug=slug_text,
    label=line_text,
    published=st.dates(datetime.date(1000, 1, 1), datetime.date(9999, 12, 31)),
    minutes=st.integers(min_value=0, max_value=9999),
)
def test_a_well_formed_seed_gives_back_the_parts_it_was_built_from(
    headline, section, slug, label, published, minutes
):
    day = f"{MONTHS[published.month - 1]} {published.day}, {published.year}"
    text = seed_text(
        headline=headline,
        path=f"{section}/{published.isoformat()}-{slug}",
        meta=f"{label}{day}{minutes} min read",
    )

    seed = parse(text)

    assert seed.headline == headline
    assert (seed.section, seed.slug, seed.label) == (section, slug, label)
    assert (seed.published, seed.reading_minutes) == (published, minutes)
