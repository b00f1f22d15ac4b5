"""The article body markup: plain text that cannot carry HTML.

Blocks are separated by blank lines. A block that starts with `## ` is a subheading;
every other block is a paragraph, its lines joined by spaces. A paragraph that has to
start with `##` itself is written with a backslash first (`\\## …`). Everything is
escaped, so whatever an editor or a seed file writes reaches the reader as text.
"""

import re
from collections.abc import Iterable

from django.utils.html import escape

SUBHEADING_PREFIX = "## "
_BLANK_LINES = re.compile(r"\n[ \t]*\n")


def blocks(markup: str) -> list[tuple[str, str]]:
    """Split markup into (kind, text) pairs, kind being "subheading" or "paragraph"."""
    result = []
    for raw in _BLANK_LINES.split(markup.replace("\r\n", "\n").replace("\r", "\n")):
        text = " ".join(line.strip() for line in raw.splitlines() if line.strip())
        if not text:
            continue
        if text.startswith(SUBHEADING_PREFIX):
            result.append(("subheading", text.removeprefix(SUBHEADING_PREFIX).strip()))
        else:
            result.append(("paragraph", text.removeprefix("\\")))
    return result


def to_markup(parts: Iterable[tuple[str, str]]) -> str:
    """Write (kind, text) pairs as markup; the inverse of `blocks()`."""
    written = []
    for kind, text in parts:
        if kind == "subheading":
            written.append(SUBHEADING_PREFIX + text)
        elif text.startswith(("#", "\\")):
            written.append("\\" + text)
        else:
            written.append(text)
    return "\n\n".join(written)


def render(markup: str, dateline: str = "") -> str:
    """Render markup to HTML: subheadings as <h2>, paragraphs as <p>, all text escaped.

    A dateline opens the first paragraph, as news pages print it.
    """
    html = []
    opening = f'<span class="dateline">{escape(dateline)} —</span> ' if dateline else ""
    for kind, text in blocks(markup):
        if kind == "subheading":
            html.append(f"<h2>{escape(text)}</h2>")
        else:
            html.append(f"<p>{opening}{escape(text)}</p>")
            opening = ""
    return "\n".join(html)
