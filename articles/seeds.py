"""Parse seed files: plain-text captures of article pages from the old site.

A seed is UTF-8 text whose parts come in a fixed order (SEED-FORMAT.md names and numbers them):

    1   page title        "<headline> — news"
    2   original path     "<Section>/<YYYY-MM-DD>-<slug>": the article's identity, old links use it
    3   meta line         label, date and reading time glued: "Breaking NewsMar 8, 20264 min read"
    4   blank line
    5   headline again
    6   blank line
    7   deck              optional: one short title-case line without a closing full stop
    8   body              blocks separated by blank lines: paragraphs and subheadings; the first
                          paragraph may open with a dateline ("WASHINGTON — "), the last may
                          credit the reporting ("This article is based on reporting from …")
    9   source block      optional: "Original Source", blank line, the publisher's domain
    10  comments trailer  optional: "Comments" and the captured, empty thread; no data

Parts 1-3 are found by position, the rest by shape. The judgement calls (is this line a deck, a
subheading, a dateline, a credit?) are small predicates below, each saying what it looks for.

No Django here: `parse_seed` turns bytes into a `Seed` or raises `SeedError` with a one-line
reason, and does nothing else, so the importer and the tests can rely on exactly that.
`format_seed` writes a `Seed` back as text (see its docstring for what reads back the same).
"""

import datetime
import re
from dataclasses import dataclass
from itertools import groupby
from typing import NamedTuple

PARAGRAPH = "paragraph"
SUBHEADING = "subheading"

# What the site appends to every page title: space, em dash, space, site name.
TITLE_SUFFIX = " — news"

_MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")
_DATE = rf"(?P<month>{'|'.join(_MONTHS)}) (?P<day>[0-9]{{1,2}}), (?P<year>[0-9]{{4}})"
_DATE_PATTERN = re.compile(_DATE)
# The label is greedy, so the date is the last one on the line: the one glued to the reading time
# at the end. A four-digit year is what tells "202612 min read" apart into 2026 and 12.
_META_PATTERN = re.compile(rf"(?P<label>.*){_DATE}\s*(?P<minutes>[0-9]+) min read")
# Reading times are small numbers; a longer digit string is a broken line, and converting
# thousands of digits to int would raise Python's own ValueError (int_max_str_digits).
_MAX_MINUTE_DIGITS = 4

# The section and slug are single path segments with no surrounding whitespace.
_PATH_PATTERN = re.compile(
    r"(?P<section>[^/\s](?:[^/]*[^/\s])?)/(?P<date>[0-9]{4}-[0-9]{2}-[0-9]{2})-(?P<slug>[^/\s]+)"
)

_UTF8_BOM = b"\xef\xbb\xbf"
_UTF16_BOMS = (b"\xff\xfe", b"\xfe\xff")
# C0 controls other than tab, LF and CR, plus DEL and the C1 controls: text does not contain them.
_CONTROL_CHARACTER = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")

_DECK_MAX_CHARS = 200
_SUBHEADING_MAX_CHARS = 100
_SUBHEADING_MAX_WORDS = 12
# A line ending in one of these (perhaps followed by closing quotes or brackets) is a sentence,
# not a heading.
_TERMINAL_PUNCTUATION = tuple(".!?:;,…")
# Straight and curly quotes, guillemets and brackets (escaped: some look like other characters).
_CLOSING_MARKS = "\"')]\u201d\u2019\u00bb\u203a"
_OPENING_MARKS = "\"'([\u201c\u2018\u00ab\u2039"
# Words that title case leaves in lower case: articles, conjunctions, short prepositions.
_SMALL_WORDS = frozenset(
    {"a", "an", "the"}
    | {"and", "as", "but", "for", "nor", "or", "so", "yet"}
    | {"at", "by", "from", "in", "into", "of", "off", "on", "onto", "over", "per", "to", "up"}
    | {"via", "vs", "vs.", "with"}
)

