from articles import markup
from articles.seeds import PARAGRAPH, SUBHEADING, Block


def test_blank_lines_separate_paragraphs_and_hashes_make_subheadings():
    text = "First paragraph\nstill first.\n\n## A subheading\n\nSecond paragraph."

    html = markup.render(text)

    assert html == (
        "<p>First paragraph still first.</p>\n<h2>A subheading</h2>\n<p>Second paragraph.</p>"
    )


def test_html_in_the_markup_is_shown_as_text():
    text = '<script>alert("x")</script> & <b>bold</b>\n\n## <img src=x onerror=alert(1)>'

    html = markup.render(text)

    assert "<script>" not in html
    assert "<img" not in html
    assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &lt;b&gt;bold&lt;/b&gt;" in html


def test_the_dateline_opens_the_first_paragraph_only():
    html = markup.render("## Heading\n\nOne.\n\nTwo.", dateline="WASHINGTON")

    assert html == (
        '<h2>Heading</h2>\n<p><span class="dateline">WASHINGTON —</span> One.</p>\n<p>Two.</p>'
    )


def test_windows_line_endings_read_like_unix_ones():
    assert markup.blocks("One.\r\n\r\nTwo.") == [Block(PARAGRAPH, "One."), Block(PARAGRAPH, "Two.")]


def test_writing_blocks_and_reading_them_back_gives_the_same_blocks():
    body = [
        Block(PARAGRAPH, "Plain text."),
        Block(SUBHEADING, "What’s Next"),
        Block(PARAGRAPH, "## not a heading, just text"),
        Block(PARAGRAPH, "\\ a backslash first"),
    ]

    assert markup.blocks(markup.to_markup(body)) == body
