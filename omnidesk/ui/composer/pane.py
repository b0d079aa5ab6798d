"""The composer under the case: reply or internal note, with its draft and the pre-send check.

Sending goes through three gates, in this order:

1. ownership: a plain reply on someone else's case asks whether to reply on behalf
   of the owner (the owner stays) or to ask the owner for a handover;
2. the pre-send check (``core.reply_check``): findings are shown above the text and
   re-checked while the agent edits; "Send anyway" overrides them;
3. the service (``write_on_case``), on the database thread; an email reply lands in
   the outbox there, and the draft is deleted only once the database has it.

The draft is saved to a small JSON file per case shortly after every change, when
another case is opened, and when the window closes. Attached files (from "Attach…" or
dropped onto the composer) are read on a worker thread; the draft keeps their paths
and reads them again when the case is opened.
"""

import functools
import logging
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime
from pathlib import Path
from zoneinfo import ZoneInfo

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QAction, QDragEnterEvent, QDropEvent, QKeySequence, QTextCursor
from PySide6.QtWidgets import QMenu, QSplitter, QVBoxLayout, QWidget

from omnidesk.core.collision import ChangedSinceDraft
from omnidesk.core.entities import Agent
from omnidesk.core.enums import Channel, IdentityKind, ReplyMode
from omnidesk.core.errors import KnownError, OwnedByOther
from omnidesk.core.ids import CaseNumber, MessageId
from omnidesk.core.reply_check import Finding
from omnidesk.services.cases import CaseDetail, write_on_case
from omnidesk.store.engine import Database
from omnidesk.ui.composer.attach_flow import AttachFlow, local_files
from omnidesk.ui.composer.check import run_check
from omnidesk.ui.composer.drafts import Draft, DraftStore
from omnidesk.ui.composer.editor import NOTE_BUTTON_ID, ComposerWidgets
from omnidesk.ui.composer.promises import PromiseFlow
from omnidesk.ui.composer.saved_replies import SavedReply, fill_placeholders, first_name
from omnidesk.ui.dialogs.on_behalf import OwnerChoice, ask_non_owner
from omnidesk.ui.dialogs.reason import ReasonDialog
from omnidesk.ui.labels import describe_error
from omnidesk.ui.tasks import TaskRunner
from omnidesk.ui.timefmt import clock_text

log = logging.getLogger(__name__)

SEND_SHORTCUT = QKeySequence("Ctrl+Return")
_SAVE_DELAY_MS = 600
_RECHECK_DELAY_MS = 300


def _utc_now() -> datetime:
    return datetime.now(UTC)


@dataclass(frozen=True, slots=True)
class ComposerSetup:
    """What the composer needs besides the case: where to write, how to read times."""

    db: Database
    tasks: TaskRunner
    drafts: DraftStore | None
    tz: ZoneInfo
    mail_domain: str
    signature: str = ""
    saved_replies: tuple[SavedReply, ...] = ()
    now: Callable[[], datetime] = field(default=_utc_now)