_DATELINE_SEPARATOR = " — "
# Longer than any place name ("WASHINGTON, D.C.", "RIO DE JANEIRO"); also bounds the search.
_DATELINE_MAX_CHARS = 40
# Right single quotation mark, as in "PRINCE GEORGE\u2019S COUNTY".
_DATELINE_PUNCTUATION = " .,'-\u2019"

_CREDIT_OPENINGS = ("This article is based on", "Based on reporting from")
_SOURCE_HEADING = "Original Source"
_COMMENTS_HEADING = "Comments"
_EMPTY_THREAD_OPENING = "No comments yet"


class SeedError(ValueError):
    """A file that is not a valid seed.

    str(err) is one line: the problem, with a 'line N: ' prefix when a line is known.
    """

    def __init__(self, message: str, line: int | None = None) -> None:
        # Both go to args, so the error pickles (and reprs) with its line.
        super().__init__(message, line)
        self.message = message
        self.line = line

    def __str__(self) -> str:
        return self.message if self.line is None else f"line {self.line}: {self.message}"


@dataclass(frozen=True, slots=True)
class Block:
    """One block of an article's body: a paragraph or a subheading."""

    kind: str
    text: str


@dataclass(frozen=True, slots=True)
class Seed:
    """Everything a seed file says about one article."""

    headline: str
    original_path: str
    section: str
    slug: str
    label: str
    published: datetime.date
    reading_minutes: int
    deck: str
    dateline: str
    body: tuple[Block, ...]
    source_domain: str
    credit: str


class _Chunk(NamedTuple):
    """Consecutive non-blank lines of the file: `line` is the first one's number."""

    line: int
    text: str
    line_count: int


def parse_seed(data: bytes) -> Seed:
    """Parse the bytes of a seed file; raise SeedError if they are not a valid seed."""
    lines = _lines(_decode(data))
    headline = _parse_title(_header_line(lines, 1, "page title"))
    original_path, section, slug = parse_original_path(_header_line(lines, 2, "original path"))
    label, published, reading_minutes = _parse_meta(_header_line(lines, 3, "meta line"))

    chunks = _chunks(lines, first=4)
    if not chunks:
        raise SeedError("file ends after the meta line: no headline and no body", 3)
    _check_repeated_headline(chunks[0], headline)
    content, source_domain = _split_off_trailers(chunks[1:])
    if not content:
        raise SeedError("file has no body after the headline", chunks[0].line)
    content, credit = _split_off_credit(content)
    deck, content = _split_off_deck(content)
    dateline, first_paragraph = _split_dateline(content[0].text)

    return Seed(
        headline=headline,
        original_path=original_path,
        section=section,
        slug=slug,
        label=label,
        published=published,
        reading_minutes=reading_minutes,
        deck=deck,
        dateline=dateline,
        body=_body([content[0]._replace(text=first_paragraph), *content[1:]]),
        source_domain=source_domain,
        credit=credit,
    )


# Text and lines


def _decode(data: bytes) -> str:
    """Return the file's text, refusing what is not UTF-8 text."""
    data = data.removeprefix(_UTF8_BOM)
    if not data:
        raise SeedError("file is empty")
    if data.startswith(_UTF16_BOMS):
        raise SeedError("file is UTF-16, not UTF-8")
    # Checked before decoding: NUL is valid UTF-8, and binary data usually fails to decode, which
    # would blame the encoding for what is not text at all.
    if b"\x00" in data:
        at = data.index(b"\x00")
        raise SeedError(
            "binary data (NUL byte), not text", _line_number(data[:at].decode("latin-1"))
        )
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as error:
        line = _line_number(data[: error.start].decode("latin-1"))
        raise SeedError(f"not UTF-8 (byte 0x{data[error.start]:02X})", line) from None
    control = _CONTROL_CHARACTER.search(text)
    if control:
        character = f"U+{ord(control.group()):04X}"
        line = _line_number(text[: control.start()])
        raise SeedError(f"binary data (control character {character}), not text", line)
    if not text.strip():
        raise SeedError("file has only whitespace")
    return text


