"""What an agent does to the case on screen: hand over, change status, keep promises, fix threading.

Each action opens its dialog (never blocking), then runs the service on the database
thread through the ``TaskRunner``. The service checks the rules again and logs the
event; the controller only announces what changed (``sig_changed``) so the window
reloads the list, the counts and the case.
"""

import functools
from collections.abc import Callable
from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtWidgets import QAbstractButton, QMessageBox, QWidget

from omnidesk.config.settings import load_settings
from omnidesk.core.commitments import needs_another_attempt, next_attempt_due
from omnidesk.core.entities import Agent, Commitment
from omnidesk.core.enums import (
    CaseStatus,
    CommitmentKind,
    CommitmentState,
    Direction,
    IdentityKind,
)
from omnidesk.core.errors import ConfigError
from omnidesk.core.ids import CaseNumber, CommitmentId, MessageId
from omnidesk.core.mail_ids import DEFAULT_DOMAIN
from omnidesk.core.ownership import ClaimOutcome
from omnidesk.services.acknowledge import AckSettings
from omnidesk.services.agents import list_agents
from omnidesk.services.cases import CaseDetail, change_status, claim_case, handover_case
from omnidesk.services.commitments import add_commitment, cancel_commitment, complete_commitment
from omnidesk.services.corrections import move_message, split_message
from omnidesk.services.resolution import AskSettings, ask_settings, resolve_and_ask
from omnidesk.store.engine import Database
from omnidesk.ui.dialogs.close_commitment import CloseCommitmentDialog
from omnidesk.ui.dialogs.commitment import CommitmentDialog, NewCommitment
from omnidesk.ui.dialogs.handover import HandoverDialog
from omnidesk.ui.dialogs.move_message import MoveMessageDialog
from omnidesk.ui.dialogs.reason import ReasonDialog
from omnidesk.ui.labels import commitment_label, status_label
from omnidesk.ui.tasks import TaskRunner
from omnidesk.ui.timefmt import due_text
from omnidesk.ui.views.error_dialogs import show_information, show_warning


