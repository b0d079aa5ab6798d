"""The customer panel: who the customer is on every channel, and all their cases.

The identities come with the case. The cases are found through the search service
(``customer:ADDRESS OR customer:VISITOR-ID``), the only way the UI has today to list
cases by customer; hits for another customer who merely shares a word are dropped.
Above them: how long the customer waited on us in total, and their contacts per case.
"""

import functools
from collections.abc import Callable, Sequence
from datetime import tzinfo
from html import escape

from PySide6.QtCore import QModelIndex, Qt, QUrl, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from omnidesk.core.entities import Agent, Customer
from omnidesk.core.enums import IdentityKind
from omnidesk.core.figures import CustomerClocks
from omnidesk.core.ids import CaseNumber, CustomerId
from omnidesk.services.cases import CaseDetail
from omnidesk.services.customers import (
    MergeOutcome,
    find_customer,
    merge_customers,
    undo_merge,
)
from omnidesk.services.figures import customer_clocks
from omnidesk.store.engine import Database
from omnidesk.ui.dialogs.merge_customer import MergeCustomerDialog
from omnidesk.ui.icons import icon_file
from omnidesk.ui.models.search_results import (
    CASE_NUMBER_ROLE,
    Column,
    SearchHitLike,
    SearchResultsModel,
)
from omnidesk.ui.search_box import SearchFunction
from omnidesk.ui.tasks import TaskRunner
from omnidesk.ui.views.customer_clocks import clocks_details, clocks_text

MAX_CASES = 200
_IDENTITY_ICONS = {
    IdentityKind.EMAIL: "email",
    IdentityKind.CHAT: "chat",
    IdentityKind.PHONE: "phone",
}


def customer_query(customer: Customer) -> str:
    """The search query for every case of ``customer``: one ``customer:`` term per identity."""
    terms = [f'customer:"{i.value.replace(chr(34), "")}"' for i in customer.identities]
    return " OR ".join(terms)


