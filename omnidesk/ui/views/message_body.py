"""One message's body in the timeline: its text or safe HTML, the images bar, its files.

Plain text is escaped and shown as written. HTML mail is shown rendered, cleaned again
for display (``safe_html``); when images were left out, a bar offers to load them for
this one message. Attachments are listed with their size and type, and links to open
or save them (``omnidesk:attachment/<id>/open``).
"""

from collections.abc import Mapping
from dataclasses import dataclass, field
from html import escape

from PySide6.QtCore import QCoreApplication

from omnidesk.core.attachments import size_text
from omnidesk.core.entities import Attachment, Message
from omnidesk.core.ids import AttachmentId, MessageId
from omnidesk.ui import colors
from omnidesk.ui.icons import ICON_SCHEME
from omnidesk.ui.views.safe_html import display_html

LINK_SCHEME = "omnidesk"
"""Scheme of the action links in the conversation (``omnidesk:commitment/12/done``)."""
LOAD_IMAGES = "load-images"
"""The verb of the "Load images" link: ``omnidesk:message/<id>/load-images``."""


@dataclass(frozen=True, slots=True)
class ShownContent:
    """What the agent chose to see beyond the safe default, per message."""

    remote_html: Mapping[MessageId, str] = field(default_factory=dict)
    """Messages whose remote images were loaded: their HTML with the image addresses."""
    loading: frozenset[MessageId] = frozenset()
    """Messages whose images are being fetched right now."""
    failed: Mapping[MessageId, int] = field(default_factory=dict)
    """How many images of a message could not be fetched."""


NOTHING_EXTRA = ShownContent()


def _tr(text: str) -> str:
    return QCoreApplication.translate("CaseHtml", text)


def _link(kind: str, item: int, verb: str, text: str) -> str:
    return f"<a href='{LINK_SCHEME}:{kind}/{item}/{verb}'>{escape(text)}</a>"


def body_html(message: Message, *, content: ShownContent, actions: bool) -> str:
    """The message text (or rendered HTML), with the images bar when images were held back."""
    if not message.body_html:
        body = escape(message.body_text.strip())
        if not body:
            body = "<i>" + escape(_tr("(no text)")) + "</i>"
        return f"<p style='white-space:pre-wrap; margin-top:6px; margin-bottom:0'>{body}</p>"
    remote = content.remote_html.get(message.id)
    shown = display_html(
        remote if remote is not None else message.body_html,
        inline=inline_images(message),
        remote=remote is not None,
    )
    bar = _images_bar(message, shown.images_blocked, content) if actions else ""
    return f"{bar}<div style='margin-top:6px'>{shown.html}</div>"


def inline_images(message: Message) -> dict[str, AttachmentId]:
    """``Content-ID`` → attachment, for the ``cid:`` images of an HTML message."""
    return {a.content_id.strip("<>"): a.id for a in message.attachments if a.content_id}


def attachments_html(message: Message, *, actions: bool) -> str:
    """The message's files; inline images the HTML shows are not listed twice."""
    shown_inline = inline_shown(message)
    listed = [a for a in message.attachments if a.id not in shown_inline]
    if not listed:
        return ""
    rows = "".join(_attachment_row(a, actions=actions) for a in listed)
    return f"<table cellspacing='0' cellpadding='2' style='margin-top:6px'>{rows}</table>"


def _attachment_row(attachment: Attachment, *, actions: bool) -> str:
    muted = colors.muted_color().name()
    kind = attachment.content_type or "application/octet-stream"
    facts = f"{size_text(attachment.size)} · {kind}"
    links = ""
    if actions:
        links = (
            f" &nbsp;{_link('attachment', attachment.id, 'open', _tr('Open'))}"
            f" · {_link('attachment', attachment.id, 'save', _tr('Save…'))}"
        )
    return (
        f"<tr><td valign='middle'><img src='{ICON_SCHEME}:attachment' width='14' height='14'>"
        f"</td><td>{escape(attachment.filename or _tr('(unnamed file)'))} "
        f"<span style='color:{muted}'>({escape(facts)})</span>{links}</td></tr>"
    )


def inline_shown(message: Message) -> set[AttachmentId]:
    """The attachments an HTML message shows as ``cid:`` images (not listed as files)."""
    if not message.body_html:
        return set()
    # Stored HTML still says ``cid:<id>``; an attachment is shown when it is referenced.
    lower = message.body_html.lower()
    return {
        a.id
        for a in message.attachments
        if a.content_id and f"cid:{a.content_id.strip('<>').lower()}" in lower
    }


def _images_bar(message: Message, blocked: int, content: ShownContent) -> str:
    """ "Remote images were blocked · Load images", or how loading went."""
    if message.id in content.loading:
        text = escape(_tr("Loading images…"))
    elif message.id in content.remote_html:
        failed = content.failed.get(message.id, 0)
        if not failed:
            return ""
        text = escape(_tr("{count} of the images could not be loaded.").format(count=failed))
    elif blocked and message.raw_sha256 is not None:
        # Only mail keeps its source, and only the source still has the addresses.
        text = (
            f"{escape(_tr('Remote images were blocked.'))} &nbsp;"
            f"<b>{_link('message', message.id, LOAD_IMAGES, _tr('Load images'))}</b>"
        )
    else:
        return ""
    background = colors.note_background().name()
    return (
        f"<table width='100%' cellspacing='0' cellpadding='4' bgcolor='{background}'"
        f" style='margin-top:6px'><tr><td><small>{text}</small></td></tr></table>"
    )