def _line_number(before: str) -> int:
    """Number of the line that starts after `before`, whichever line endings it uses."""
    return before.count("\n") + before.count("\r") - before.count("\r\n") + 1


def _lines(text: str) -> list[str]:
    """Split on any line ending and strip each line: indentation and trailing spaces are noise.

    Blank lines at the end are dropped, so a file cut short is reported as ending where its
    text ends.
    """
    lines = [line.strip() for line in text.replace("\r\n", "\n").replace("\r", "\n").split("\n")]
    while not lines[-1]:  # Stops: _decode refused text that is only whitespace.
        lines.pop()
    return lines


def _chunks(lines: list[str], first: int) -> list[_Chunk]:
    """Group the lines from number `first` on into chunks separated by blank lines.

    The lines of a chunk are joined with a space: a line break inside a paragraph is soft.
    """
    chunks = []
    numbered = enumerate(lines[first - 1 :], start=first)
    for has_text, group in groupby(numbered, key=lambda numbered_line: bool(numbered_line[1])):
        if has_text:
            numbers, texts = zip(*group, strict=True)
            chunks.append(_Chunk(numbers[0], " ".join(texts), len(texts)))
    return chunks


def _quote(text: str) -> str:
    """Quote text from the file for an error message: short, and on one line whatever it holds."""
    return repr(text if len(text) <= 60 else text[:60] + "…")


# Parts 1-3: title, original path, meta line


def _header_line(lines: list[str], number: int, part: str) -> str:
    if len(lines) < number:
        raise SeedError(f"file ends before the {part}", number)
    if not lines[number - 1]:
        raise SeedError(f"expected the {part}, found a blank line", number)
    return lines[number - 1]


def _parse_title(title: str) -> str:
    return title.removesuffix(TITLE_SUFFIX).strip()


def parse_original_path(line: str) -> tuple[str, str, str]:
    """Return the original path (without a leading "/"), its section and its slug.

    Raise SeedError (about line 2, where a seed has it) if the line is not such a path.
    """
    path = line.lstrip("/")
    match = _PATH_PATTERN.fullmatch(path)
    if match is None:
        raise SeedError(f"{_quote(path)} is not a path like 'News/2026-03-08-some-slug'", 2)
    try:
        datetime.date.fromisoformat(match["date"])
    except ValueError:
        raise SeedError(f"{match['date']} in the path is not a date", 2) from None
    return path, match["section"], match["slug"]


def _parse_meta(line: str) -> tuple[str, datetime.date, int]:
    """Return the label, publication date and reading time of the meta line."""
    match = _META_PATTERN.fullmatch(line)
    if match is None:
        if _DATE_PATTERN.search(line):
            raise SeedError("no reading time like '4 min read' after the date in the meta line", 3)
        raise SeedError("no date like 'Mar 8, 2026' in the meta line", 3)
    month, day, year = match["month"], match["day"], match["year"]
    try:
        published = datetime.date(int(year), _MONTHS.index(month) + 1, int(day))
    except ValueError:
        raise SeedError(f"{month} {day}, {year} is not a date", 3) from None
    minutes = match["minutes"].lstrip("0") or "0"
    if len(minutes) > _MAX_MINUTE_DIGITS:
        raise SeedError(f"a reading time of {len(minutes)} digits is not plausible", 3)
    return match["label"].strip(), published, int(minutes)


# Parts 5, 9 and 10: the repeated headline and the trailers


def _check_repeated_headline(chunk: _Chunk, headline: str) -> None:
    """Refuse a file whose part 5 is not the headline: its parts would be out of place."""
    repeated = chunk.text.removesuffix(TITLE_SUFFIX).strip()
    if _comparable(repeated) != _comparable(headline):
        raise SeedError(f"expected the headline again, found {_quote(chunk.text)}", chunk.line)


def _comparable(text: str) -> str:
    return " ".join(text.split()).casefold()


