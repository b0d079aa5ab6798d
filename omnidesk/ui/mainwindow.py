"""The main window: sidebar of views, the case list, and the selected case.

It owns no data: every read and change goes through the ``TaskRunner`` to the
services, and the window refreshes what a change affects (list, counts, detail).
Known errors from that work land in the status bar; bugs are the composition
root's business (``omnidesk.app`` connects ``TaskRunner.sig_bug`` to the crash dialog).
"""

import functools
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QModelIndex, QSize, Qt, QTimer, Signal
from PySide6.QtGui import QAction, QCloseEvent, QKeySequence
from PySide6.QtWidgets import QLabel, QMainWindow, QSplitter, QStyle, QToolBar, QWidget

from omnidesk.core.entities import Agent
from omnidesk.core.ids import CaseNumber
from omnidesk.core.ownership import ClaimOutcome
from omnidesk.core.views import View, filter_for_view
from omnidesk.services.agents import find_agent
from omnidesk.services.cases import CaseDetail, case_detail, claim_case
from omnidesk.store.engine import Database
from omnidesk.ui.labels import view_label
from omnidesk.ui.models.case_table import CASE_NUMBER_ROLE, CaseTableModel
from omnidesk.ui.models.sidebar import SidebarModel, count_views
from omnidesk.ui.tasks import TaskRunner
from omnidesk.ui.views.case_detail import CaseDetailPane
from omnidesk.ui.views.case_table import CaseTableView
from omnidesk.ui.views.error_dialogs import show_information
from omnidesk.ui.views.sidebar import SidebarView

_STATUS_MESSAGE_MS = 10_000
_CLOCK_MS = 60_000
"""How often the "waiting" and "due" columns are recomputed (no query involved)."""


@dataclass(frozen=True, slots=True)
class DeskSetup:
    """What the main window needs from the composition root."""

    db: Database
    agent_name: str | None
    """The agent configured in the settings (``agent = "anna"``), if any."""
    settings_file: Path


