"""Hand a case over: to whom, and why (the reason goes into the case's event log)."""

from collections.abc import Sequence

from PySide6.QtWidgets import QComboBox, QLineEdit, QWidget

from omnidesk.core.entities import Agent
from omnidesk.core.ids import AgentId, CaseNumber
from omnidesk.core.ownership import MIN_REASON_LENGTH
from omnidesk.ui.dialogs.base import FormDialog


class HandoverDialog(FormDialog):
    """Choose the new owner among the active agents and give a reason."""

    def __init__(
        self,
        parent: QWidget | None,
        *,
        number: CaseNumber,
        agents: Sequence[Agent],
        current_owner: AgentId | None,
        me: AgentId | None,
    ) -> None:
        super().__init__(
            parent,
            title=self.tr("Hand over case #{number}").format(number=number),
            intro=self.tr(
                "The case and its open commitments go to the new owner. The customer keeps "
                "one person responsible; the reason is kept in the case's history."
            ),
            ok_text=self.tr("Hand over"),
        )
        self.setObjectName("handoverDialog")
        self._agents = {a.id: a for a in agents}
        self.agent = QComboBox()
        self.agent.setObjectName("handoverAgent")
        for agent in agents:
            if not agent.active or agent.id == current_owner:
                continue
            label = agent.display_name or agent.name
            if agent.id == me:
                label = self.tr("{name} (me)").format(name=label)
            self.agent.addItem(label, int(agent.id))
        self.reason = QLineEdit()
        self.reason.setObjectName("handoverReason")
        self.reason.setPlaceholderText(self.tr("e.g. Ben knows this customer's contract"))
        self.form.addRow(self.tr("&To:"), self.agent)
        self.form.addRow(self.tr("&Why:"), self.reason)
        if self.agent.count() == 0:
            self.show_problem(self.tr("There is no other active agent to hand the case to."))
        self.reason.textChanged.connect(self._update_ok)
        self.agent.currentIndexChanged.connect(self._update_ok)
        self._update_ok()
        self.reason.setFocus()

    def chosen_agent(self) -> Agent:
        return self._agents[AgentId(int(self.agent.currentData()))]

    def reason_text(self) -> str:
        return " ".join(self.reason.text().split())

    def select_agent(self, name: str) -> None:
        for agent_id, agent in self._agents.items():
            if agent.name == name:
                self.agent.setCurrentIndex(self.agent.findData(int(agent_id)))

    def _update_ok(self) -> None:
        self.ok_button.setEnabled(
            self.agent.currentIndex() >= 0 and len(self.reason_text()) >= MIN_REASON_LENGTH
        )