def _split_off_trailers(chunks: list[_Chunk]) -> tuple[list[_Chunk], str]:
    """Return the chunks before the source block and comments trailer, and the source domain."""
    source = next(
        (i for i in reversed(range(len(chunks))) if chunks[i].text == _SOURCE_HEADING), None
    )
    if source is None:
        return _without_comments_trailer(chunks), ""
    return chunks[:source], _source_domain(chunks[source:])


def _source_domain(trailer: list[_Chunk]) -> str:
    """Return the domain of a source block, which only a comments trailer may follow."""
    heading, *rest = trailer
    if not rest or not _is_domain(rest[0]):
        found = _quote(rest[0].text) if rest else "nothing"
        raise SeedError(f"expected a domain after {_SOURCE_HEADING!r}, found {found}", heading.line)
    domain, *after = rest
    if after and after[0].text != _COMMENTS_HEADING:
        raise SeedError(
            f"unexpected text after the source block: {_quote(after[0].text)}", after[0].line
        )
    return domain.text


def _is_domain(chunk: _Chunk) -> bool:
    text = chunk.text
    return "." in text.strip(".") and not any(c.isspace() or c == "/" for c in text)


def _without_comments_trailer(chunks: list[_Chunk]) -> list[_Chunk]:
    """Drop a comments trailer that ends a file without a source block.

    Without the source block to anchor it, "Comments" counts as the trailer only at the very end,
    alone or followed by the empty thread's notice; anywhere else it is part of the body.
    """
    if (
        len(chunks) >= 2
        and chunks[-2].text == _COMMENTS_HEADING
        and chunks[-1].text.startswith(_EMPTY_THREAD_OPENING)
    ):
        return chunks[:-2]
    if chunks and chunks[-1].text == _COMMENTS_HEADING:
        return chunks[:-1]
    return chunks


# Parts 7 and 8: deck, dateline, body and credit


def _split_off_credit(chunks: list[_Chunk]) -> tuple[list[_Chunk], str]:
    """Separate a closing paragraph that credits the reporting."""
    last = chunks[-1]
    if not last.text.startswith(_CREDIT_OPENINGS):
        return chunks, ""
    if len(chunks) == 1:
        raise SeedError("file has no body besides the credit line", last.line)
    return chunks[:-1], last.text


def _split_off_deck(chunks: list[_Chunk]) -> tuple[str, list[_Chunk]]:
    """Separate the deck: a short title-case line, without closing punctuation, before more body."""
    first = chunks[0]
    is_deck = (
        len(chunks) > 1
        and first.line_count == 1
        and len(first.text) <= _DECK_MAX_CHARS
        and not _ends_with_punctuation(first.text)
        and _is_title_case(first.text)
    )
    return (first.text, chunks[1:]) if is_deck else ("", chunks)


def _body(chunks: list[_Chunk]) -> tuple[Block, ...]:
    """Classify the chunks: a subheading stands between paragraphs, so never first or last."""
    last = len(chunks) - 1
    return tuple(
        Block(SUBHEADING if 0 < i < last and _is_subheading(chunk) else PARAGRAPH, chunk.text)
        for i, chunk in enumerate(chunks)
    )


def _is_subheading(chunk: _Chunk) -> bool:
    return (
        chunk.line_count == 1
        and len(chunk.text) <= _SUBHEADING_MAX_CHARS
        and len(chunk.text.split()) <= _SUBHEADING_MAX_WORDS
        and not _ends_with_punctuation(chunk.text)
    )


def _ends_with_punctuation(text: str) -> bool:
    return text.rstrip(_CLOSING_MARKS).endswith(_TERMINAL_PUNCTUATION)


