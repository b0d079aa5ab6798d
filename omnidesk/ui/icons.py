"""OmniDesk's own icons: small SVG files under ``resources/icons``, loaded once each."""

import functools

from PySide6.QtCore import QSize, QUrl
from PySide6.QtGui import QIcon, QImage

from omnidesk.core.enums import Channel
from omnidesk.ui.resources import resource_path

_CHANNEL_ICONS = {
    Channel.EMAIL: "email",
    Channel.CHAT: "chat",
    Channel.FORM: "form",
    Channel.PHONE: "phone",
    Channel.NOTE: "note-small",
}


@functools.cache
def icon(name: str) -> QIcon:
    """The icon ``resources/icons/<name>.svg``; an empty icon when it is not installed."""
    path = resource_path("icons", f"{name}.svg")
    return QIcon(str(path)) if path is not None else QIcon()


def icon_file(name: str) -> str | None:
    """The SVG file of an icon, for rich text that cannot use :func:`icon_resource`."""
    path = resource_path("icons", f"{name}.svg")
    return str(path) if path is not None else None


ICON_SCHEME = "icon"
"""Rich text names icons as ``<img src='icon:email'>``; see :func:`icon_resource`."""
_RICH_TEXT_ICON_PX = 32
"""Rendered at twice the shown size, so icons stay sharp on high-DPI screens."""


def icon_resource(url: QUrl | str) -> QImage | None:
    """The image for an ``icon:NAME`` URL in rich text, or None for any other URL."""
    url = QUrl(url) if isinstance(url, str) else url
    if url.scheme() != ICON_SCHEME:
        return None
    named = icon(url.path())
    if named.isNull():
        return None
    return named.pixmap(QSize(_RICH_TEXT_ICON_PX, _RICH_TEXT_ICON_PX)).toImage()


def channel_icon_name(channel: Channel) -> str:
    return _CHANNEL_ICONS[channel]
