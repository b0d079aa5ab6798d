"""Sanitising email HTML with nh3 so the desktop can show it without loading anything.

Scripts, styles, forms, frames and event handlers go; links stay (nothing is loaded
until an agent clicks). Images load only from the message itself (``cid:``) or from
inline ``data:`` URLs; remote images are dropped unless the caller allows them, and
counted so the UI can offer to load them (it re-sanitises from the stored raw mail).
"""

import re
from dataclasses import dataclass

import nh3

_TAGS = frozenset(
    {
        "a", "abbr", "address", "article", "b", "bdi", "bdo", "big", "blockquote", "br",
        "caption", "center", "cite", "code", "col", "colgroup", "dd", "del", "dfn", "div",
        "dl", "dt", "em", "figcaption", "figure", "font", "footer", "h1", "h2", "h3", "h4",
        "h5", "h6", "header", "hr", "i", "img", "ins", "kbd", "li", "main", "mark", "ol",
        "p", "pre", "q", "s", "samp", "section", "small", "span", "strike", "strong", "sub",
        "sup", "table", "tbody", "td", "tfoot", "th", "thead", "tr", "tt", "u", "ul", "var",
        "wbr",
    }
)  # fmt: skip
# Removed together with their content (the text of a <script> is not message text).
_DROP_WITH_CONTENT = frozenset(
    {
        "script", "style", "title", "iframe", "frame", "frameset", "object", "embed",
        "applet", "noscript", "svg", "math", "template", "select", "textarea", "button",
    }
)  # fmt: skip
_ATTRIBUTES = {
    "*": {"align", "valign", "dir", "lang", "title", "style", "width", "height", "bgcolor"},
    "a": {"href", "name"},
    "img": {"src", "alt", "border"},
    "font": {"color", "face", "size"},
    "table": {"border", "cellpadding", "cellspacing", "summary"},
    "td": {"colspan", "rowspan", "nowrap"},
    "th": {"colspan", "rowspan", "nowrap", "scope"},
    "col": {"span"},
    "colgroup": {"span"},
    "ol": {"start", "type", "reversed"},
    "li": {"value"},
}
_URL_SCHEMES = frozenset({"http", "https", "mailto", "tel", "cid", "data"})
# Layout and typography only: none of these can carry a URL.
_STYLE_PROPERTIES = frozenset(
    {
        "color", "background-color", "font", "font-family", "font-size", "font-style",
        "font-weight", "font-variant", "text-align", "text-decoration", "text-indent",
        "text-transform", "line-height", "letter-spacing", "word-spacing", "white-space",
        "vertical-align", "direction", "margin", "margin-top", "margin-right",
        "margin-bottom", "margin-left", "padding", "padding-top", "padding-right",
        "padding-bottom", "padding-left", "border", "border-top", "border-right",
        "border-bottom", "border-left", "border-color", "border-style", "border-width",
        "border-collapse", "border-spacing", "width", "height", "max-width", "min-width",
        "display", "list-style-type", "table-layout",
    }
)  # fmt: skip
_SAFE_IMAGE = re.compile(r"data:image/(?:png|jpe?g|gif|webp|bmp);", re.IGNORECASE)
_UNSAFE_STYLE = ("url(", "expression(", "\\", "@import", "behavior", "-moz-binding")
_LINK_SCHEMES = ("http://", "https://", "mailto:", "tel:")
_REMOTE = ("http:", "https:", "//")


def _image_source(value: str, *, allow_remote: bool) -> str | None:
    """The ``src`` of an image if it loads nothing from the network (unless allowed)."""
    url = value.strip()
    lower = url.lower()
    if lower.startswith("cid:") or _SAFE_IMAGE.match(lower):
        return url
    if allow_remote and lower.startswith(("http://", "https://")):
        return url
    # Relative and other URLs would resolve against whatever the viewer uses as its
    # base (possibly a local folder): never keep them.
    return None


def _safe_style(style: str) -> str | None:
    """Drop declarations that could load something; escapes make the whole style suspect."""
    lower = style.lower()
    if not any(marker in lower for marker in _UNSAFE_STYLE):
        return style
    if "\\" in style:
        return None
    kept = [
        declaration
        for declaration in style.split(";")
        if not any(marker in declaration.lower() for marker in _UNSAFE_STYLE)
    ]
    return ";".join(kept) or None


@dataclass(frozen=True, slots=True)
class SanitizedHtml:
    """The cleaned HTML and how many remote images were left out."""

    html: str
    remote_images_blocked: int


def sanitize_html(html: str, *, allow_remote_images: bool = False) -> SanitizedHtml:
    """Clean hostile HTML; by default nothing in the result makes a network request."""
    blocked = 0

    def keep(tag: str, attribute: str, value: str) -> str | None:
        nonlocal blocked
        if attribute == "src":
            # nh3 asks about every attribute, also of tags it is about to drop (iframe,
            # script): only images are kept, and only they count as blocked.
            url = _image_source(value, allow_remote=allow_remote_images) if tag == "img" else None
            if url is None and tag == "img" and value.strip().lower().startswith(_REMOTE):
                blocked += 1
            return url
        if attribute == "href":
            url = value.strip()
            return url if url.lower().startswith(_LINK_SCHEMES) or url.startswith("#") else None
        if attribute == "style":
            return _safe_style(value)
        return value

    cleaned = nh3.clean(
        html,
        tags=set(_TAGS),
        clean_content_tags=set(_DROP_WITH_CONTENT),
        attributes={tag: set(names) for tag, names in _ATTRIBUTES.items()},
        attribute_filter=keep,
        strip_comments=True,
        link_rel="noopener noreferrer",
        url_schemes=set(_URL_SCHEMES),
        filter_style_properties=set(_STYLE_PROPERTIES),
    )
    return SanitizedHtml(html=cleaned, remote_images_blocked=blocked)