class CaseActions(QObject):
    """Runs the case actions for one window."""

    sig_changed = Signal(int)
    """The case with this number changed: reload it."""
    sig_message = Signal(str)
    """A short outcome for the status bar."""
    sig_open_case = Signal(int)
    """Show this case (a new case split off the current one)."""
    sig_claimed = Signal(int)
    """This agent became the owner of the case with this number."""

    def __init__(
        self,
        *,
        db: Database,
        tasks: TaskRunner,
        window: QWidget,
        detail: Callable[[], CaseDetail | None],
        me: Callable[[], Agent | None],
        tz: ZoneInfo,
        now: Callable[[], datetime],
        agent_name: Callable[[], str | None] = lambda: None,
        settings_file: Path | None = None,
        owner_notice: Callable[[], AckSettings | None] = lambda: None,
        mail_domain: str = DEFAULT_DOMAIN,
    ) -> None:
        super().__init__(window)
        self._mail_domain = mail_domain
        self._owner_notice = owner_notice
        self._agent_name = agent_name
        self._settings_file = settings_file
        self._db = db
        self._tasks = tasks
        self._window = window
        self._detail = detail
        self._me = me
        self._tz = tz
        self._now = now

    # -- ownership ----------------------------------------------------------------------

    def claim(self) -> None:
        """Become the owner of the case on screen (of many agents at once, one wins)."""
        ready = self._ready()
        if ready is None:
            return
        detail, me = ready
        number = detail.case.number
        self._tasks.submit(
            functools.partial(claim_case, self._db, number, me, tell_customer=self._owner_notice()),
            functools.partial(self._on_claimed, number),
            # Usually someone else was faster: the runner says who; show the case as it is.
            on_failure=lambda _error: self.sig_changed.emit(int(number)),
        )

    def _on_claimed(self, number: CaseNumber, outcome: ClaimOutcome) -> None:
        if outcome.won:
            self.sig_message.emit(self.tr("You now own case #{number}.").format(number=number))
            self.sig_claimed.emit(int(number))
        else:
            self.sig_message.emit(self.tr("You already own case #{number}.").format(number=number))
        self.sig_changed.emit(int(number))

    def handover(self) -> None:
        """Ask to whom and why, then hand the case over."""
        ready = self._ready()
        if ready is None:
            return
        detail, me = ready
        self._tasks.submit(
            functools.partial(list_agents, self._db),
            functools.partial(self._on_agents_loaded, detail, me),
            key="handover-agents",
        )

    def _on_agents_loaded(self, detail: CaseDetail, me: Agent, agents: list[Agent]) -> None:
        dialog = HandoverDialog(
            self._window,
            number=detail.case.number,
            agents=agents,
            current_owner=detail.case.owner_id,
            me=me.id,
        )
        number = detail.case.number

        def _on_accepted() -> None:
            to, reason = dialog.chosen_agent(), dialog.reason_text()
            self._run(
                functools.partial(handover_case, self._db, number, actor=me, to=to, reason=reason),
                number,
                self.tr("Case #{number} handed over to {name}.").format(
                    number=number, name=to.display_name or to.name
                ),
            )

        dialog.accepted.connect(_on_accepted)
        dialog.open()

    # -- status -------------------------------------------------------------------------

    def set_status(self, status: CaseStatus) -> None:
        """Move the case to ``status``; resolving explains open commitments first."""
        ready = self._ready()
        if ready is None:
            return
        detail, me = ready
        number = detail.case.number
        if detail.case.status is status:
            self.sig_message.emit(
                self.tr("Case #{number} is already “{status}”.").format(
                    number=number, status=status_label(status)
                )
            )
            return
        still_open = _open_commitments(detail)
        if status is CaseStatus.RESOLVED and still_open:
            self._refuse_resolve(number, still_open)
            return
        if status is CaseStatus.RESOLVED and (ask := self._ask_settings(detail)) is not None:
            self._offer_ask(number, me, ask)
            return
        self._run(
            functools.partial(change_status, self._db, number, agent=me, status=status),
            number,
            self.tr("Case #{number} is now “{status}”.").format(
                number=number, status=status_label(status)
            ),
        )

    def _ask_settings(self, detail: CaseDetail) -> AskSettings | None:
        """How to ask the customer, when that is possible: an email address to ask, and
        the gateway's public address for the links (read fresh: Settings may change it)."""
        if not any(i.kind is IdentityKind.EMAIL for i in detail.customer.identities):
            return None
        if self._settings_file is None:
            return None
        try:
            ask = ask_settings(load_settings(self._settings_file))
        except ConfigError:
            return None  # a broken file is reported where it is edited; resolve plainly
        return ask if ask.public_url else None

    def _offer_ask(self, number: CaseNumber, me: Agent, ask: AskSettings) -> QMessageBox:
        """Resolve and ask the customer (the default), resolve only, or cancel."""
        box = QMessageBox(
            QMessageBox.Icon.Question,
            self.tr("Resolve case"),
            self.tr("Resolve case #{number}?").format(number=number),
            QMessageBox.StandardButton.Cancel,
            self._window,
        )
        box.setObjectName("resolveAsk")
        box.setInformativeText(
            self.tr(
                "OmniDesk can email the customer “Did this solve your problem?” with a yes "
                "and a no link. If they answer no, the case opens again and stays yours."
            )
        )
        asking = box.addButton(
            self.tr("Resolve and &ask the customer"), QMessageBox.ButtonRole.AcceptRole
        )
        asking.setObjectName("resolveAndAsk")
        only = box.addButton(self.tr("&Resolve only"), QMessageBox.ButtonRole.ActionRole)
        only.setObjectName("resolveOnly")
        box.setDefaultButton(asking)
        resolved = self.tr("Case #{number} is now “{status}”.").format(
            number=number, status=status_label(CaseStatus.RESOLVED)
        )

        def _on_clicked(button: QAbstractButton) -> None:
            if button is asking:
                self._run(
                    functools.partial(resolve_and_ask, self._db, number, agent=me, settings=ask),
                    number,
                    self.tr("Case #{number} is resolved; the customer is asked to confirm.").format(
                        number=number
                    ),
                )
            elif button is only:
                self._run(
                    functools.partial(
                        change_status, self._db, number, agent=me, status=CaseStatus.RESOLVED
                    ),
                    number,
                    resolved,
                )

        box.buttonClicked.connect(_on_clicked)
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        box.open()
        return box

    def _refuse_resolve(self, number: CaseNumber, still_open: list[Commitment]) -> QMessageBox:
        now = self._now()
        listed = "\n".join(
            f"• {commitment_label(c.kind)}, {due_text(c.due_at, now)}"
            + (f" — {c.note}" if c.note else "")
            for c in still_open
        )
        box = show_warning(
            self._window,
            self.tr(
                "Case #{number} cannot be resolved yet: %n promise(s) to the customer are open.",
                None,
                len(still_open),
            ).format(number=number),
            title=self.tr("Open commitments"),
        )
        box.setObjectName("resolveRefused")
        box.setInformativeText(
            self.tr(
                "Keep them (Case ▸ Complete commitment) or cancel them with a reason "
                "(Case ▸ Cancel commitment), then resolve the case.\n\n{list}"
            ).format(list=listed)
        )
        return box

    # -- commitments --------------------------------------------------------------------

    def add_commitment(self) -> None:
        ready = self._ready()
        if ready is None:
            return
        detail, me = ready
        number = detail.case.number
        dialog = CommitmentDialog(self._window, number=number, now=self._now, tz=self._tz)
        dialog.accepted.connect(lambda: self._add(number, me, dialog.values()))
        dialog.open()

    def _add(self, number: CaseNumber, me: Agent, new: NewCommitment) -> None:
        self._run(
            functools.partial(
                add_commitment,
                self._db,
                number,
                actor=me,
                kind=new.kind,
                due_at=new.due_at,
                note=new.note,
                customer_text=new.customer_text,
                mail_domain=self._mail_domain,
            ),
            number,
            self.tr("Commitment added to #{number}: {kind}, {due}").format(
                number=number,
                kind=commitment_label(new.kind),
                due=due_text(new.due_at, self._now()),
            ),
        )

    def close_commitment(self, *, cancel: bool, chosen: CommitmentId | None = None) -> None:
        """Complete (or cancel) one of the case's open commitments."""
        ready = self._ready()
        if ready is None:
            return
        detail, me = ready
        number = detail.case.number
        still_open = _open_commitments(detail)
        if not still_open:
            show_information(
                self._window,
                self.tr("Case #{number} has no open commitments.").format(number=number),
                title=self.tr("Commitments"),
            )
            return
        dialog = CloseCommitmentDialog(
            self._window,
            number=number,
            commitments=still_open,
            cancel=cancel,
            now=self._now(),
            chosen=chosen,
        )

        def _on_accepted() -> None:
            chosen_id, text = dialog.chosen_id(), dialog.value()
            if cancel:
                work = functools.partial(
                    cancel_commitment, self._db, chosen_id, actor=me, reason=text
                )
                done = self.tr("Commitment on #{number} cancelled.")
            else:
                work = functools.partial(
                    complete_commitment, self._db, chosen_id, actor=me, outcome=text or None
                )
                done = self.tr("Commitment on #{number} done.")
                if dialog.chosen_kind() is CommitmentKind.CALLBACK and needs_another_attempt(text):
                    self._run(work, number, done.format(number=number))
                    self.propose_next_attempt(number)
                    return
            self._run(work, number, done.format(number=number))

        dialog.accepted.connect(_on_accepted)
        dialog.open()

    def propose_next_attempt(self, number: CaseNumber) -> CommitmentDialog | None:
        """Nobody answered: offer the next call-back, due at a sensible time."""
        ready = self._ready()
        if ready is None:
            return None
        _detail, me = ready
        due = next_attempt_due(self._now(), self._tz)
        dialog = CommitmentDialog(
            self._window,
            number=number,
            now=self._now,
            tz=self._tz,
            kind=CommitmentKind.CALLBACK,
            due_text=due.strftime("%Y-%m-%d %H:%M"),
            note=self.tr("Next attempt: nobody answered"),
        )
        dialog.setWindowTitle(self.tr("Call again? #{number}").format(number=number))
        dialog.accepted.connect(lambda: self._add(number, me, dialog.values()))
        dialog.open()
        self.next_attempt_dialog = dialog
        return dialog

    # -- threading corrections ------------------------------------------------------------

    def move_message(self, message_id: MessageId) -> None:
        ready = self._ready()
        if ready is None:
            return
        detail, me = ready
        message = next((m for m in detail.messages if m.id == message_id), None)
        if message is None or message.direction is not Direction.IN:
            return
        number = detail.case.number
        dialog = MoveMessageDialog(
            self._window, source=number, thread_reason=message.thread_reason or ""
        )

        def _on_accepted() -> None:
            target, reason = dialog.target_number(), dialog.reason_text()
            assert target is not None
            self._run(
                functools.partial(
                    move_message, self._db, message_id, to=target, actor=me, reason=reason
                ),
                number,
                self.tr("Message moved from #{number} to #{target}.").format(
                    number=number, target=target
                ),
            )

        dialog.accepted.connect(_on_accepted)
        dialog.open()

    def split_message(self, message_id: MessageId) -> None:
        ready = self._ready()
        if ready is None:
            return
        detail, me = ready
        number = detail.case.number
        dialog = ReasonDialog(
            self._window,
            title=self.tr("Split into a new case"),
            intro=self.tr(
                "The message leaves case #{number} and starts a new case for the same "
                "customer. Both cases record who split it and why."
            ).format(number=number),
            label=self.tr("&Why:"),
            ok_text=self.tr("Split"),
            placeholder=self.tr("e.g. a different problem than this case"),
        )
        dialog.setObjectName("splitMessageDialog")

        def _on_accepted() -> None:
            reason = dialog.value()
            self._tasks.submit(
                functools.partial(split_message, self._db, message_id, actor=me, reason=reason),
                functools.partial(self._on_split, number),
            )

        dialog.accepted.connect(_on_accepted)
        dialog.open()

    def _on_split(self, source: CaseNumber, created: CaseNumber) -> None:
        self.sig_message.emit(
            self.tr("Message split from #{number} into the new case #{created}.").format(
                number=source, created=created
            )
        )
        self.sig_changed.emit(int(source))
        self.sig_open_case.emit(int(created))

    # -- helpers --------------------------------------------------------------------------

    def _ready(self) -> tuple[CaseDetail, Agent] | None:
        """The case on screen and the agent, or None after explaining what is missing."""
        detail, me = self._detail(), self._me()
        if detail is None:
            self.sig_message.emit(self.tr("Select a case first."))
            return None
        if me is None:
            self.explain_missing_agent()
            return None
        return detail, me

    def explain_missing_agent(self) -> QMessageBox:
        """Say how to tell OmniDesk who the agent is (every case action needs it)."""
        name = self._agent_name()
        if name:
            text = self.tr("There is no agent named “{name}” in this database.").format(name=name)
        else:
            text = self.tr("OmniDesk does not know which agent you are yet.")
        details = self.tr(
            "Choose your agent name in Settings ▸ Profile, or put it in the settings file "
            '{file}, for example: agent = "anna". If you are not an agent yet, create '
            "yourself with: omnidesk agent add NAME --email ADDRESS."
        ).format(file=self._settings_file or "settings.toml")
        return show_information(self._window, text, title=self.tr("Who are you?"), details=details)

    def _run(self, work: Callable[[], object], number: CaseNumber, done: str) -> None:
        def _on_done(_result: object) -> None:
            self.sig_message.emit(done)
            self.sig_changed.emit(int(number))

        # A refusal (someone else changed the case) is shown by the runner; reload anyway.
        self._tasks.submit(
            work, _on_done, on_failure=lambda _error: self.sig_changed.emit(int(number))
        )


def _open_commitments(detail: CaseDetail) -> list[Commitment]:
    return sorted(
        (c for c in detail.commitments if c.state is CommitmentState.OPEN),
        key=lambda c: c.due_at,
    )
