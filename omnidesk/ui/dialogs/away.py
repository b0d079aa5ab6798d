"""Going away: who covers my cases and commitments, and a note for colleagues."""

from collections.abc import Sequence

from PySide6.QtWidgets import QComboBox, QLineEdit, QWidget

from omnidesk.core.absence import is_away
from omnidesk.core.entities import Agent
from omnidesk.core.ids import AgentId
from omnidesk.ui.dialogs.base import FormDialog


class AwayDialog(FormDialog):
    """Choose a deputy (or the whole team) and say why or until when."""

    def __init__(self, parent: QWidget | None, *, agents: Sequence[Agent], me: AgentId) -> None:
        super().__init__(
            parent,
            title=self.tr("Away"),
            intro=self.tr(
                "Your cases stay yours. While you are away, your deputy sees them among "
                "their own and keeps your commitments; without a deputy the whole team does."
            ),
            ok_text=self.tr("I am away"),
        )
        self.setObjectName("awayDialog")
        self._agents = {a.id: a for a in agents}
        self.deputy = QComboBox()
        self.deputy.setObjectName("awayDeputy")
        for agent in agents:
            if agent.id == me or not agent.active:
                continue
            label = agent.display_name or agent.name
            if is_away(agent):
                label = self.tr("{name} (away)").format(name=label)
            self.deputy.addItem(label, int(agent.id))
        self.deputy.addItem(self.tr("Nobody in particular: the team"), None)
        self.note = QLineEdit()
        self.note.setObjectName("awayNote")
        self.note.setMaxLength(200)
        self.note.setPlaceholderText(self.tr("e.g. on holiday until Monday"))
        self.form.addRow(self.tr("&Deputy:"), self.deputy)
        self.form.addRow(self.tr("&Note:"), self.note)
        self.deputy.setFocus()

    def chosen_deputy(self) -> Agent | None:
        data = self.deputy.currentData()
        return None if data is None else self._agents[AgentId(int(data))]

    def select_deputy(self, name: str) -> None:
        for agent_id, agent in self._agents.items():
            if agent.name == name:
                self.deputy.setCurrentIndex(self.deputy.findData(int(agent_id)))

    def note_text(self) -> str:
        return " ".join(self.note.text().split())
