"""A readable plain-text version of HTML mail, with the stdlib ``html.parser`` only.

Paragraphs and line breaks survive, lists get bullets, ``<blockquote>`` becomes ``>``
quoting (so reply splitting works on HTML-only mail), links keep their target, and
scripts, styles and the document head are left out.
"""

import re
from html.parser import HTMLParser

_BLOCK = frozenset(
    {
        "address", "article", "aside", "blockquote", "center", "dd", "div", "dl", "dt",
        "fieldset", "figure", "figcaption", "footer", "form", "h1", "h2", "h3", "h4", "h5",
        "h6", "header", "hr", "li", "main", "nav", "ol", "p", "pre", "section", "table",
        "tbody", "thead", "tfoot", "tr", "ul",
    }
)  # fmt: skip
_PARAGRAPH = frozenset({"p", "h1", "h2", "h3", "h4", "h5", "h6", "table", "ul", "ol", "pre"})
_SKIP = frozenset({"script", "style", "head", "title", "template", "noscript", "svg", "object"})
_VOID = frozenset({"br", "hr", "img", "meta", "link", "input", "col", "area", "base", "wbr"})
_WHITESPACE = re.compile(r"[ \t\r\n\f\u200b]+")
_BLANK_LINES = re.compile(r"\n{3,}")


class _TextBuilder(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.lines: list[str] = []
        self._line: list[str] = []
        self._quote = 0
        self._line_quote = 0
        self._skip = 0
        self._pre = 0
        self._lists: list[list[int]] = []  # per open list: [is_ordered, counter]
        self._links: list[str | None] = []
        self._link_text: list[str] = []

    # -- output helpers --------------------------------------------------------------
    def _write(self, text: str) -> None:
        if not self._line:
            self._line_quote = self._quote
        self._line.append(text)
        if self._links:
            self._link_text.append(text)

    def _newline(self) -> None:
        text = "".join(self._line).rstrip()
        prefix = "> " * self._line_quote
        self.lines.append((prefix + text).rstrip() if text or prefix else "")
        self._line = []
        self._line_quote = self._quote

    def _break(self, *, blank: bool = False) -> None:
        if self._line:
            self._newline()
        # Inside a quote the blank line keeps its ">" so the quote stays one block.
        if blank and self.lines and self.lines[-1].replace(">", "").strip():
            self.lines.append(("> " * self._quote).rstrip())

    # -- parser callbacks ------------------------------------------------------------
    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _SKIP:
            if tag not in _VOID:
                self._skip += 1
            return
        if self._skip:
            return
        if tag == "br":
            self._newline()
        elif tag in _BLOCK:
            self._break(blank=tag in _PARAGRAPH)
            self._open_block(tag, attrs)
        elif tag in ("td", "th") and self._line:
            self._write("  ")
        elif tag == "a":
            self._links.append(dict(attrs).get("href"))
            self._link_text = []
        elif tag == "img":
            alt = (dict(attrs).get("alt") or "").strip()
            if alt:
                space = " " if self._line and not self._line[-1].endswith(" ") else ""
                self._write(f"{space}[{alt}] ")

    def _open_block(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "blockquote":
            self._quote += 1
            self._line_quote = self._quote
        elif tag == "pre":
            self._pre += 1
        elif tag in ("ul", "ol"):
            self._lists.append([tag == "ol", 0])
        elif tag == "li":
            if self._lists and self._lists[-1][0]:
                self._lists[-1][1] += 1
                self._write(f"{self._lists[-1][1]}. ")
            else:
                self._write("- ")
        elif tag == "hr":
            self._write("-" * 20)
            self._newline()

    def handle_endtag(self, tag: str) -> None:
        if tag in _SKIP:
            if tag not in _VOID and self._skip:
                self._skip -= 1
            return
        if self._skip:
            return
        if tag == "a" and self._links:
            href = self._links.pop()
            shown = "".join(self._link_text).strip()
            if href and href.startswith(("http://", "https://")) and href not in shown:
                self._write(f" <{href}>")
        elif tag in _BLOCK:
            self._break(blank=tag in _PARAGRAPH)
            if tag == "blockquote" and self._quote:
                if self.lines and self.lines[-1] == ("> " * self._quote).rstrip():
                    self.lines.pop()  # no dangling ">" line at the end of a quote
                self._quote -= 1
                self._break(blank=True)
            elif tag == "pre" and self._pre:
                self._pre -= 1
            elif tag in ("ul", "ol") and self._lists:
                self._lists.pop()

    def handle_data(self, data: str) -> None:
        if self._skip:
            return
        if self._pre:
            first, *rest = data.split("\n")
            self._write(first)
            for line in rest:
                self._newline()
                self._write(line)
            return
        text = _WHITESPACE.sub(" ", data)
        if not self._line:
            text = text.lstrip()
        elif text.startswith(" ") and self._line[-1].endswith(" "):
            text = text[1:]
        if text:
            self._write(text)

    def finish(self) -> str:
        self.close()
        self._break()
        text = "\n".join(self.lines).strip("\n")
        return _BLANK_LINES.sub("\n\n", text)


def html_to_text(html: str) -> str:
    """Readable text from (possibly broken) HTML; never raises."""
    builder = _TextBuilder()
    try:
        builder.feed(html)
        return builder.finish()
    except Exception:  # a text version is a convenience, never a failure
        return _WHITESPACE.sub(" ", re.sub(r"<[^>]*>", " ", html)).strip()
