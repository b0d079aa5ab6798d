"""Feeding the pre-send check (``core.reply_check``) from what the window knows about a case."""

from datetime import datetime
from zoneinfo import ZoneInfo

from PySide6.QtCore import QLocale

from omnidesk.core.enums import CommitmentState, Direction, ReplyMode
from omnidesk.core.ids import AgentId
from omnidesk.core.reply_check import Finding, ReplyDraft, check_reply
from omnidesk.services.cases import CaseDetail


def customer_messages_since_last_reply(detail: CaseDetail) -> tuple[str, ...]:
    """The customer's messages after our last reply, oldest first: what the reply answers."""
    since: list[str] = []
    for message in detail.messages:
        if message.direction is Direction.OUT:
            since = []
        elif message.direction is Direction.IN:
            since.append(message.body_text)
    return tuple(since)


def promised_since_last_customer_message(detail: CaseDetail) -> bool:
    """True when an open commitment was made after the customer last wrote.

    Then the promise in the reply most likely *is* that commitment (made first, from
    the actions menu), and the check should not ask for it again.
    """
    last_in = max(
        (m.created_at for m in detail.messages if m.direction is Direction.IN), default=None
    )
    return any(
        c.state is CommitmentState.OPEN
        and c.created_at is not None
        and (last_in is None or c.created_at >= last_in)
        for c in detail.commitments
    )


def run_check(
    detail: CaseDetail,
    *,
    text: str,
    writer: AgentId,
    mode: ReplyMode,
    commitment_created: bool,
    now: datetime,
    tz: ZoneInfo,
    attachment_names: tuple[str, ...] = (),
) -> tuple[Finding, ...]:
    """The findings for ``text`` as a reply (or note) on ``detail``'s case."""
    draft = ReplyDraft(
        text=text,
        writer_id=writer,
        case_owner_id=detail.case.owner_id,
        mode=mode,
        attachment_names=attachment_names,
        customer_messages=customer_messages_since_last_reply(detail),
        commitment_created=commitment_created or promised_since_last_customer_message(detail),
    )
    return check_reply(draft, now=now, tz=tz)


def finding_text(finding: Finding, locale: QLocale | None = None) -> str:
    """The finding in the UI language: German for a German UI, English otherwise."""
    language = (locale or QLocale()).language()
    return finding.message_de if language == QLocale.Language.German else finding.message_en
