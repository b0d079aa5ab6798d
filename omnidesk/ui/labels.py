"""Translated names for the domain's enumerations, and user-facing texts for known errors.

The source strings sit in tables marked with ``QT_TRANSLATE_NOOP`` so that lupdate
finds them; the lookup happens when a label is shown, so the current translator wins.
"""

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication

from omnidesk.core.enums import CaseStatus, Channel, CommitmentKind, Direction, EventKind
from omnidesk.core.errors import KnownError, OwnedByOther
from omnidesk.core.views import View

_STATUS: dict[CaseStatus, object] = {
    CaseStatus.NEW: QT_TRANSLATE_NOOP("CaseStatus", "New"),
    CaseStatus.OPEN: QT_TRANSLATE_NOOP("CaseStatus", "Open"),
    CaseStatus.WAITING_ON_CUSTOMER: QT_TRANSLATE_NOOP("CaseStatus", "Waiting on customer"),
    CaseStatus.RESOLVED: QT_TRANSLATE_NOOP("CaseStatus", "Resolved"),
}

_CHANNEL: dict[Channel, object] = {
    Channel.EMAIL: QT_TRANSLATE_NOOP("Channel", "email"),
    Channel.FORM: QT_TRANSLATE_NOOP("Channel", "web form"),
    Channel.CHAT: QT_TRANSLATE_NOOP("Channel", "chat"),
    Channel.PHONE: QT_TRANSLATE_NOOP("Channel", "phone"),
    Channel.NOTE: QT_TRANSLATE_NOOP("Channel", "note"),
}

_DIRECTION: dict[Direction, object] = {
    Direction.IN: QT_TRANSLATE_NOOP("Direction", "from the customer"),
    Direction.OUT: QT_TRANSLATE_NOOP("Direction", "to the customer"),
    Direction.INTERNAL: QT_TRANSLATE_NOOP("Direction", "internal note"),
}

_COMMITMENT: dict[CommitmentKind, object] = {
    CommitmentKind.CALLBACK: QT_TRANSLATE_NOOP("CommitmentKind", "Call back"),
    CommitmentKind.FOLLOW_UP: QT_TRANSLATE_NOOP("CommitmentKind", "Follow up"),
    CommitmentKind.SEND: QT_TRANSLATE_NOOP("CommitmentKind", "Send something"),
    CommitmentKind.REPLY: QT_TRANSLATE_NOOP("CommitmentKind", "Reply"),
}

_EVENT: dict[EventKind, object] = {
    EventKind.CASE_CREATED: QT_TRANSLATE_NOOP("EventKind", "case created"),
    EventKind.CLAIMED: QT_TRANSLATE_NOOP("EventKind", "claimed"),
    EventKind.HANDED_OVER: QT_TRANSLATE_NOOP("EventKind", "handed over"),
    EventKind.STATUS_CHANGED: QT_TRANSLATE_NOOP("EventKind", "status changed"),
    EventKind.REOPENED: QT_TRANSLATE_NOOP("EventKind", "reopened"),
    EventKind.MESSAGE_RECEIVED: QT_TRANSLATE_NOOP("EventKind", "message received"),
    EventKind.REPLY_QUEUED: QT_TRANSLATE_NOOP("EventKind", "reply queued"),
    EventKind.NOTE_ADDED: QT_TRANSLATE_NOOP("EventKind", "note added"),
    EventKind.COMMITMENT_ADDED: QT_TRANSLATE_NOOP("EventKind", "commitment added"),
    EventKind.COMMITMENT_DONE: QT_TRANSLATE_NOOP("EventKind", "commitment done"),
    EventKind.COMMITMENT_CANCELLED: QT_TRANSLATE_NOOP("EventKind", "commitment cancelled"),
    EventKind.PRIORITY_CHANGED: QT_TRANSLATE_NOOP("EventKind", "priority changed"),
    EventKind.TAGGED: QT_TRANSLATE_NOOP("EventKind", "tag added"),
    EventKind.UNTAGGED: QT_TRANSLATE_NOOP("EventKind", "tag removed"),
    EventKind.MESSAGE_MOVED_OUT: QT_TRANSLATE_NOOP("EventKind", "moved a message out"),
    EventKind.MESSAGE_MOVED_IN: QT_TRANSLATE_NOOP("EventKind", "moved a message in"),
    EventKind.PRESEND_OVERRIDDEN: QT_TRANSLATE_NOOP("EventKind", "sent despite the pre-send check"),
    EventKind.ACK_SKIPPED: QT_TRANSLATE_NOOP("EventKind", "no automatic mail sent"),
    EventKind.RESOLUTION_ASKED: QT_TRANSLATE_NOOP("EventKind", "customer asked to confirm"),
    EventKind.RESOLUTION_CONFIRMED: QT_TRANSLATE_NOOP("EventKind", "customer confirmed"),
    EventKind.RESOLUTION_REJECTED: QT_TRANSLATE_NOOP("EventKind", "customer says not solved"),
    EventKind.CUSTOMER_MERGED: QT_TRANSLATE_NOOP("EventKind", "customer records merged"),
    EventKind.CUSTOMER_UNMERGED: QT_TRANSLATE_NOOP("EventKind", "customer merge undone"),
}

