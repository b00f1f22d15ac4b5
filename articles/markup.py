"""The article body markup: plain text that cannot carry HTML.

Blocks are separated by blank lines. A block that starts with `## ` is a subheading;
every other block is a paragraph, its lines joined by spaces. A paragraph that has to
start with `##` itself is written with a backslash first (`\\## …`). Everything is
escaped, so whatever an editor or a seed file writes reaches the reader as text.
"""

import re
from collections.abc import Iterable

from django.utils.html import escape

from articles.seeds import PARAGRAPH, SUBHEADING, Block

SUBHEADING_PREFIX = "## "
_BLANK_LINES = re.compile(r"\n[ \t]*\n")


def blocks(markup: str) -> list[Block]:
    """Split markup into blocks: the body's paragraphs and subheadings, as seed files have them."""
    result = []
    for raw in _BLANK_LINES.split(markup.replace("\r\n", "\n").replace("\r", "\n")):
        text = " ".join(line.strip() for line in raw.splitlines() if line.strip())
        if not text:
            continue
        if text.startswith(SUBHEADING_PREFIX):
            result.append(Block(SUBHEADING, text.removeprefix(SUBHEADING_PREFIX).strip()))
        else:
            result.append(Block(PARAGRAPH, text.removeprefix("\\")))
    return result


def to_markup(body: Iterable[Block]) -> str:
    """Write blocks as markup; the inverse of `blocks()`."""
    written = []
    for block in body:
        if block.kind == SUBHEADING:
            written.append(SUBHEADING_PREFIX + block.text)
        elif block.text.startswith(("#", "\\")):
            written.append("\\" + block.text)
        else:
            written.append(block.text)
    return "\n\n".join(written)


def render(markup: str, dateline: str = "") -> str:
    """Render markup to HTML: subheadings as <h2>, paragraphs as <p>, all text escaped.

    A dateline opens the first paragraph, as news pages print it.
    """
    html = []
    opening = f'<span class="dateline">{escape(dateline)} —</span> ' if dateline else ""
    for block in blocks(markup):
        if block.kind == SUBHEADING:
            html.append(f"<h2>{escape(block.text)}</h2>")
        else:
            html.append(f"<p>{opening}{escape(block.text)}</p>")
            opening = ""
    return "\n".join(html)
