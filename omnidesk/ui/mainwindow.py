"""The main window: sidebar of views, the case list, the selected case and the composer.

It owns no data: every read and change goes through the ``TaskRunner`` to the
services, and the window refreshes what a change affects (list, counts, detail).
Known errors from that work land in the status bar; bugs are the composition
root's business (``omnidesk.app`` connects ``TaskRunner.sig_bug`` to the crash dialog).
The commands themselves are declared in ``actions.py``; the case actions run in
``case_actions.py``, the composer in ``composer/``.
"""

import functools
from collections.abc import Callable
from dataclasses import replace
from datetime import UTC, datetime

from PySide6.QtCore import QModelIndex, QSize, Qt, QTimer, Signal
from PySide6.QtGui import QAction, QCloseEvent
from PySide6.QtWidgets import (
    QLabel,
    QMainWindow,
    QSplitter,
    QStackedWidget,
    QToolBar,
    QVBoxLayout,
    QWidget,
)

from omnidesk.config.settings import Settings
from omnidesk.core.entities import Agent
from omnidesk.core.enums import CaseStatus, ReplyMode
from omnidesk.core.ids import CaseNumber, CommitmentId, MessageId
from omnidesk.core.views import View, filter_for_view
from omnidesk.services.acknowledge import AckSettings, ack_settings
from omnidesk.services.agents import come_back, find_agent, go_away, list_agents
from omnidesk.services.cases import CaseDetail, case_detail
from omnidesk.ui.actions import DeskActions
from omnidesk.ui.case_actions import CaseActions
from omnidesk.ui.composer.drafts import DraftStore
from omnidesk.ui.composer.pane import ComposerPane, ComposerSetup
from omnidesk.ui.dialogs.away import AwayDialog
from omnidesk.ui.labels import view_label
from omnidesk.ui.live import CaseChanges, LiveUpdates
from omnidesk.ui.models.case_table import CASE_NUMBER_ROLE, CaseTableModel
from omnidesk.ui.models.sidebar import SidebarModel, count_views
from omnidesk.ui.notices import DeskNotices
from omnidesk.ui.notifier import Notifier
from omnidesk.ui.preferences import desktop_preferences, mail_domain, zone_or_utc
from omnidesk.ui.search_box import SearchBox, search_function
from omnidesk.ui.settings.dialog import SettingsDialog
from omnidesk.ui.setup import DeskSetup
from omnidesk.ui.tasks import TaskRunner
from omnidesk.ui.team_presence import CasePresence, PresenceBar
from omnidesk.ui.views.case_detail import CaseDetailPane
from omnidesk.ui.views.case_table import CaseTableView
from omnidesk.ui.views.customer_panel import CustomerPanel
from omnidesk.ui.views.report_window import ReportWindow
from omnidesk.ui.views.shortcut_overlay import ShortcutOverlay
from omnidesk.ui.views.sidebar import SidebarView

__all__ = ["DeskSetup", "MainWindow"]

_STATUS_MESSAGE_MS = 10_000
_CLOCK_MS = 60_000
"""How often the "waiting" and "due" columns are recomputed (no query involved)."""
_LIST_PAGE = 0
_SEARCH_PAGE = 1


def _utc_now() -> datetime:
    return datetime.now(UTC)