_VIEW: dict[View, object] = {
    View.MINE: QT_TRANSLATE_NOOP("View", "My cases"),
    View.UNASSIGNED: QT_TRANSLATE_NOOP("View", "Unassigned"),
    View.WAITING: QT_TRANSLATE_NOOP("View", "Waiting on customer"),
    View.COMMITMENTS: QT_TRANSLATE_NOOP("View", "Commitments"),
    View.OPEN: QT_TRANSLATE_NOOP("View", "All open"),
    View.RESOLVED: QT_TRANSLATE_NOOP("View", "Resolved"),
    View.ALL: QT_TRANSLATE_NOOP("View", "All"),
}

_VIEW_HINT: dict[View, object] = {
    View.MINE: QT_TRANSLATE_NOOP("View", "Open cases you own"),
    View.UNASSIGNED: QT_TRANSLATE_NOOP("View", "Open cases nobody owns yet, longest waiting first"),
    View.WAITING: QT_TRANSLATE_NOOP("View", "Cases waiting for the customer's answer"),
    View.COMMITMENTS: QT_TRANSLATE_NOOP("View", "Cases with a promise still to keep"),
    View.OPEN: QT_TRANSLATE_NOOP("View", "Every case not yet resolved, longest waiting first"),
    View.RESOLVED: QT_TRANSLATE_NOOP("View", "Resolved cases"),
    View.ALL: QT_TRANSLATE_NOOP("View", "Every case"),
}


def _tr(context: str, table: dict, key: object) -> str:
    source = table.get(key)
    if source is None:
        # A value added to the domain before the UI learned its name: readable, not a crash.
        return str(getattr(key, "value", key)).replace("_", " ")
    return QCoreApplication.translate(context, str(source))


def status_label(status: CaseStatus) -> str:
    return _tr("CaseStatus", _STATUS, status)


def channel_label(channel: Channel) -> str:
    return _tr("Channel", _CHANNEL, channel)


def direction_label(direction: Direction) -> str:
    return _tr("Direction", _DIRECTION, direction)


def commitment_label(kind: CommitmentKind) -> str:
    return _tr("CommitmentKind", _COMMITMENT, kind)


def event_label(kind: EventKind) -> str:
    return _tr("EventKind", _EVENT, kind)


def view_label(view: View) -> str:
    return _tr("View", _VIEW, view)


def view_hint(view: View) -> str:
    return _tr("View", _VIEW_HINT, view)


def describe_error(error: KnownError) -> str:
    """The message for a known error, translated where the UI knows its parts."""
    if isinstance(error, OwnedByOther):
        return QCoreApplication.translate("Errors", "case #{number} is owned by {owner}").format(
            number=error.number, owner=error.owner
        )
    # Other known errors carry an English sentence from the services; show it as is.
    return str(error)
