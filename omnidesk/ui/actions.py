"""Every command of the main window, declared once: text, shortcut, icon, hint, menu.

Menus, the toolbar and the '?' overlay are all built from this catalogue, so a
shortcut shown anywhere is the shortcut that works. Single-letter shortcuts (R, N,
J, K) are safe: text fields take printable keys before shortcuts see them.
"""

from dataclasses import dataclass

from PySide6.QtCore import QObject
from PySide6.QtGui import QAction, QIcon, QKeySequence
from PySide6.QtWidgets import QMenuBar, QStyle, QWidget

from omnidesk.ui.icons import icon


@dataclass(frozen=True, slots=True)
class ActionGroup:
    """A menu, and a column of the shortcut overlay."""

    title: str
    actions: tuple[QAction, ...]


class DeskActions(QObject):
    """The main window's actions; the window connects their ``triggered`` signals."""

    def __init__(self, window: QWidget, *, send: QAction) -> None:
        super().__init__(window)
        style = window.style()

        def make(
            name: str,
            text: str,
            tip: str,
            keys: tuple[str | QKeySequence.StandardKey, ...] = (),
            qicon: QIcon | None = None,
        ) -> QAction:
            action = QAction(text, window)
            action.setObjectName(name)
            action.setStatusTip(tip)
            action.setShortcuts([QKeySequence(k) for k in keys])
            if qicon is not None:
                action.setIcon(qicon)
            window.addAction(action)  # shortcuts work even when no menu shows the action
            return action

        self.settings = make(
            "actionSettings",
            self.tr("&Settings…"),
            self.tr("Mail accounts, database, profile, language"),
            ("Ctrl+,",),
            icon("settings"),
        )
        self.export_pdf = make(
            "actionExportPdf",
            self.tr("&Export case as PDF…"),
            self.tr("Save the case's conversation and history as a PDF file"),
            ("Ctrl+Shift+E",),
            icon("pdf"),
        )
        self.print = make(
            "actionPrint",
            self.tr("&Print case…"),
            self.tr("Print the case's conversation"),
            (QKeySequence.StandardKey.Print,),
            icon("print"),
        )
        self.away = make(
            "actionAway",
            self.tr("&Away…"),
            self.tr("Be away: a deputy covers your cases and commitments until you are back"),
        )
        self.quit = make(
            "actionQuit",
            self.tr("&Quit"),
            self.tr("Close OmniDesk"),
            ("Ctrl+Q",),  # the standard Quit key is empty on some platforms
        )

        self.claim = make(
            "actionClaim",
            self.tr("&Claim"),
            self.tr("Become the owner of the selected case until it is resolved"),
            ("Ctrl+Shift+C",),
            style.standardIcon(QStyle.StandardPixmap.SP_DialogApplyButton),
        )
        self.reply = make(
            "actionReply",
            self.tr("&Reply"),
            self.tr("Write to the customer"),
            ("R",),
            icon("reply"),
        )
        self.note = make(
            "actionNote",
            self.tr("Internal &note"),
            self.tr("Write a note only agents see"),
            ("N",),
            icon("note"),
        )
        # The composer's own action: its shortcut works only while the composer has focus.
        self.send = send
        self.handover = make(
            "actionHandover",
            self.tr("&Hand over…"),
            self.tr("Give the case to another agent, with a reason"),
            ("Ctrl+Shift+H",),
            icon("handover"),
        )
        self.status_open = make(
            "actionStatusOpen",
            self.tr("Mark as &open"),
            self.tr("The case needs work from us"),
        )
        self.status_waiting = make(
            "actionStatusWaiting",
            self.tr("Mark as &waiting on customer"),
            self.tr("The next step is the customer's"),
            ("Ctrl+Shift+W",),
        )
        self.resolve = make(
            "actionResolve",
            self.tr("Re&solve"),
            self.tr("Close the case; refused while a commitment is open"),
            ("Ctrl+Shift+D",),
            icon("resolve"),
        )
        self.add_commitment = make(
            "actionAddCommitment",
            self.tr("&Add commitment…"),
            self.tr("Record a promise to the customer with a due time"),
            ("Ctrl+Shift+P",),
            icon("commitment"),
        )
        self.complete_commitment = make(
            "actionCompleteCommitment",
            self.tr("C&omplete commitment…"),
            self.tr("Mark a promise as kept"),
        )
        self.cancel_commitment = make(
            "actionCancelCommitment",
            self.tr("Ca&ncel commitment…"),
            self.tr("Withdraw a promise, with a reason"),
        )

        self.next_case = make(
            "actionNextCase",
            self.tr("&Next case"),
            self.tr("Open the case below in the list"),
            ("J", "Alt+Down"),
        )
        self.previous_case = make(
            "actionPreviousCase",
            self.tr("&Previous case"),
            self.tr("Open the case above in the list"),
            ("K", "Alt+Up"),
        )
        self.search = make(
            "actionSearch",
            self.tr("&Search"),
            self.tr("Search all cases"),
            (QKeySequence.StandardKey.Find, "/"),
        )
        self.history = make(
            "actionHistory",
            self.tr("Event &log"),
            self.tr("Who did what on this case, and why"),
            ("Ctrl+Shift+L",),
        )
        self.report = make(
            "actionReport",
            self.tr("Re&port…"),
            self.tr("Commitments kept, response and resolution times, per agent and week"),
        )
        self.refresh = make(
            "actionRefresh",
            self.tr("&Refresh"),
            self.tr("Load the cases and counts again"),
            (QKeySequence.StandardKey.Refresh,),
            style.standardIcon(QStyle.StandardPixmap.SP_BrowserReload),
        )
        self.shortcuts = make(
            "actionShortcuts",
            self.tr("&Keyboard shortcuts"),
            self.tr("Show every shortcut"),
            ("?", QKeySequence.StandardKey.HelpContents),
        )
        self.case_only = (
            self.claim, self.reply, self.note, self.handover, self.status_open,
            self.status_waiting, self.resolve, self.add_commitment, self.complete_commitment,
            self.cancel_commitment, self.export_pdf, self.print, self.history,
        )  # fmt: skip

    def groups(self) -> tuple[ActionGroup, ...]:
        return (
            ActionGroup(
                self.tr("&File"),
                (self.settings, self.away, self.export_pdf, self.print, self.quit),
            ),
            ActionGroup(
                self.tr("&Case"),
                (
                    self.claim,
                    self.reply,
                    self.note,
                    self.send,
                    self.handover,
                    self.status_open,
                    self.status_waiting,
                    self.resolve,
                    self.add_commitment,
                    self.complete_commitment,
                    self.cancel_commitment,
                ),
            ),
            ActionGroup(
                self.tr("&Go"),
                (
                    self.next_case,
                    self.previous_case,
                    self.search,
                    self.history,
                    self.report,
                    self.refresh,
                ),
            ),
            ActionGroup(self.tr("&Help"), (self.shortcuts,)),
        )

    def fill_menu_bar(self, bar: QMenuBar) -> None:
        separators_after = {self.print, self.send, self.resolve, self.search}
        for group in self.groups():
            menu = bar.addMenu(group.title)
            menu.setObjectName(f"menu{group.title.replace('&', '')}")
            for action in group.actions:
                menu.addAction(action)
                if action in separators_after:
                    menu.addSeparator()

    def teach_shortcuts(self) -> None:
        """Put each shortcut in its tooltip too: Qt does not, and it is how people learn them."""
        for group in self.groups():
            for action in group.actions:
                shortcut = action.shortcut()
                name = action.text().replace("&", "").rstrip("…")
                if shortcut.isEmpty():
                    action.setToolTip(name)
                else:
                    native = shortcut.toString(QKeySequence.SequenceFormat.NativeText)
                    action.setToolTip(f"{name} ({native})")