class MainWindow(QMainWindow):
    """Sidebar | case list (or search results) | case detail over the composer."""

    sig_case_claimed = Signal(int)
    """This agent became the owner of the case with this number."""
    sig_settings_saved = Signal(object)
    """New ``Settings`` were written by the settings dialog."""

    def __init__(
        self,
        setup: DeskSetup,
        tasks: TaskRunner,
        parent: QWidget | None = None,
        *,
        now: Callable[[], datetime] = _utc_now,
    ) -> None:
        super().__init__(parent)
        self._setup = setup
        self._tasks = tasks
        self._now = now
        self._me: Agent | None = None
        self._requested_view: View | None = None
        self._pending_case: CaseNumber | None = None
        self._detail_wanted: CaseNumber | None = None
        self._shown_detail: CaseDetail | None = None
        self.setObjectName("mainWindow")
        self.setWindowTitle("OmniDesk")
        self._tz, tz_problem = zone_or_utc(setup.settings)
        preferences = desktop_preferences(setup.settings)

        self._cases = CaseTableModel(setup.db, tasks, self)
        self._sidebar_model = SidebarModel(self)
        self._sidebar = SidebarView(self._sidebar_model)
        self._table = CaseTableView(self._cases)
        self._detail = CaseDetailPane(db=setup.db, tasks=tasks)
        drafts = DraftStore(setup.drafts_dir) if setup.drafts_dir is not None else None
        self._composer = ComposerPane(
            ComposerSetup(
                db=setup.db,
                tasks=tasks,
                drafts=drafts,
                tz=self._tz,
                mail_domain=mail_domain(setup.settings),
                signature=preferences.signature,
                saved_replies=preferences.saved_replies,
                now=now,
            )
        )
        self.commands = DeskActions(self, send=self._composer.send_action)
        self._search = SearchBox(setup.db, tasks, tz=self._tz, me=lambda: self._me, parent=self)
        self._case_actions = CaseActions(
            db=setup.db,
            tasks=tasks,
            window=self,
            detail=lambda: self._shown_detail,
            me=lambda: self._me,
            tz=self._tz,
            now=now,
            agent_name=lambda: self._setup.agent_name,
            settings_file=setup.settings_file,
            owner_notice=self._owner_notice,
            mail_domain=mail_domain(setup.settings),
        )
        self._customer_panel = CustomerPanel(
            setup.db,
            tasks,
            tz=self._tz,
            search=search_function(),
            me=lambda: self._me,
            parent=self,
        )
        self._detail.add_tab(self._customer_panel, self.tr("Customer"))
        self._presence_bar = PresenceBar()
        self._presence = CasePresence(
            setup.db, tasks, self._presence_bar, me=lambda: self._me, parent=self
        )
        self._live: LiveUpdates | None = None
        self._live_reload = False
        self._away_dialog: AwayDialog | None = None
        self._report_window: ReportWindow | None = None
        self._overlay = ShortcutOverlay(self, self.commands.groups())
        self._notifier = Notifier(
            setup.db,
            tasks,
            me=lambda: self._me,
            unread_file=setup.data_dir / "unread.json" if setup.data_dir else None,
            notify_messages=preferences.notify_new_messages,
            notify_commitments=preferences.notify_commitments,
            now=now,
            parent=self,
        )
        self._notices = DeskNotices(
            self,
            notifier=self._notifier,
            cases=self._cases,
            quit_action=self.commands.quit,
            show_message=self._show_message,
        )
        self._build_layout()
        self._build_toolbar()
        self.commands.fill_menu_bar(self.menuBar())
        self.commands.teach_shortcuts()
        self._build_status_bar()
        self._connect_actions()
        self._update_actions()
        if tz_problem:
            self.statusBar().showMessage(tz_problem, _STATUS_MESSAGE_MS)

        self._clock = QTimer(self)
        self._clock.setInterval(_CLOCK_MS)
        self._clock.timeout.connect(self._on_clock_timeout)
        self._connect_parts()

    def _connect_parts(self) -> None:
        self._sidebar.sig_view_chosen.connect(self._on_sidebar_view_chosen)
        self._table.selectionModel().currentRowChanged.connect(self._on_table_current_changed)
        self._cases.sig_page_loaded.connect(self._on_cases_page_loaded)
        self._detail.sig_link_activated.connect(self._on_detail_link_activated)
        self._detail.sig_message.connect(self._show_message)
        self._composer.sig_written.connect(self._on_composer_written)
        self._composer.sig_case_changed.connect(self._on_case_changed)
        self._composer.sig_message.connect(self._show_message)
        self._case_actions.sig_changed.connect(self._on_case_changed)
        self._case_actions.sig_message.connect(self._show_message)
        self._case_actions.sig_open_case.connect(self._on_open_case_requested)
        self._case_actions.sig_claimed.connect(self.sig_case_claimed)
        self._search.sig_active_changed.connect(self._on_search_active_changed)
        self._search.sig_case_chosen.connect(self._on_open_case_requested)
        self._notifier.sig_arrivals.connect(self.refresh)
        self._notices.sig_open_case.connect(self._on_open_case_requested)
        self._customer_panel.sig_case_chosen.connect(self._on_open_case_requested)
        self._customer_panel.sig_customers_changed.connect(self._on_customers_changed)
        self._tasks.sig_known_error.connect(self._on_tasks_known_error)
        self._composer.ui.editor.textChanged.connect(self._on_composer_text_changed)

    # -- building -----------------------------------------------------------------

    def _build_layout(self) -> None:
        self._center = QStackedWidget()
        self._center.setObjectName("centerStack")
        self._center.addWidget(self._table)
        self._center.addWidget(self._search.results_view)
        # The search field sits over the list it replaces, always in sight (a toolbar
        # would hide it in its overflow menu on a narrow window).
        center = QWidget()
        center_layout = QVBoxLayout(center)
        center_layout.setContentsMargins(0, 4, 0, 0)
        center_layout.setSpacing(4)
        center_layout.addWidget(self._search.field)
        center_layout.addWidget(self._center, 1)
        right = QSplitter(Qt.Orientation.Vertical)
        right.setObjectName("caseSplitter")
        right.setChildrenCollapsible(False)
        case_column = QWidget()
        case_layout = QVBoxLayout(case_column)
        case_layout.setContentsMargins(0, 0, 0, 0)
        case_layout.setSpacing(0)
        case_layout.addWidget(self._presence_bar)
        case_layout.addWidget(self._detail, 1)
        right.addWidget(case_column)
        right.addWidget(self._composer)
        right.setStretchFactor(0, 1)
        right.setStretchFactor(1, 0)
        splitter = QSplitter(Qt.Orientation.Horizontal)
        splitter.setObjectName("mainSplitter")
        splitter.setChildrenCollapsible(False)
        splitter.addWidget(self._sidebar)
        splitter.addWidget(center)
        splitter.addWidget(right)
        splitter.setStretchFactor(0, 0)
        splitter.setStretchFactor(1, 3)
        splitter.setStretchFactor(2, 2)
        unit = self.fontMetrics().averageCharWidth()
        self._sidebar.setMinimumWidth(unit * 20)
        center.setMinimumWidth(unit * 60)
        right.setMinimumWidth(unit * 56)
        splitter.setSizes([unit * 28, unit * 140, unit * 82])
        self.setCentralWidget(splitter)
        self.resize(self._default_size(unit))

    def _default_size(self, unit: int) -> QSize:
        """Room for the list and the detail side by side, but never larger than the screen."""
        wanted = QSize(unit * 250, self.fontMetrics().height() * 56)
        available = self.screen().availableGeometry().size() * 0.92
        return wanted.boundedTo(available)

    def _build_toolbar(self) -> None:
        a = self.commands
        toolbar = QToolBar(self.tr("Case actions"))
        toolbar.setObjectName("mainToolBar")
        toolbar.setMovable(False)
        toolbar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        for action in (a.claim, a.reply, a.note, a.handover, a.add_commitment, a.resolve):
            toolbar.addAction(action)
        toolbar.addSeparator()
        toolbar.addAction(a.refresh)
        self.addToolBar(toolbar)

    def _build_status_bar(self) -> None:
        self._agent_label = QLabel()
        self._agent_label.setObjectName("agentLabel")
        self._database_label = QLabel(self._setup.db.display_url)
        self._database_label.setObjectName("databaseLabel")
        self._database_label.setToolTip(self.tr("The database this window works on"))
        self.statusBar().addPermanentWidget(self._agent_label)
        self.statusBar().addPermanentWidget(self._database_label)
        self._show_agent()

    def _connect_actions(self) -> None:
        a, acts = self.commands, self._case_actions
        a.claim.triggered.connect(self.claim_current_case)
        a.refresh.triggered.connect(self._on_action_refresh_triggered)
        a.away.triggered.connect(self._on_action_away_triggered)
        a.reply.triggered.connect(lambda: self.write(ReplyMode.REPLY))
        a.note.triggered.connect(lambda: self.write(ReplyMode.NOTE))
        a.handover.triggered.connect(acts.handover)
        a.status_open.triggered.connect(lambda: acts.set_status(CaseStatus.OPEN))
        a.status_waiting.triggered.connect(lambda: acts.set_status(CaseStatus.WAITING_ON_CUSTOMER))
        a.resolve.triggered.connect(lambda: acts.set_status(CaseStatus.RESOLVED))
        a.add_commitment.triggered.connect(acts.add_commitment)
        a.complete_commitment.triggered.connect(lambda: acts.close_commitment(cancel=False))
        a.cancel_commitment.triggered.connect(lambda: acts.close_commitment(cancel=True))
        a.next_case.triggered.connect(lambda: self.step_case(1))
        a.previous_case.triggered.connect(lambda: self.step_case(-1))
        a.search.triggered.connect(self._search.focus)
        a.history.triggered.connect(self._detail.show_history)
        a.report.triggered.connect(self.open_report)
        a.shortcuts.triggered.connect(self._overlay.toggle)
        a.settings.triggered.connect(self.open_settings)
        a.quit.triggered.connect(self.close)
        a.export_pdf.triggered.connect(self._on_action_export_pdf_triggered)
        a.print.triggered.connect(self._on_action_print_triggered)

    # -- public interface -----------------------------------------------------------

    def start(self, *, view: View | None = None, case: CaseNumber | None = None) -> None:
        """Find out who the agent is, then show ``view`` and open ``case``."""
        self._requested_view = view
        self._pending_case = case
        self._clock.start()
        if self._setup.agent_name:
            self._tasks.submit(
                functools.partial(find_agent, self._setup.db, self._setup.agent_name),
                self._on_agent_found,
                key="agent",
                on_failure=self._on_agent_lookup_failed,
            )
        else:
            self._me = None
            self._composer.set_agent(None)
            self._show_agent()
            self._show_first_view()

    def agent(self) -> Agent | None:
        return self._me

    @property
    def action_claim(self) -> QAction:
        return self.commands.claim

    @property
    def action_refresh(self) -> QAction:
        return self.commands.refresh

    @property
    def task_runner(self) -> TaskRunner:
        return self._tasks

    @property
    def case_model(self) -> CaseTableModel:
        return self._cases

    @property
    def case_table(self) -> CaseTableView:
        return self._table

    @property
    def sidebar_model(self) -> SidebarModel:
        return self._sidebar_model

    @property
    def detail_pane(self) -> CaseDetailPane:
        return self._detail

    @property
    def composer(self) -> ComposerPane:
        return self._composer

    def agent_label_text(self) -> str:
        return self._agent_label.text()

    @property
    def presence_bar(self) -> PresenceBar:
        return self._presence_bar

    @property
    def case_presence(self) -> CasePresence:
        return self._presence

    @property
    def case_actions(self) -> CaseActions:
        return self._case_actions

    @property
    def search_box(self) -> SearchBox:
        return self._search

    @property
    def customer_panel(self) -> CustomerPanel:
        return self._customer_panel

    @property
    def shortcut_overlay(self) -> ShortcutOverlay:
        return self._overlay

    def shown_detail(self) -> CaseDetail | None:
        return self._shown_detail

    def current_view(self) -> View | None:
        return self._sidebar.current_view()

    def select_view(self, view: View) -> None:
        self._sidebar.select_view(view)

    def open_case(self, number: CaseNumber) -> None:
        """Show case ``number`` in the detail pane, selecting its row when it is listed."""
        self._load_detail(number)
        row = self._cases.row_of(number)
        if row is None:
            self._pending_case = number  # selected if its page arrives
        else:
            self._table.select_row(row)

    def refresh(self) -> None:
        """Reload the list, the counts and the open case (after a change)."""
        self._cases.reload()
        self._load_counts()
        shown = self._detail.current_number()
        if shown is not None:
            self._load_detail(shown)

    def start_live_updates(self, live: LiveUpdates | None = None) -> LiveUpdates:
        """Follow changes made anywhere (other desktops, the gateway, the CLI) as they commit.

        Also starts telling colleagues which case this agent is on. The app calls this
        once the window is up; tests may pass a ``LiveUpdates`` with a faster poll.
        """
        if self._live is None:
            self._live = live or LiveUpdates(self._setup.db, parent=self)
            self._live.sig_changed.connect(self._on_live_changed)
            self._live.sig_connected.connect(self._on_live_connected)
            self._live.start()
            self._presence.start()
        return self._live

    def open_settings(self) -> SettingsDialog:
        """The settings dialog (not blocking); saved settings apply where they can at once."""
        dialog = SettingsDialog(
            self,
            settings=self._setup.settings,
            settings_file=self._setup.settings_file,
            secrets=self._setup.secrets,
            tasks=self._tasks,
            db=self._setup.db,
        )
        dialog.sig_saved.connect(self._on_settings_saved)
        dialog.open()
        return dialog

    def open_report(self) -> ReportWindow:
        """The report window (not blocking), with freshly loaded figures."""
        if self._report_window is None:
            self._report_window = ReportWindow(
                self._setup.db, self._tasks, tz=self._tz, parent=self
            )
        if self._report_window.isVisible():
            self._report_window.activateWindow()
        else:
            self._report_window.show()
        self._report_window.load()
        return self._report_window

    def write(self, mode: ReplyMode) -> None:
        """Start a reply or a note on the case on screen."""
        if self._shown_detail is None:
            self._show_message(self.tr("Select a case first."))
            return
        self._composer.start(mode)

    def step_case(self, step: int) -> None:
        """Open the next (+1) or previous (-1) case of the list."""
        rows = self._cases.rowCount()
        if rows == 0:
            return
        current = self._table.currentIndex()
        row = current.row() + step if current.isValid() else 0
        row = max(0, min(rows - 1, row))
        if row == rows - 1 and self._cases.canFetchMore(QModelIndex()):
            self._cases.fetchMore(QModelIndex())
        self._table.select_row(row)

    def claim_current_case(self) -> None:
        """Claim the case on screen for this agent."""
        self._case_actions.claim()

    # -- loading ----------------------------------------------------------------

    def _show_first_view(self) -> None:
        view = self._requested_view or (View.MINE if self._me else View.OPEN)
        self._sidebar.select_view(view)
        self._load_counts()
        if self._pending_case is not None:
            self._load_detail(self._pending_case)

    def _load_counts(self) -> None:
        me = self._me.id if self._me else None
        self._tasks.submit(
            functools.partial(count_views, self._setup.db, me),
            self._sidebar_model.set_counts,
            key="view-counts",
        )

    def _load_detail(self, number: CaseNumber) -> None:
        self._detail_wanted = number
        self._tasks.submit(
            functools.partial(case_detail, self._setup.db, number),
            self._on_detail_loaded,
            key="case-detail",
            on_failure=self._on_detail_failed,
        )

    def _show_agent(self) -> None:
        away = self._me is not None and self._me.away_since is not None
        self.commands.away.setText(self.tr("I am &back") if away else self.tr("&Away…"))
        if self._me is not None and away:
            self._agent_label.setText(self.tr("Agent: {name} (away)").format(name=self._me.name))
        elif self._me is not None:
            self._agent_label.setText(self.tr("Agent: {name}").format(name=self._me.name))
        elif self._setup.agent_name:
            self._agent_label.setText(
                self.tr("Agent “{name}” not found").format(name=self._setup.agent_name)
            )
        else:
            self._agent_label.setText(self.tr("No agent set"))

    def _update_actions(self) -> None:
        detail = self._shown_detail
        a = self.commands
        for action in a.case_only:
            action.setEnabled(detail is not None)
        if detail is None:
            return
        mine = self._me is not None and detail.case.owner_id == self._me.id
        a.claim.setEnabled(not mine)
        status = detail.case.status
        a.status_open.setEnabled(status in {CaseStatus.WAITING_ON_CUSTOMER, CaseStatus.RESOLVED})
        a.status_waiting.setEnabled(status in {CaseStatus.NEW, CaseStatus.OPEN})
        a.resolve.setEnabled(status is not CaseStatus.RESOLVED)

    def _show_message(self, message: str) -> None:
        self.statusBar().showMessage(message, _STATUS_MESSAGE_MS)

    # -- slots --------------------------------------------------------------------

    def _on_agent_found(self, agent: Agent) -> None:
        self._me = agent
        self._composer.set_agent(agent)
        self._show_agent()
        self._show_first_view()
        self._notifier.start()

    def _on_agent_lookup_failed(self, _error: BaseException) -> None:
        self._me = None
        self._show_agent()
        self._show_first_view()

    def _on_sidebar_view_chosen(self, value: str) -> None:
        view = View(value)
        me = self._me.id if self._me else None
        self.setWindowTitle(f"{view_label(view)} — OmniDesk")
        self._search.clear()
        self._cases.set_filter(filter_for_view(view, me=me))

    def _on_cases_page_loaded(self, row_count: int) -> None:
        if self._table.currentIndex().isValid():
            return  # an appended page or an in-place update: the selection stands
        # The case asked for last wins over the one still on screen: a reload that lands
        # while another case is loading must not take the agent back to the old one.
        wanted = self._pending_case or self._detail_wanted or self._detail.current_number()
        row = self._cases.row_of(wanted) if wanted is not None else None
        # A change made elsewhere took the case on screen out of this list (a colleague
        # claimed it): the agent keeps reading it rather than being moved to another case.
        keep_reading = self._live_reload and self._detail.current_number() is not None
        self._live_reload = False
        if row is None and self._pending_case is None and row_count > 0 and not keep_reading:
            row = 0
        self._pending_case = None
        if row is not None:
            self._table.select_row(row)
        elif row_count == 0 and self._detail.current_number() is None:
            self._detail.show_placeholder(self.tr("No cases in this view."))

    def _on_table_current_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        if not current.isValid():
            return
        number = CaseNumber(int(current.data(CASE_NUMBER_ROLE)))
        if number != self._detail_wanted:
            self._load_detail(number)

    def _on_detail_loaded(self, detail: CaseDetail) -> None:
        self._shown_detail = detail
        self._notifier.mark_read(detail.case.number)
        self._detail.show_detail(detail, self._now())
        self._customer_panel.show_customer(detail)
        self._composer.show_case(detail)
        self._presence.set_case(detail.case.number)
        self._update_actions()

    def _on_detail_failed(self, _error: BaseException) -> None:
        # Selecting the row again must try again.
        self._detail_wanted = self._detail.current_number()

    def _on_detail_link_activated(self, kind: str, item: int, verb: str) -> None:
        acts = self._case_actions
        if kind == "commitment" and verb in {"done", "cancel"}:
            acts.close_commitment(cancel=verb == "cancel", chosen=CommitmentId(item))
        elif kind == "message" and verb == "move":
            acts.move_message(MessageId(item))
        elif kind == "message" and verb == "split":
            acts.split_message(MessageId(item))

    def _on_composer_written(self, _number: int, _mode: str) -> None:
        self.refresh()

    def _on_composer_text_changed(self) -> None:
        writing = (
            bool(self._composer.text().strip()) and self._composer.mode() is not ReplyMode.NOTE
        )
        self._presence.set_replying(writing)

    def _on_live_changed(self, changes: CaseChanges) -> None:
        # Loads are keyed: a burst of changes cancels stale loads instead of queueing them.
        self._live_reload = True
        self._cases.reload()
        self._load_counts()
        shown = self._shown_detail
        if shown is not None and shown.case.id in changes.case_ids:
            self._load_detail(shown.case.number)
            self._presence.look()
        if changes.customer_wrote:
            self._notifier.look()

    def _on_live_connected(self, connected: bool) -> None:
        if connected:
            self.statusBar().showMessage(self.tr("Connection to the database is back."), 5_000)
            self.refresh()  # whatever the feed could not tell us while it was away
        else:
            self.statusBar().showMessage(
                self.tr("Connection to the database lost: reconnecting. Your drafts are kept.")
            )

    def _on_case_changed(self, _number: int) -> None:
        self.refresh()

    def _owner_notice(self) -> AckSettings | None:
        """Whether (and how) a claim tells the customer who handles their case."""
        settings = self._setup.settings
        return ack_settings(settings) if settings.tell_customer_owner else None

    def _on_customers_changed(self, message: str) -> None:
        self._show_message(message)
        self.refresh()

    def _on_open_case_requested(self, number: int) -> None:
        self.open_case(CaseNumber(number))

    def _on_search_active_changed(self, active: bool) -> None:
        self._center.setCurrentIndex(_SEARCH_PAGE if active else _LIST_PAGE)

    def _on_settings_saved(self, settings: Settings) -> None:
        before = self._setup.settings
        self._setup = replace(self._setup, settings=settings, agent_name=settings.agent)
        preferences = desktop_preferences(settings)
        self._notifier.notify_messages = preferences.notify_new_messages
        self._notifier.notify_commitments = preferences.notify_commitments
        self._composer.set_preferences(
            signature=preferences.signature, saved_replies=preferences.saved_replies
        )
        restart = [
            before.language != settings.language,
            before.database_url != settings.database_url,
            before.time_zone != settings.time_zone,
        ]
        if any(restart):
            self._show_message(self.tr("Settings saved. Restart OmniDesk to use all of them."))
        else:
            self._show_message(self.tr("Settings saved."))
        if before.agent != settings.agent:
            self.start(view=self.current_view())
        self.sig_settings_saved.emit(settings)

    def _on_action_away_triggered(self) -> None:
        me = self._me
        if me is None:
            self._show_message(self.tr("Set your agent name in the settings first."))
        elif me.away_since is not None:
            self._tasks.submit(
                functools.partial(come_back, self._setup.db, me), self._on_absence_changed
            )
        else:
            self._tasks.submit(
                functools.partial(list_agents, self._setup.db),
                functools.partial(self._ask_away, me),
                key="away-agents",
            )

    def _ask_away(self, me: Agent, agents: list[Agent]) -> None:
        dialog = AwayDialog(self, agents=agents, me=me.id)

        def _on_accepted() -> None:
            self._tasks.submit(
                functools.partial(
                    go_away,
                    self._setup.db,
                    me,
                    deputy=dialog.chosen_deputy(),
                    note=dialog.note_text(),
                ),
                self._on_absence_changed,
            )

        dialog.accepted.connect(_on_accepted)
        dialog.open()
        self._away_dialog = dialog

    def _on_absence_changed(self, agent: Agent) -> None:
        self._me = agent
        self._show_agent()
        if agent.away_since is not None:
            self._show_message(self.tr("You are away. Welcome back whenever you are."))
        else:
            self._show_message(self.tr("Welcome back."))
        self.refresh()

    def _on_action_refresh_triggered(self) -> None:
        self.refresh()
        self.statusBar().showMessage(self.tr("Refreshed."), 2_000)

    def _on_action_export_pdf_triggered(self) -> None:
        # QtPrintSupport loads on the first export, not at every start-up.
        from omnidesk.ui.export import export_case_pdf

        if self._shown_detail is not None:
            export_case_pdf(self, self._shown_detail, now=self._now())

    def _on_action_print_triggered(self) -> None:
        from omnidesk.ui.export import print_case

        if self._shown_detail is not None:
            print_case(self, self._shown_detail, now=self._now())

    def _on_tasks_known_error(self, message: str) -> None:
        self._show_message(message)

    def _on_clock_timeout(self) -> None:
        self._cases.refresh_times()

    @property
    def notifier(self) -> Notifier:
        return self._notifier

    def closeEvent(self, event: QCloseEvent) -> None:
        self._composer.save_draft_now()
        self._notifier.stop()
        self._clock.stop()
        self._presence.stop()
        if self._live is not None:
            self._live.stop()
        super().closeEvent(event)