class MainWindow(QMainWindow):
    """Sidebar | case list | case detail, with Claim and Refresh."""

    sig_case_claimed = Signal(int)
    """This agent became the owner of the case with this number."""

    def __init__(self, setup: DeskSetup, tasks: TaskRunner, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._setup = setup
        self._tasks = tasks
        self._me: Agent | None = None
        self._requested_view: View | None = None
        self._pending_case: CaseNumber | None = None
        self._detail_wanted: CaseNumber | None = None
        self._shown_detail: CaseDetail | None = None
        self.setObjectName("mainWindow")
        self.setWindowTitle("OmniDesk")

        self._cases = CaseTableModel(setup.db, tasks, self)
        self._sidebar_model = SidebarModel(self)
        self._sidebar = SidebarView(self._sidebar_model)
        self._table = CaseTableView(self._cases)
        self._detail = CaseDetailPane()
        self._build_layout()
        self._build_actions()
        self._build_status_bar()

        self._clock = QTimer(self)
        self._clock.setInterval(_CLOCK_MS)
        self._clock.timeout.connect(self._on_clock_timeout)

        self._sidebar.sig_view_chosen.connect(self._on_sidebar_view_chosen)
        self._table.selectionModel().currentRowChanged.connect(self._on_table_current_changed)
        self._cases.sig_page_loaded.connect(self._on_cases_page_loaded)
        tasks.sig_known_error.connect(self._on_tasks_known_error)

    # -- building -----------------------------------------------------------------

    def _build_layout(self) -> None:
        splitter = QSplitter(Qt.Orientation.Horizontal)
        splitter.setObjectName("mainSplitter")
        splitter.setChildrenCollapsible(False)
        splitter.addWidget(self._sidebar)
        splitter.addWidget(self._table)
        splitter.addWidget(self._detail)
        splitter.setStretchFactor(0, 0)
        splitter.setStretchFactor(1, 3)
        splitter.setStretchFactor(2, 2)
        unit = self.fontMetrics().averageCharWidth()
        self._sidebar.setMinimumWidth(unit * 20)
        self._table.setMinimumWidth(unit * 60)
        self._detail.setMinimumWidth(unit * 40)
        splitter.setSizes([unit * 28, unit * 160, unit * 62])
        self.setCentralWidget(splitter)
        self.resize(self._default_size(unit))

    def _default_size(self, unit: int) -> QSize:
        """Room for the list and the detail side by side, but never larger than the screen."""
        wanted = QSize(unit * 250, self.fontMetrics().height() * 56)
        available = self.screen().availableGeometry().size() * 0.92
        return wanted.boundedTo(available)

    def _build_actions(self) -> None:
        style = self.style()
        self.action_claim = QAction(self.tr("&Claim"), self)
        self.action_claim.setObjectName("actionClaim")
        self.action_claim.setIcon(style.standardIcon(QStyle.StandardPixmap.SP_DialogApplyButton))
        self.action_claim.setShortcut(QKeySequence("Ctrl+Shift+C"))
        self.action_claim.setStatusTip(
            self.tr("Become the owner of the selected case until it is resolved")
        )
        self.action_claim.setEnabled(False)
        self.action_claim.triggered.connect(self._on_action_claim_triggered)

        self.action_refresh = QAction(self.tr("&Refresh"), self)
        self.action_refresh.setObjectName("actionRefresh")
        self.action_refresh.setIcon(style.standardIcon(QStyle.StandardPixmap.SP_BrowserReload))
        self.action_refresh.setShortcut(QKeySequence(QKeySequence.StandardKey.Refresh))
        self.action_refresh.setStatusTip(self.tr("Load the cases and counts again"))
        self.action_refresh.triggered.connect(self._on_action_refresh_triggered)

        toolbar = QToolBar(self.tr("Case actions"))
        toolbar.setObjectName("mainToolBar")
        toolbar.setMovable(False)
        toolbar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        toolbar.addAction(self.action_claim)
        toolbar.addAction(self.action_refresh)
        self.addToolBar(toolbar)
        for action in (self.action_claim, self.action_refresh):
            # The shortcut in the tooltip teaches it; Qt does not add it by itself.
            action.setToolTip(f"{action.text().replace('&', '')} ({action.shortcut().toString()})")

    def _build_status_bar(self) -> None:
        self._agent_label = QLabel()
        self._agent_label.setObjectName("agentLabel")
        self._database_label = QLabel(self._setup.db.display_url)
        self._database_label.setObjectName("databaseLabel")
        self._database_label.setToolTip(self.tr("The database this window works on"))
        self.statusBar().addPermanentWidget(self._agent_label)
        self.statusBar().addPermanentWidget(self._database_label)
        self._show_agent()

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
            self._show_first_view()

    def agent(self) -> Agent | None:
        return self._me

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

    def claim_current_case(self) -> None:
        """Claim the case on screen for this agent."""
        number = self._detail.current_number() or self._table.current_case()
        if number is None:
            self.statusBar().showMessage(self.tr("Select a case first."), _STATUS_MESSAGE_MS)
            return
        if self._me is None:
            self._explain_missing_agent()
            return
        self._tasks.submit(
            functools.partial(claim_case, self._setup.db, number, self._me),
            functools.partial(self._on_claim_done, number),
            on_failure=self._on_claim_failed,
        )

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

    def _explain_missing_agent(self) -> None:
        settings_file = self._setup.settings_file
        if self._setup.agent_name:
            text = self.tr("There is no agent named “{name}” in this database.").format(
                name=self._setup.agent_name
            )
        else:
            text = self.tr("OmniDesk does not know which agent you are yet.")
        details = self.tr(
            "To claim cases, put your agent name in the settings file {file}, "
            'for example: agent = "anna". If you are not an agent yet, create yourself '
            "with: omnidesk agent add NAME --email ADDRESS. Then start OmniDesk again."
        ).format(file=settings_file)
        show_information(self, text, title=self.tr("Who are you?"), details=details)

    def _show_agent(self) -> None:
        if self._me is not None:
            self._agent_label.setText(self.tr("Agent: {name}").format(name=self._me.name))
        elif self._setup.agent_name:
            self._agent_label.setText(
                self.tr("Agent “{name}” not found").format(name=self._setup.agent_name)
            )
        else:
            self._agent_label.setText(self.tr("No agent set"))

    def _update_actions(self) -> None:
        detail = self._shown_detail
        mine = detail is not None and self._me is not None and detail.case.owner_id == self._me.id
        self.action_claim.setEnabled(detail is not None and not mine)

    # -- slots --------------------------------------------------------------------

    def _on_agent_found(self, agent: Agent) -> None:
        self._me = agent
        self._show_agent()
        self._show_first_view()

    def _on_agent_lookup_failed(self, _error: BaseException) -> None:
        self._me = None
        self._show_agent()
        self._show_first_view()

    def _on_sidebar_view_chosen(self, value: str) -> None:
        view = View(value)
        me = self._me.id if self._me else None
        self.setWindowTitle(f"{view_label(view)} — OmniDesk")
        self._cases.set_filter(filter_for_view(view, me=me))

    def _on_cases_page_loaded(self, row_count: int) -> None:
        if self._table.currentIndex().isValid():
            return  # an appended page or an in-place update: the selection stands
        wanted = self._pending_case or self._detail.current_number()
        row = self._cases.row_of(wanted) if wanted is not None else None
        if row is None and self._pending_case is None and row_count > 0:
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
        self._detail.show_detail(detail)
        self._update_actions()

    def _on_detail_failed(self, _error: BaseException) -> None:
        # Selecting the row again must try again.
        self._detail_wanted = self._detail.current_number()

    def _on_action_claim_triggered(self) -> None:
        self.claim_current_case()

    def _on_action_refresh_triggered(self) -> None:
        self.refresh()
        self.statusBar().showMessage(self.tr("Refreshed."), 2_000)

    def _on_claim_done(self, number: CaseNumber, outcome: ClaimOutcome) -> None:
        if outcome.won:
            message = self.tr("You now own case #{number}.").format(number=number)
            self.sig_case_claimed.emit(int(number))
        else:
            message = self.tr("You already own case #{number}.").format(number=number)
        self.statusBar().showMessage(message, _STATUS_MESSAGE_MS)
        self.refresh()

    def _on_claim_failed(self, _error: BaseException) -> None:
        # Usually someone else was faster: show who owns the case now.
        self.refresh()

    def _on_tasks_known_error(self, message: str) -> None:
        self.statusBar().showMessage(message, _STATUS_MESSAGE_MS)

    def _on_clock_timeout(self) -> None:
        self._cases.refresh_times()

    def closeEvent(self, event: QCloseEvent) -> None:
        self._clock.stop()
        super().closeEvent(event)