class CustomerPanel(QWidget):
    """Identities on top, the customer's cases below; choosing a case opens it."""

    sig_case_chosen = Signal(int)
    sig_customers_changed = Signal(str)
    """Records were merged or a merge undone (the argument says what, for the status bar)."""

    def __init__(
        self,
        db: Database,
        tasks: TaskRunner,
        *,
        tz: tzinfo,
        search: SearchFunction | None,
        me: Callable[[], Agent | None] = lambda: None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("customerPanel")
        self._db = db
        self._tasks = tasks
        self._tz = tz
        self._search = search
        self._me = me
        self._customer: CustomerId | None = None
        self._customer_name = ""
        self._last_merge: int | None = None
        self.merge_dialog: MergeCustomerDialog | None = None
        self._generation = 0
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 8, 4, 4)
        self.identities = QLabel(wordWrap=True)
        self.identities.setObjectName("customerIdentities")
        self.identities.setTextFormat(Qt.TextFormat.RichText)
        self.identities.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        layout.addWidget(self.identities)
        self.merge_button = QPushButton(self.tr("Merge with…"))
        self.merge_note = QLabel(wordWrap=True)
        layout.addLayout(self._build_merging())
        self.clocks = QLabel(wordWrap=True)
        self.clocks.setObjectName("customerClocks")
        layout.addWidget(self.clocks)
        self.summary = QLabel()
        self.summary.setObjectName("customerCasesSummary")
        layout.addWidget(self.summary)
        self.model = SearchResultsModel(self)
        self.table = QTableView()
        self.table.setObjectName("customerCases")
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setShowGrid(False)
        self.table.verticalHeader().setVisible(False)
        self.table.setColumnHidden(Column.MATCH, True)
        self.table.setColumnHidden(Column.CUSTOMER, True)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(Column.SUBJECT, QHeaderView.ResizeMode.Stretch)
        layout.addWidget(self.table, 1)
        self.table.activated.connect(self._on_table_activated)
        self.table.clicked.connect(self._on_table_activated)

    def show_customer(self, detail: CaseDetail) -> None:
        """Show ``detail``'s customer; their cases load in the background (again on refresh)."""
        customer = detail.customer
        self.identities.setText(_identities_html(customer))
        if customer.id != self._customer:
            self.model.clear()  # the same customer keeps the list until the new one arrives
            self.clocks.clear()
            self.merge_note.clear()
            self._last_merge = None
        self._customer = customer.id
        self._customer_name = customer.name or (
            customer.identities[0].value if customer.identities else ""
        )
        self.merge_button.setEnabled(True)
        self._generation += 1
        self._tasks.submit(
            functools.partial(customer_clocks, self._db, customer.id),
            functools.partial(self._on_clocks_loaded, self._generation),
            key="customer-clocks",
        )
        if self._search is None or not customer.identities:
            self.summary.setText(self.tr("Their other cases cannot be listed here yet."))
            return
        if not self.model.rowCount():
            self.summary.setText(self.tr("Looking for their cases…"))
        self._tasks.submit(
            functools.partial(
                self._search, self._db, customer_query(customer), me=None, limit=MAX_CASES,
                tz=self._tz,
            ),
            functools.partial(self._on_cases_found, self._generation, customer.name),
            key="customer-cases",
        )  # fmt: skip

    def _on_cases_found(self, generation: int, name: str, hits: Sequence[SearchHitLike]) -> None:
        if generation != self._generation:
            return
        # "customer:" matches words; another customer sharing one is not this customer.
        theirs = sorted(
            (h for h in hits if h.customer == name), key=lambda h: h.case_number, reverse=True
        )
        self.model.set_hits(theirs, complete=True)
        self.summary.setText(self.tr("%n case(s) from this customer", None, len(theirs)))

    def _on_clocks_loaded(self, generation: int, clocks: CustomerClocks) -> None:
        if generation == self._generation:
            self.clocks.setText(clocks_text(clocks))
            self.clocks.setToolTip(clocks_details(clocks))

    def _build_merging(self) -> QHBoxLayout:
        merging = QHBoxLayout()
        self.merge_button.setObjectName("customerMerge")
        self.merge_button.setToolTip(
            self.tr("Another record of this person (a second address, a chat) joins this one")
        )
        self.merge_button.setEnabled(False)
        self.merge_button.clicked.connect(self._on_merge_button_clicked)
        merging.addWidget(self.merge_button)
        self.merge_note.setObjectName("customerMergeNote")
        self.merge_note.setTextFormat(Qt.TextFormat.RichText)
        self.merge_note.linkActivated.connect(self._on_merge_note_link_activated)
        merging.addWidget(self.merge_note, 1)
        return merging

    def merge_with(self, other: str) -> None:
        """Merge the record with address (or number) ``other`` into the customer on screen."""
        kept_id = self._customer
        if kept_id is None:
            return

        def work() -> MergeOutcome:
            kept = find_customer(self._db, str(kept_id))
            return merge_customers(self._db, kept, find_customer(self._db, other), actor=self._me())

        self._tasks.submit(work, functools.partial(self._on_merged, other))

    def undo_last_merge(self) -> None:
        merge_id = self._last_merge
        if merge_id is None:
            return
        self._tasks.submit(
            functools.partial(undo_merge, self._db, merge_id, actor=self._me()),
            self._on_unmerged,
        )

    def _on_merge_button_clicked(self) -> None:
        dialog = MergeCustomerDialog(self.window(), name=self._customer_name)
        dialog.accepted.connect(lambda: self.merge_with(dialog.other_text()))
        dialog.open()
        self.merge_dialog = dialog

    def _on_merged(self, other: str, outcome: MergeOutcome) -> None:
        self._last_merge = outcome.merge_id
        self.merge_note.setText(
            self.tr("Merged {other} into this customer. <a href='undo'>Undo</a>").format(
                other=escape(other)
            )
        )
        self.sig_customers_changed.emit(self.tr("Customer records merged."))

    def _on_unmerged(self, _record: object) -> None:
        self._last_merge = None
        self.merge_note.setText(self.tr("The merge was undone."))
        self.sig_customers_changed.emit(self.tr("Merge undone."))

    def _on_merge_note_link_activated(self, link: str) -> None:
        if link == "undo":
            self.undo_last_merge()

    def cases(self) -> list[CaseNumber]:
        return [self.model.hit(row).case_number for row in range(self.model.rowCount())]

    def _on_table_activated(self, index: QModelIndex) -> None:
        if index.isValid():
            self.sig_case_chosen.emit(int(index.data(CASE_NUMBER_ROLE)))


def _identities_html(customer: Customer) -> str:
    rows = "".join(
        f"<tr><td>{_icon_html(_IDENTITY_ICONS.get(i.kind, 'email'))}</td>"
        f"<td>&nbsp;{escape(i.value)}</td></tr>"
        for i in customer.identities
    )
    return f"<b>{escape(customer.name)}</b><table cellspacing='0' cellpadding='2'>{rows}</table>"


def _icon_html(name: str) -> str:
    # A label cannot be taught the icon: scheme; it reads the SVG file itself.
    path = icon_file(name)
    if path is None:
        return ""
    return f"<img src='{QUrl.fromLocalFile(path).toString()}' width='14' height='14'>"
