"""Text as the word list reads it, and text that shows nothing.

A blocked word must match however it is dressed up: in look-alike letters from another script
(Cyrillic "а" for "a"), in fullwidth or mathematical letters, with a zero-width space, a soft
hyphen or a combining accent inside. `fold` brings text and words to one form before they are
compared; that form is for comparing only, never for showing.
"""

import unicodedata
from functools import cache

# Characters that show nothing but are no format characters (Unicode's Cf) or whitespace: the
# Hangul fillers, the blank braille pattern, the combining grapheme joiner and the variation
# selectors. Names made of them look empty on the page.
_BLANK_LOOKING = frozenset(
    "\u115f\u1160\u3164\uffa0\u2800\u034f" + "".join(map(chr, range(0xFE00, 0xFE10)))
)


def _is_invisible(character):
    return unicodedata.category(character) == "Cf" or character in _BLANK_LOOKING


def without_invisible(text):
    """The text without the characters that show nothing: format characters (zero-width space
    and joiners, soft hyphen, direction marks, byte-order mark) and the blank-looking letters."""
    return "".join(character for character in text if not _is_invisible(character))


def is_blank(text):
    """Whether the text shows nothing: empty once invisible characters and spaces are gone."""
    return not without_invisible(text).strip()


@cache
def _lookalikes():
    """{code point: the ASCII letter or digit it looks like}, from Unicode's confusables data
    (UTS #39) as confusable_homoglyphs ships it; letters are preferred to digits."""
    # Imported here: it reads its table (a megabyte of JSON) on import, which a process that
    # never folds a non-ASCII comment need not pay for.
    from confusable_homoglyphs.confusables import confusables_data

    table = {}
    for character, homoglyphs in confusables_data.items():
        if len(character) != 1 or character.isascii():
            continue
        ascii_ones = [
            h["c"] for h in homoglyphs if len(h["c"]) == 1 and h["c"].isascii() and h["c"].isalnum()
        ]
        if ascii_ones:
            table[ord(character)] = min(ascii_ones, key=lambda c: not c.isalpha())
    return table


class _FoldTable(dict):
    """{code point: what `fold` makes of the character}, for str.translate: nothing for an
    invisible character or a combining mark, the ASCII letter for a look-alike, else itself.
    Worked out the first time a character is met, so a comment costs one pass in C."""

    def __missing__(self, code):
        character = chr(code)
        if _is_invisible(character) or unicodedata.combining(character):
            folded = None
        else:
            folded = _lookalikes().get(code, character)
        self[code] = folded
        return folded


_FOLD = _FoldTable()


def fold(text):
    """The form in which text is compared with the word list: compatibility characters made
    plain (NFKC: fullwidth, ligatures, mathematical letters), invisible characters and combining
    marks removed, case-folded, and look-alike letters of other scripts made the ASCII letter
    they imitate."""
    if text.isascii():
        # Most comments: nothing to normalise, nothing invisible, no look-alikes.
        return text.lower()
    # NFD after NFKC parts letters from their accents, which the table then drops.
    text = unicodedata.normalize("NFD", unicodedata.normalize("NFKC", text))
    # Folded before case-folding too: some capitals look like a Latin capital whose small
    # letter does not look like the Latin one (Cyrillic "М", "м").
    text = text.translate(_FOLD).casefold().translate(_FOLD).casefold()
    return unicodedata.normalize("NFC", text)