def _is_title_case(text: str) -> bool:
    """Whether text is capitalized like a title.

    Its first word must be capitalized, and so must most (four in five) of the others, not
    counting small words like "of" or "to"; "most" forgives a house style that lowercases, say,
    "than". A word counts as capitalized unless it is all lower case, so "iPhone" does.
    """
    words = [word.lstrip(_OPENING_MARKS) for word in text.split()]
    words = [word for word in words if word[:1].isalpha()]
    if not words or words[0].islower():
        return False
    significant = [word for word in words[1:] if word.lower() not in _SMALL_WORDS]
    capitalized = sum(not word.islower() for word in significant)
    return 5 * capitalized >= 4 * len(significant)


def _split_dateline(paragraph: str) -> tuple[str, str]:
    """Split "WASHINGTON — Anthropic CEO …" into the place and the rest of the paragraph.

    The place is in capitals (letters, spaces, dots, commas, apostrophes, hyphens) and the rest
    must start like a sentence; otherwise there is no dateline and the paragraph stays whole.
    """
    end = paragraph.find(_DATELINE_SEPARATOR, 0, _DATELINE_MAX_CHARS + len(_DATELINE_SEPARATOR))
    if end < 1:
        return "", paragraph
    place, rest = paragraph[:end], paragraph[end + len(_DATELINE_SEPARATOR) :].strip()
    if _is_place(place) and rest and not rest[0].islower():
        return place, rest
    return "", paragraph


def _is_place(text: str) -> bool:
    return (
        text[0].isalpha()
        and sum(c.isalpha() for c in text) >= 2
        and all(c.isupper() if c.isalpha() else c in _DATELINE_PUNCTUATION for c in text)
    )


# Writing

# A space between two words: where a paragraph can break onto a second line (the parser joins
# a paragraph's lines with one space again).
_SOFT_BREAK = re.compile(r"(?<=\S) (?=\S)")


def format_seed(seed: Seed) -> str:
    """Write a seed as a seed file's text (LF line endings, no comments trailer).

    Each part goes where `parse_seed` looks for it, and a paragraph without closing punctuation
    is broken onto two lines (`_written`). A seed the parser produced therefore reads back the
    same: `parse_seed(format_seed(seed).encode())` equals it. The format has no escapes,
    though, so another seed reads back the same only if each part has the shape the parser
    knows it by:

    - every text is on one line, without surrounding whitespace, and the headline is not empty;
    - `original_path` is a path `parse_original_path` accepts, with `section` and `slug` as its
      section and slug (the date in it need not be `published`);
    - a deck is title case without closing punctuation; the body opens and ends with a
      paragraph, and a subheading is short and unpunctuated (`_is_subheading`); a paragraph of
      a single word ends with punctuation;
    - a dateline is a place in capitals whose paragraph does not open in lower case, and
      without one the first paragraph does not open like "PLACE — ";
    - a credit opens like one (`_CREDIT_OPENINGS`), and without one the last paragraph does
      not; no block is "Original Source" or "Comments" alone;
    - `source_domain` looks like a domain, and `reading_minutes` has at most four digits.
    """
    published = seed.published
    meta = (
        f"{seed.label}{_MONTHS[published.month - 1]} {published.day}, {published.year:04d}"
        f"{seed.reading_minutes} min read"
    )
    title = seed.headline + TITLE_SUFFIX
    dateline = seed.dateline + _DATELINE_SEPARATOR if seed.dateline else ""
    body = [_written(block, dateline if i == 0 else "") for i, block in enumerate(seed.body)]
    blocks = [title, seed.deck, *body, seed.credit]
    if seed.source_domain:
        blocks += [_SOURCE_HEADING, seed.source_domain]
    header = "\n".join([title, seed.original_path, meta])
    return header + "\n\n" + "\n\n".join(block for block in blocks if block) + "\n"


def _written(block: Block, opening: str) -> str:
    """A body block as a file has it. A paragraph without closing punctuation goes on two
    lines: a subheading or a deck is one line, so it cannot be taken for either."""
    text = opening + block.text
    if block.kind == PARAGRAPH and not _ends_with_punctuation(text):
        return _SOFT_BREAK.sub("\n", text, count=1)
    return text
