"""Mail HTML as the case view shows it: sanitised again, at display time, for ``QTextBrowser``.

The stored HTML was cleaned when the mail arrived; it is cleaned once more here with a
smaller allow-list, because what is harmless depends on the viewer and the stored copy
may come from an older parser. Nothing in the result loads from the network unless
the agent asked for one message's images: ``cid:`` images point at the message's own
attachments (``omnidesk-inline:<id>``), remote images are dropped and counted.
"""

import re
from collections.abc import Mapping
from dataclasses import dataclass
from html import unescape

import nh3

from omnidesk.core.ids import AttachmentId

INLINE_SCHEME = "omnidesk-inline"
"""Scheme of an inline image stored as an attachment (``omnidesk-inline:12``)."""

_TAGS = frozenset(
    {
        "a", "b", "big", "blockquote", "br", "caption", "center", "cite", "code", "dd",
        "del", "div", "dl", "dt", "em", "font", "h1", "h2", "h3", "h4", "h5", "h6", "hr",
        "i", "img", "ins", "li", "ol", "p", "pre", "q", "s", "small", "span", "strike",
        "strong", "sub", "sup", "table", "tbody", "td", "tfoot", "th", "thead", "tr", "tt",
        "u", "ul",
    }
)  # fmt: skip
# Dropped with everything inside: their text is not message text (and forms are no place
# to type a customer's data into).
_DROP_WITH_CONTENT = frozenset(
    {
        "script", "style", "title", "head", "iframe", "frame", "frameset", "object",
        "embed", "applet", "noscript", "svg", "math", "template", "form", "select",
        "textarea", "button", "audio", "video", "canvas", "link", "meta", "base",
    }
)  # fmt: skip
_ATTRIBUTES = {
    "*": {"align", "valign", "dir", "style", "bgcolor", "width", "height"},
    "a": {"href"},
    "img": {"src", "alt"},
    "font": {"color", "face", "size"},
    "table": {"border", "cellpadding", "cellspacing"},
    "td": {"colspan", "rowspan", "nowrap"},
    "th": {"colspan", "rowspan", "nowrap"},
    "ol": {"start", "type"},
}
# Colours and text only: no property here can name a URL, so no style loads anything.
_STYLE_PROPERTIES = frozenset(
    {
        "color", "background-color", "font-family", "font-size", "font-style",
        "font-weight", "text-align", "text-decoration", "vertical-align", "white-space",
        "margin", "margin-top", "margin-bottom", "margin-left", "margin-right", "padding",
    }
)  # fmt: skip
_URL_SCHEMES = frozenset({"http", "https", "mailto", "cid", "data", INLINE_SCHEME})
_LINKS = ("http://", "https://", "mailto:")
_REMOTE = ("http://", "https://")
_DATA_IMAGE = re.compile(r"data:image/(?:png|jpe?g|gif|bmp);base64,", re.IGNORECASE)
_IMG_TAG = re.compile(r"<img\b[^>]*>", re.IGNORECASE)
_SRC = re.compile(r'\bsrc="([^"]*)"')
_ALT = re.compile(r'\balt="([^"]*)"')


@dataclass(frozen=True, slots=True)
class DisplayHtml:
    html: str
    images_blocked: int
    """Images left out: remote ones, and ones the stored copy had already lost its address."""


def inline_url(attachment_id: AttachmentId) -> str:
    return f"{INLINE_SCHEME}:{int(attachment_id)}"


def display_html(
    html: str, *, inline: Mapping[str, AttachmentId], remote: bool = False
) -> DisplayHtml:
    """Clean ``html`` for the case view.

    ``inline`` maps a ``Content-ID`` (without brackets) to the attachment holding it;
    ``remote`` keeps ``http(s)`` image addresses (the agent asked to load them).
    """

    def keep(tag: str, attribute: str, value: str) -> str | None:
        url = value.strip()
        if attribute == "src":
            return _image_source(tag, url, inline=inline, remote=remote)
        if attribute == "href":
            return url if url.lower().startswith(_LINKS) else None
        return value

    cleaned = nh3.clean(
        html,
        tags=set(_TAGS),
        clean_content_tags=set(_DROP_WITH_CONTENT),
        attributes={tag: set(names) for tag, names in _ATTRIBUTES.items()},
        attribute_filter=keep,
        strip_comments=True,
        link_rel=None,
        url_schemes=set(_URL_SCHEMES),
        filter_style_properties=set(_STYLE_PROPERTIES),
    )
    blocked = 0

    def placeholder(found: re.Match[str]) -> str:
        # An image without an address would make Qt look for a file named "": show its
        # description instead, like a mail client with images off.
        nonlocal blocked
        tag = found.group(0)
        if _SRC.search(tag) is not None:
            return tag
        blocked += 1
        alt = _ALT.search(tag)
        return f"[{alt.group(1)}]" if alt and alt.group(1).strip() else "[▫]"

    return DisplayHtml(html=_IMG_TAG.sub(placeholder, cleaned), images_blocked=blocked)


def remote_image_urls(html: str) -> list[str]:
    """The ``http(s)`` image addresses in cleaned HTML, each once, in order."""
    urls: list[str] = []
    for tag in _IMG_TAG.findall(html):
        found = _SRC.search(tag)
        url = unescape(found.group(1)) if found else ""
        if url.lower().startswith(_REMOTE) and url not in urls:
            urls.append(url)
    return urls


def _image_source(
    tag: str, url: str, *, inline: Mapping[str, AttachmentId], remote: bool
) -> str | None:
    if tag != "img":
        return None
    lower = url.lower()
    if lower.startswith("cid:"):
        attachment = inline.get(url[4:].strip("<>"))
        return inline_url(attachment) if attachment is not None else None
    if _DATA_IMAGE.match(lower):
        return url
    if remote and lower.startswith(_REMOTE):
        return url
    return None
