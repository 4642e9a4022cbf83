"""HTML pages: main content only, in reading order, read offline."""

import pytest

from checker.document import BlockKind
from checker.errors import UnreadableDocument
from checker.parse.html import parse_html

PAGE = """<!DOCTYPE html>
<html lang="en-GB"><head>
<meta charset="windows-1252">
<title>Drug misuse | Exampleshire JSNA</title>
<style>.x{color:red}</style><script>var tracking = "naloxone";</script>
</head><body>
<a class="govuk-skip-link" href="#main">Skip to main content</a>
<div class="cookie-banner"><p>We use cookies to make this site work.</p></div>
<header class="site-header"><a href="/">Exampleshire Council home</a></header>
<nav class="site-nav"><ul><li><a href="/a">Adult social care</a></li></ul></nav>
<div class="breadcrumb"><ol><li>Home</li><li>JSNA</li></ol></div>
<div role="navigation"><a href="/jsna">All JSNA chapters</a></div>
<main id="main">
<article>
<header><h1>Drug misuse</h1></header>
<h2>Contents</h2>
<ul class="contents-list"><li><a href="#facts">Key facts</a></li>
<li><a href="#need">Need</a></li></ul>
<h2 id="facts">Key facts</h2>
<p>An estimated <strong>1,640</strong> adults use opiates and/or crack cocaine &ndash; 8.7 per
1,000 (England 8.9). Spending is \xa32.1m.<br>Second line of the same paragraph.<br><br>A new
paragraph after two breaks.</p>
<div>Text straight in a div, with <a href="/x">a link</a>.</div>
<ul><li>98% started treatment within three weeks
  <ul><li>median wait six days</li></ul></li>
  <li><p>33 deaths in 2022</p></li></ul>
<p hidden>Draft text that is hidden.</p>
<p style="display: none">Also hidden.</p>
<h3 id="need">Need in prison</h3>
<table class="data-table"><caption>Table 1: Prison leavers</caption>
<thead><tr><th>Year</th><th>Released</th><th>Engaged</th></tr></thead>
<tbody><tr><th scope="row">2022/23</th><td>402</td><td>36.1%</td></tr>
<tr><td>2023/24</td><td></td><td>41%<br>(provisional)</td></tr></tbody></table>
<table><tr><td><h4>Layout box</h4><ul><li>inside a layout table</li></ul></td></tr></table>
<p class="back-to-top"><a href="#top">Back to top</a></p>
</article>
</main>
<aside><h2>Related pages</h2></aside>
<footer class="site-footer"><p>\xa9 Exampleshire Council</p></footer>
<div class="page-feedback"><h2>Is this page useful?</h2></div>
</body></html>
"""


@pytest.fixture(scope="module")
def found():
    return parse_html("page.html", PAGE.encode("cp1252")).blocks


def test_only_the_main_content_is_read(found) -> None:
    text = " ".join(b.text for b in found)
    for furniture in ("Skip to main", "cookies", "council home", "Adult social care", "JSNA",
                      "All JSNA chapters", "hidden", "Related pages", "Copyright", "\xa9",
                      "useful", "Back to top", "tracking", "color"):
        assert furniture not in text


def test_structure(found) -> None:
    kinds = [(b.kind, b.text, b.level) for b in found]
    assert kinds[0] == (BlockKind.HEADING, "Drug misuse", 1)  # the article's own header stays
    assert [b.text for b in found if b.kind is BlockKind.TOC] == ["Key facts", "Need"]
    assert (BlockKind.PARAGRAPH, "An estimated 1,640 adults use opiates and/or crack cocaine – "
            "8.7 per 1,000 (England 8.9). Spending is £2.1m. Second line of the same paragraph.",
            0) in kinds
    assert (BlockKind.PARAGRAPH, "A new paragraph after two breaks.", 0) in kinds
    assert (BlockKind.PARAGRAPH, "Text straight in a div, with a link.", 0) in kinds
    assert [(b.text, b.level) for b in found if b.kind is BlockKind.LIST_ITEM] == [
        ("98% started treatment within three weeks", 1), ("median wait six days", 2),
        ("33 deaths in 2022", 1), ("inside a layout table", 1)]
    assert [b.text for b in found if b.kind is BlockKind.TABLE_ROW] == [
        "Year | Released | Engaged", "2022/23 | 402 | 36.1%", "2023/24 | 41% (provisional)"]
    row = next(b for b in found if b.text.startswith("2022/23"))
    assert row.heading_path == ("Drug misuse", "Key facts", "Need in prison")
    assert (BlockKind.HEADING, "Layout box", 4) in kinds  # a layout table is not a data table


def test_entities_are_not_expanded_and_nothing_is_fetched() -> None:
    page = b"""<?xml version="1.0"?>
<!DOCTYPE html [<!ENTITY boom "BOOM BOOM BOOM"><!ENTITY ext SYSTEM "file:///etc/passwd">]>
<html><body><p>Safe &amp; sound &boom; &ext;</p>
<img src="http://example.invalid/x.png" alt="x"></body></html>"""
    text = " ".join(b.text for b in parse_html("x.html", page).blocks)
    assert "Safe & sound" in text
    assert "BOOM" not in text and "root:" not in text


def test_charset_from_meta_and_bom() -> None:
    latin = '<html><head><meta http-equiv="Content-Type" content="text/html; charset=iso-8859-1">'
    page = (latin + "</head><body><p>\u00a3300 \u2013 caf\u00e9</p></body></html>").encode("cp1252")
    assert parse_html("x.html", page).blocks[0].text == "\u00a3300 \u2013 caf\u00e9"
    page = "<html><body><p>\u00a3300 \u2013 caf\u00e9</p></body></html>".encode("utf-8-sig")
    assert parse_html("x.html", page).blocks[0].text == "\u00a3300 \u2013 caf\u00e9"


def test_deep_nesting_is_read_without_recursion() -> None:
    page = ("<p>before</p>" + "<div>" * 5000 + "deep" + "</div>" * 5000).encode()
    document = parse_html("x.html", page)
    assert document.blocks[0].text == "before"
    assert document.warnings == ["the HTML is nested too deeply; the deepest part was not read"]


def test_empty_page_is_unreadable() -> None:
    with pytest.raises(UnreadableDocument, match="no text found"):
        parse_html("x.html", b"<html><head><title>x</title></head><body> </body></html>")


def test_a_form_around_the_whole_page_is_not_furniture() -> None:
    page = (b"<html><body><form id='aspnetForm'><div class='menu'><a>Home</a></div>"
            b"<h1>Treatment plan</h1><p>Body text.</p><footer>Copyright</footer>"
            b"</form></body></html>")
    assert [(b.kind, b.text) for b in parse_html("x.html", page).blocks] == [
        (BlockKind.HEADING, "Treatment plan"), (BlockKind.PARAGRAPH, "Body text.")]
