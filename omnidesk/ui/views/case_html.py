"""The case detail as HTML for a ``QTextBrowser``: commitments, message timeline, event log.

Every text from the database is escaped: a customer's message is data, never markup.
Only the rich-text subset Qt renders is used (tables for tinted boxes, inline CSS).
"""

from datetime import datetime
from html import escape

from PySide6.QtCore import QCoreApplication

from omnidesk.core.entities import Commitment, Event, Message
from omnidesk.core.enums import CaseStatus, Channel, CommitmentState, Direction
from omnidesk.services.cases import CaseDetail
from omnidesk.ui import colors
from omnidesk.ui.icons import ICON_SCHEME, channel_icon_name
from omnidesk.ui.labels import (
    channel_label,
    commitment_label,
    direction_label,
    event_label,
    status_label,
)
from omnidesk.ui.timefmt import date_time_text, due_text
from omnidesk.ui.views.message_body import (
    LINK_SCHEME,
    NOTHING_EXTRA,
    ShownContent,
    attachments_html,
    body_html,
)

_STATUS_VALUES = frozenset(s.value for s in CaseStatus)
_CHANNEL_VALUES = frozenset(c.value for c in Channel)


def conversation_html(
    detail: CaseDetail,
    now: datetime,
    *,
    actions: bool = True,
    content: ShownContent = NOTHING_EXTRA,
) -> str:
    """Open commitments on top, then every message, oldest first.

    ``actions`` adds the links that act on the case (complete a commitment, move a
    message, open a file); a printed or exported case leaves them out. ``content``
    says which messages' remote images the agent chose to load.
    """
    parts = [_commitments_html(detail.commitments, now, actions=actions)]
    if not detail.messages:
        empty = QCoreApplication.translate("CaseHtml", "No messages yet.")
        parts.append(f"<p>{escape(empty)}</p>")
    parts.extend(
        _message_html(message, actions=actions, content=content) for message in detail.messages
    )
    return "".join(parts)


def action_link(kind: str, item: int, verb: str, text: str) -> str:
    return f"<a href='{LINK_SCHEME}:{kind}/{item}/{verb}'>{escape(text)}</a>"


def history_html(detail: CaseDetail) -> str:
    """The event log, oldest first: who did what, when and why."""
    if not detail.events:
        empty = QCoreApplication.translate("CaseHtml", "Nothing has happened on this case yet.")
        return f"<p>{escape(empty)}</p>"
    muted = colors.muted_color().name()
    rows = "".join(
        f"<tr><td style='color:{muted}; padding-right:12px' valign='top'>"
        f"{escape(date_time_text(event.at))}</td>"
        f"<td>{_event_text(event)}</td></tr>"
        for event in detail.events
    )
    return f"<table cellspacing='0' cellpadding='3'>{rows}</table>"


def _commitments_html(commitments: list[Commitment], now: datetime, *, actions: bool) -> str:
    open_ones = sorted(
        (c for c in commitments if c.state is CommitmentState.OPEN), key=lambda c: c.due_at
    )
    if not open_ones:
        return ""
    overdue_style = f"color:{colors.overdue_color().name()}; font-weight:bold"
    overdue_word = escape(QCoreApplication.translate("CaseHtml", "overdue"))
    items = []
    for commitment in open_ones:
        due = escape(due_text(commitment.due_at, now))
        if commitment.is_overdue(now):
            due = f"<span style='{overdue_style}'>{due} · {overdue_word}</span>"
        note = f" — {escape(commitment.note)}" if commitment.note else ""
        links = ""
        if actions:
            done = QCoreApplication.translate("CaseHtml", "done")
            cancel = QCoreApplication.translate("CaseHtml", "cancel…")
            links = (
                f" &nbsp;[{action_link('commitment', commitment.id, 'done', done)} · "
                f"{action_link('commitment', commitment.id, 'cancel', cancel)}]"
            )
        items.append(
            f"<li><b>{escape(commitment_label(commitment.kind))}</b>: {due}{note}{links}</li>"
        )
    title = escape(QCoreApplication.translate("CaseHtml", "Open commitments"))
    background = colors.note_background().name()
    return (
        f"<table width='100%' cellspacing='0' cellpadding='8' bgcolor='{background}'>"
        f"<tr><td><b>{title}</b><ul style='margin-top:4px; margin-bottom:0'>"
        f"{''.join(items)}</ul></td></tr></table><p></p>"
    )


def _message_html(message: Message, *, actions: bool, content: ShownContent) -> str:
    internal = message.direction is Direction.INTERNAL
    background = (colors.note_background() if internal else colors.message_background()).name()
    muted = colors.muted_color().name()
    # "Internal note by …" already says what a note is; mail and chat name their channel.
    parts = [date_time_text(message.created_at)]
    if not internal:
        parts[:0] = [channel_label(message.channel), direction_label(message.direction)]
    meta = " · ".join(escape(part) for part in parts)
    if internal:
        author = QCoreApplication.translate("CaseHtml", "Internal note by {author}").format(
            author=message.author
        )
    else:
        author = message.author or QCoreApplication.translate("CaseHtml", "unknown sender")
    channel_icon = (
        f"<img src='{ICON_SCHEME}:{channel_icon_name(message.channel)}' width='14' height='14'> "
    )
    return (
        f"<table width='100%' cellspacing='0' cellpadding='8' bgcolor='{background}'>"
        f"<tr><td>{channel_icon}<b>{escape(author)}</b> <span style='color:{muted}'>{meta}</span>"
        f"{body_html(message, content=content, actions=actions)}"
        f"{attachments_html(message, actions=actions)}"
        f"{_threading_html(message, actions=actions)}"
        "</td></tr></table><p></p>"
    )


def _threading_html(message: Message, *, actions: bool) -> str:
    """Why a customer's message sits on this case, and how to put it elsewhere."""
    if message.direction is not Direction.IN:
        return ""
    muted = colors.muted_color().name()
    parts = []
    if message.thread_reason:
        why = QCoreApplication.translate("CaseHtml", "Why here: {reason}").format(
            reason=message.thread_reason
        )
        parts.append(escape(why))
    if actions:
        move = QCoreApplication.translate("CaseHtml", "move to another case…")
        split = QCoreApplication.translate("CaseHtml", "split into new case…")
        parts.append(
            f"{action_link('message', message.id, 'move', move)} · "
            f"{action_link('message', message.id, 'split', split)}"
        )
    if not parts:
        return ""
    return (
        f"<p style='color:{muted}; margin-top:6px; margin-bottom:0'>"
        f"<small>{' &nbsp;·&nbsp; '.join(parts)}</small></p>"
    )


def _event_text(event: Event) -> str:
    actor = escape(event.actor or "OmniDesk")
    text = f"<b>{actor}</b> {escape(event_label(event.kind))}"
    old, new = _readable(event.from_value), _readable(event.to_value)
    if new == event.actor and not old:
        new = None  # "anna claimed: anna" says nothing twice
    if old and new:
        text += f": {escape(old)} → {escape(new)}"
    elif new:
        text += f": {escape(new)}"
    if event.reason:
        text += f" ({escape(event.reason)})"
    return text


def _readable(value: str | None) -> str | None:
    """Statuses and channels are logged as raw values ("waiting_on_customer"); show labels."""
    if value is None:
        return None
    if value in _STATUS_VALUES:
        return status_label(CaseStatus(value))
    if value in _CHANNEL_VALUES:
        return channel_label(Channel(value))
    return value