class ComposerPane(QWidget):
    """Writes on the case the detail pane shows."""

    sig_written = Signal(int, str)
    """A reply or note was stored on case (number, ``ReplyMode`` value)."""
    sig_case_changed = Signal(int)
    """Something else changed on the case (a commitment, a handover request)."""
    sig_message = Signal(str)
    """A short outcome for the status bar."""

    def __init__(self, setup: ComposerSetup, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("composer")
        self._setup = setup
        self._detail: CaseDetail | None = None
        self._me: Agent | None = None
        self._sending = False
        self._pending_mode: ReplyMode | None = None
        self._loading_draft = False
        self._draft_base: MessageId | None = None
        """The newest message when the draft began: what this reply answers."""
        self.ui = ComposerWidgets(self)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.ui)
        self.promises = PromiseFlow(self, setup)
        self.attach = AttachFlow(self, setup)

        self._save_timer = QTimer(self, singleShot=True, interval=_SAVE_DELAY_MS)
        self._save_timer.timeout.connect(self.save_draft_now)
        self._recheck_timer = QTimer(self, singleShot=True, interval=_RECHECK_DELAY_MS)
        self._recheck_timer.timeout.connect(self._on_recheck_timer_timeout)

        self.send_action = QAction(self.tr("&Send reply or note"), self)
        self.send_action.setObjectName("actionSend")
        self.send_action.setShortcut(SEND_SHORTCUT)
        # Only while the composer has focus: Ctrl+Enter in the search field sends nothing.
        self.send_action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        self.send_action.triggered.connect(self.send)
        self.addAction(self.send_action)
        self.ui.send.clicked.connect(self.send)
        self.ui.modes.idToggled.connect(self._on_modes_id_toggled)
        self.ui.channel.currentIndexChanged.connect(self._on_channel_changed)
        self.ui.editor.textChanged.connect(self._on_editor_text_changed)
        self.ui.findings.sig_send_anyway.connect(self._on_findings_send_anyway)
        self.ui.findings.sig_add_commitment.connect(self.promises.add_from_finding)
        self.ui.findings.sig_show_span.connect(self._on_findings_show_span)
        self.ui.attachments.attach_button.clicked.connect(self.attach.ask_for_files)
        self.ui.attachments.sig_changed.connect(self._on_attachments_changed)
        self.promises.sig_made.connect(self._on_promise_made)
        self.setAcceptDrops(True)  # files dropped anywhere on the composer are attached
        self._build_saved_replies_menu()
        self._show_signature_hint()
        self._update_controls()

    # -- public interface -----------------------------------------------------------

    def set_preferences(self, *, signature: str, saved_replies: tuple[SavedReply, ...]) -> None:
        """New settings: the signature and saved replies apply from the next reply on."""
        self._setup = replace(self._setup, signature=signature, saved_replies=saved_replies)
        self._build_saved_replies_menu()
        self._show_signature_hint()
        self._update_controls()

    def set_agent(self, agent: Agent | None) -> None:
        self._me = agent
        self._update_controls()

    def agent(self) -> Agent | None:
        return self._me

    def detail(self) -> CaseDetail | None:
        return self._detail

    def current_number(self) -> CaseNumber | None:
        return self._detail.case.number if self._detail else None

    def show_case(self, detail: CaseDetail) -> None:
        """Write on ``detail``'s case; a different case brings its own draft."""
        same = self._detail is not None and self._detail.case.number == detail.case.number
        if not same:
            self.save_draft_now()
            self._pending_mode = None
            self.ui.findings.show_findings((), now=self._setup.now())
            self.ui.show_problem("")
        self._detail = detail
        self._offer_channels(detail)
        if not same:
            self._load_draft(detail.case.number)
        elif self.ui.findings.isVisible():
            self._recheck_timer.start()  # a new commitment may have settled a finding
        self._update_controls()

    def clear_case(self) -> None:
        self.save_draft_now()
        self._detail = None
        self._loading_draft = True
        self.ui.editor.clear()
        self.ui.attachments.clear()
        self._loading_draft = False
        self.ui.findings.show_findings((), now=self._setup.now())
        self._update_controls()

    def mode(self) -> ReplyMode:
        return ReplyMode.NOTE if self.ui.note_button.isChecked() else ReplyMode.REPLY

    def text(self) -> str:
        return self.ui.editor.toPlainText()

    def set_text(self, text: str) -> None:
        self.ui.editor.setPlainText(text)

    def channel(self) -> Channel | None:
        if not self.ui.channel.isEnabled():
            return None
        value = self.ui.channel.currentData()
        return Channel(value) if value else None

    def start(self, mode: ReplyMode) -> None:
        """Switch to ``mode`` (reply or note) and put the cursor in the text."""
        button = self.ui.note_button if mode is ReplyMode.NOTE else self.ui.reply_button
        button.setChecked(True)
        self.ui.editor.setFocus()
        self.ui.editor.moveCursor(QTextCursor.MoveOperation.End)

    def findings(self) -> tuple[Finding, ...]:
        return self.ui.findings.findings() if self.ui.findings.isVisible() else ()

    def is_sending(self) -> bool:
        return self._sending

    def send(self) -> None:
        """Send the reply or add the note, through the ownership question and the check."""
        detail, me = self._detail, self._me
        if detail is None or me is None or self._sending:
            return
        if not self.text().strip():
            self.ui.show_problem(self.tr("Write something first."))
            return
        mode = self.mode()
        by_chat = mode is not ReplyMode.NOTE and self.channel() is Channel.CHAT
        if by_chat and self.ui.attachments.files():
            self.ui.show_problem(
                self.tr(
                    "Files cannot be sent in a chat. Choose “by email”, or remove the "
                    "files and tell the customer where to find the information."
                )
            )
            return
        self.ui.show_problem("")
        owner = detail.owner
        if mode is ReplyMode.REPLY and owner is not None and _owned_by_other(detail, me):
            ask_non_owner(
                self.window(),
                owner=owner.display_name or owner.name,
                on_choice=self._on_owner_choice,
            )
            return
        self._check_then_send(mode)

    def save_draft_now(self) -> None:
        """Write the draft of the case on screen (also called when the window closes)."""
        self._save_timer.stop()
        drafts, detail = self._setup.drafts, self._detail
        if drafts is None or detail is None:
            return
        draft = Draft(
            text=self.text(),
            mode=self.mode(),
            channel=self.channel(),
            attachments=self.ui.attachments.paths(),
            seen_up_to=self._draft_base,
        )
        try:
            drafts.save(detail.case.number, draft)
        except OSError as exc:
            # Keep typing: the text is still on screen. Say once why it is not kept.
            log.warning("cannot save the draft of case #%s: %s", detail.case.number, exc)
            self.ui.draft_state.setText(self.tr("Draft not saved: {error}").format(error=exc))
            return
        if draft.is_empty():
            self.ui.draft_state.clear()
        else:
            self.ui.draft_state.setText(
                self.tr("Draft saved {time}").format(time=clock_text(self._setup.now()))
            )

    # -- attached files ---------------------------------------------------------------

    def add_files(self, paths: Sequence[Path], *, from_draft: bool = False) -> None:
        """Attach the files at ``paths`` to the reply on screen (read off the GUI thread)."""
        self.attach.add_files(paths, from_draft=from_draft)

    def attached_names(self) -> tuple[str, ...]:
        return self.ui.attachments.names()

    def _on_attachments_changed(self) -> None:
        if self._loading_draft:
            return
        self._save_timer.start()
        if self.ui.findings.isVisible():
            self._recheck_timer.start()  # "anbei" with nothing attached may be settled now

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        if self._detail is not None and local_files(event.mimeData()):
            event.acceptProposedAction()
        else:
            event.ignore()

    def dropEvent(self, event: QDropEvent) -> None:
        if not self.attach.drop(event):
            event.ignore()

    # -- the send flow ----------------------------------------------------------------

    def _on_owner_choice(self, choice: OwnerChoice) -> None:
        if choice is OwnerChoice.ON_BEHALF:
            self._check_then_send(ReplyMode.ON_BEHALF)
        elif choice is OwnerChoice.REQUEST_HANDOVER:
            self._ask_for_handover()

    def _check_then_send(self, mode: ReplyMode) -> None:
        findings = self._run_check(mode)
        if findings:
            self._pending_mode = mode
            self.ui.findings.show_findings(findings, now=self._setup.now())
            QTimer.singleShot(0, self._make_room)
            return
        self._submit(mode)

    def _run_check(self, mode: ReplyMode) -> tuple[Finding, ...]:
        detail, me = self._detail, self._me
        if detail is None or me is None:
            return ()
        return run_check(
            detail,
            text=self.text(),
            writer=me.id,
            mode=mode,
            commitment_created=self.promises.made_on(detail.case.number),
            now=self._setup.now(),
            tz=self._setup.tz,
            attachment_names=self.ui.attachments.names(),
        )

    def _on_findings_send_anyway(self) -> None:
        mode = self._pending_mode or self.mode()
        overridden = tuple(f.code.value for f in self.ui.findings.findings())
        self._submit(mode, overridden=overridden)

    def _submit(self, mode: ReplyMode, *, overridden: tuple[str, ...] = ()) -> None:
        detail, me = self._detail, self._me
        if detail is None or me is None:
            return
        text = self.text()
        if mode is not ReplyMode.NOTE and self._setup.signature.strip():
            text = f"{text.rstrip()}\n\n-- \n{self._setup.signature.strip()}"
        number = detail.case.number
        self._sending = True
        self._update_controls()
        self._setup.tasks.submit(
            functools.partial(
                write_on_case,
                self._setup.db,
                number,
                agent=me,
                text=text,
                mode=mode,
                channel=self.channel() if mode is not ReplyMode.NOTE else None,
                mail_domain=self._setup.mail_domain,
                overridden_checks=overridden,
                attachments=self.ui.attachments.files(),
                seen_up_to=self._draft_base or self._newest_message(),
            ),
            functools.partial(self._on_written, number, mode),
            on_failure=self._on_write_failed,
        )

    def _on_written(self, number: CaseNumber, mode: ReplyMode, _message: MessageId) -> None:
        self._sending = False
        self._pending_mode = None
        if self.current_number() == number:
            self._loading_draft = True
            self.ui.editor.clear()
            self.ui.attachments.clear()
            self._loading_draft = False
            self.ui.findings.show_findings((), now=self._setup.now())
            self.ui.draft_state.clear()
        if self._setup.drafts is not None:
            self._setup.drafts.delete(number)
        self.promises.forget(number)
        self._update_controls()
        if mode is ReplyMode.NOTE:
            self.sig_message.emit(self.tr("Note added to #{number}.").format(number=number))
        else:
            self.sig_message.emit(
                self.tr("Reply to #{number} queued for sending.").format(number=number)
            )
        self.sig_written.emit(int(number), mode.value)

    def _on_write_failed(self, error: BaseException) -> None:
        self._sending = False
        self._update_controls()
        if isinstance(error, ChangedSinceDraft):
            # Show what arrived; the next Send means "I have read it, my reply stands".
            self._draft_base = max(error.unseen)
            self.ui.show_problem(
                self.tr(
                    "Not sent: something new arrived on #{number} since you began this "
                    "reply. It is shown above; read it, then send again if your reply "
                    "still fits."
                ).format(number=error.number)
            )
            self.sig_case_changed.emit(int(error.number))
            return
        if isinstance(error, OwnedByOther):
            # Someone claimed the case between opening and sending: ask again, naming them.
            ask_non_owner(self.window(), owner=error.owner, on_choice=self._on_owner_choice)
            return
        self.ui.show_problem(self.tr("Not sent: {error}").format(error=_short(error)))

    def _ask_for_handover(self) -> None:
        detail = self._detail
        if detail is None or detail.owner is None:
            return
        owner = detail.owner.display_name or detail.owner.name
        dialog = ReasonDialog(
            self.window(),
            title=self.tr("Ask {owner} for case #{number}").format(
                owner=owner, number=detail.case.number
            ),
            intro=self.tr(
                "Your request is added to the case as an internal note for {owner}. "
                "Your reply stays here as a draft until the case is yours."
            ).format(owner=owner),
            label=self.tr("&Why:"),
            ok_text=self.tr("Ask for handover"),
            placeholder=self.tr("e.g. the customer called me about it"),
        )
        dialog.setObjectName("handoverRequestDialog")
        dialog.accepted.connect(
            lambda: self._post_handover_request(detail.case.number, owner, dialog.value())
        )
        dialog.open()

    def _post_handover_request(self, number: CaseNumber, owner: str, reason: str) -> None:
        me = self._me
        if me is None:
            return
        note = self.tr("Handover request to {owner}: {reason}").format(owner=owner, reason=reason)
        self._setup.tasks.submit(
            functools.partial(
                write_on_case, self._setup.db, number, agent=me, text=note, mode=ReplyMode.NOTE
            ),
            lambda _id: self._on_handover_requested(number, owner),
        )

    def _on_handover_requested(self, number: CaseNumber, owner: str) -> None:
        self.sig_message.emit(
            self.tr("Asked {owner} to hand over #{number}.").format(owner=owner, number=number)
        )
        self.sig_case_changed.emit(int(number))

    def _on_promise_made(self, number: int) -> None:
        if self.ui.findings.isVisible():
            self._on_recheck_timer_timeout()
        self.sig_case_changed.emit(number)

    # -- drafts, channels, saved replies ----------------------------------------------

    def _newest_message(self) -> MessageId | None:
        detail = self._detail
        if detail is None or not detail.messages:
            return None
        return max(m.id for m in detail.messages)

    def _load_draft(self, number: CaseNumber) -> None:
        drafts = self._setup.drafts
        draft = drafts.load(number) if drafts is not None else None
        self._draft_base = None
        if draft is not None and not draft.is_empty():
            # A draft from before this mark knows nothing newer; one without a mark
            # (written by an older version) counts from now.
            self._draft_base = (
                MessageId(draft.seen_up_to)
                if draft.seen_up_to is not None
                else self._newest_message()
            )
        self._loading_draft = True
        self.ui.editor.setPlainText(draft.text if draft else "")
        self.ui.attachments.clear()
        if draft is not None and draft.attachments:
            self.add_files([Path(p) for p in draft.attachments], from_draft=True)
        if draft is not None:
            note = draft.mode is ReplyMode.NOTE
            (self.ui.note_button if note else self.ui.reply_button).setChecked(True)
            if draft.channel is not None:
                self._select_channel(draft.channel)
            saved = clock_text(draft.saved_at) if draft.saved_at else ""
            self.ui.draft_state.setText(self.tr("Draft from {time}").format(time=saved))
        else:
            self.ui.reply_button.setChecked(True)
            self.ui.draft_state.clear()
        self._loading_draft = False

    def _offer_channels(self, detail: CaseDetail) -> None:
        has_email = any(i.kind is IdentityKind.EMAIL for i in detail.customer.identities)
        has_chat = any(m.channel is Channel.CHAT for m in detail.messages)
        model = self.ui.channel.model()
        for row, available in ((0, has_email), (1, has_chat)):
            item = model.item(row)  # type: ignore[attr-defined]
            item.setEnabled(available)
        current = self.channel()
        usable = {Channel.EMAIL: has_email, Channel.CHAT: has_chat}
        if current is None or not usable[current]:
            last_in = [m.channel for m in detail.messages if m.channel in usable]
            preferred = last_in[-1] if last_in and usable[last_in[-1]] else None
            fallback = Channel.EMAIL if has_email else Channel.CHAT if has_chat else None
            choice = preferred or fallback
            if choice is not None:
                self._select_channel(choice)
        self.ui.channel.setProperty("usable", has_email or has_chat)

    def _select_channel(self, channel: Channel) -> None:
        index = self.ui.channel.findData(channel.value)
        if index >= 0:
            self.ui.channel.setCurrentIndex(index)

    def _build_saved_replies_menu(self) -> None:
        menu = QMenu(self.ui.saved_replies)
        if not self._setup.saved_replies:
            empty = menu.addAction(self.tr("No saved replies yet (add them in Settings)"))
            empty.setEnabled(False)
        for saved in self._setup.saved_replies:
            action = menu.addAction(saved.title)
            action.triggered.connect(lambda _checked=False, s=saved: self._insert_saved(s))
        self.ui.saved_replies.setMenu(menu)

    def _insert_saved(self, saved: SavedReply) -> None:
        detail = self._detail
        values = {"agent": self._me.display_name if self._me else ""}
        if detail is not None:
            values |= {
                "customer": detail.customer.name,
                "first_name": first_name(detail.customer.name),
                "case": f"#{detail.case.number}",
                "subject": detail.case.subject,
            }
        self.ui.editor.insertPlainText(fill_placeholders(saved.text, values))
        self.ui.editor.setFocus()

    def _show_signature_hint(self) -> None:
        signature = self._setup.signature.strip()
        self.ui.signature_hint.setVisible(bool(signature))
        self.ui.signature_hint.setText(self.tr("+ signature"))
        self.ui.signature_hint.setToolTip(signature)

    # -- state --------------------------------------------------------------------------

    def _update_controls(self) -> None:
        detail, me = self._detail, self._me
        usable = detail is not None and me is not None and not self._sending
        note = self.mode() is ReplyMode.NOTE
        self.ui.editor.setReadOnly(not usable)
        self.ui.send.setEnabled(usable)
        self.ui.findings.send_anyway.setEnabled(usable)
        self.ui.channel.setEnabled(usable and not note and bool(self.ui.channel.property("usable")))
        self.ui.saved_replies.setEnabled(usable and not note)
        self.ui.set_note_look(note)
        self.ui.signature_hint.setVisible(bool(self._setup.signature.strip()) and not note)
        if note:
            self.ui.set_send_text(self.tr("Add &note"), SEND_SHORTCUT)
        elif _owned_by_other(detail, me):
            self.ui.set_send_text(self.tr("&Send…"), SEND_SHORTCUT)
        else:
            self.ui.set_send_text(self.tr("&Send"), SEND_SHORTCUT)
        if me is None:
            self.ui.editor.setPlaceholderText(
                self.tr("Set your agent name in Settings to write replies and notes.")
            )
        elif detail is None:
            self.ui.editor.setPlaceholderText(self.tr("Select a case to write on it."))
        elif note:
            self.ui.editor.setPlaceholderText(
                self.tr("Internal note: only agents see it. Ctrl+Enter adds it.")
            )
        else:
            name = detail.customer.name or self.tr("the customer")
            self.ui.editor.setPlaceholderText(
                self.tr("Reply to {customer}… Ctrl+Enter sends.").format(customer=name)
            )

    def _on_modes_id_toggled(self, button_id: int, checked: bool) -> None:
        if not checked:
            return
        if button_id == NOTE_BUTTON_ID or self._pending_mode is ReplyMode.NOTE:
            self._pending_mode = None
        self._update_controls()
        if self.ui.findings.isVisible():
            self._on_recheck_timer_timeout()
        if not self._loading_draft:
            self._save_timer.start()

    def _on_channel_changed(self, _index: int) -> None:
        if not self._loading_draft:
            self._save_timer.start()

    def _on_editor_text_changed(self) -> None:
        if self._loading_draft:
            return
        if not self.text().strip() and not self.ui.attachments.paths():
            self._draft_base = None
        elif self._draft_base is None:
            # The draft begins: what the agent has seen so far is what it answers.
            self._draft_base = self._newest_message()
        self.ui.show_problem("")
        self._save_timer.start()
        if self.ui.findings.isVisible():
            self._recheck_timer.start()

    def _on_recheck_timer_timeout(self) -> None:
        """While findings are shown, keep them true to the text being edited."""
        mode = self._pending_mode or self.mode()
        self.ui.findings.show_findings(self._run_check(mode), now=self._setup.now())

    def _make_room(self) -> None:
        """Findings need height: take it from the case above rather than squeeze them."""
        splitter = self.parentWidget()
        if not isinstance(splitter, QSplitter) or not self.ui.findings.isVisible():
            return
        layout = self.layout()
        assert layout is not None
        width = self.width()
        needed = (
            layout.totalHeightForWidth(width)
            if layout.hasHeightForWidth()
            else layout.totalSizeHint().height()
        )
        sizes = splitter.sizes()
        index = splitter.indexOf(self)
        missing = needed - sizes[index]
        if missing <= 0 or len(sizes) < 2:
            return
        other = 0 if index else 1
        neighbour = splitter.widget(other)
        floor = neighbour.minimumSizeHint().height() if neighbour is not None else 0
        taken = min(missing, max(0, sizes[other] - floor))
        sizes[index] += taken
        sizes[other] -= taken
        splitter.setSizes(sizes)

    def _on_findings_show_span(self, start: int, end: int) -> None:
        text = self.text()
        cursor = self.ui.editor.textCursor()
        cursor.setPosition(_qt_position(text, min(start, len(text))))
        cursor.setPosition(_qt_position(text, min(end, len(text))), QTextCursor.MoveMode.KeepAnchor)
        self.ui.editor.setTextCursor(cursor)
        self.ui.editor.setFocus()


def _owned_by_other(detail: CaseDetail | None, me: Agent | None) -> bool:
    return (
        detail is not None
        and me is not None
        and detail.owner is not None
        and detail.owner.id != me.id
    )


def _short(error: BaseException) -> str:
    if isinstance(error, KnownError):
        return describe_error(error)
    return type(error).__name__


def _qt_position(text: str, offset: int) -> int:
    """A Python string offset as a Qt text position (Qt counts UTF-16 code units)."""
    return len(text[:offset].encode("utf-16-le")) // 2
