"""A case on paper: export as PDF and print, through ``QTextDocument`` and ``QPrinter``.

The document is the same HTML the case view shows (every text escaped), without
the action links, followed by the event log, so a printout answers "who did what".
"""

import re
from datetime import datetime
from html import escape
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QMarginsF, Qt, QUrl
from PySide6.QtGui import QPageLayout, QPageSize, QTextDocument
from PySide6.QtPrintSupport import QPrintDialog, QPrinter
from PySide6.QtWidgets import QFileDialog, QWidget

from omnidesk.services.cases import CaseDetail
from omnidesk.ui.icons import icon_resource
from omnidesk.ui.labels import status_label
from omnidesk.ui.timefmt import date_time_text
from omnidesk.ui.views.case_html import conversation_html, history_html
from omnidesk.ui.views.error_dialogs import show_warning

_MARGIN_MM = 15.0


def case_document(detail: CaseDetail, now: datetime) -> QTextDocument:
    """The case as a printable document: title, facts, conversation, history."""
    case = detail.case
    owner = (
        detail.owner.display_name or detail.owner.name
        if detail.owner
        else QCoreApplication.translate("CaseExport", "unassigned")
    )
    identities = ", ".join(i.value for i in detail.customer.identities)
    facts = QCoreApplication.translate(
        "CaseExport", "Status: {status} · Owner: {owner} · Customer: {customer} ({identities})"
    ).format(
        status=status_label(case.status),
        owner=owner,
        customer=detail.customer.name,
        identities=identities,
    )
    printed = QCoreApplication.translate("CaseExport", "Printed {time}").format(
        time=date_time_text(now)
    )
    history = QCoreApplication.translate("CaseExport", "History")
    html = (
        f"<h2>#{case.number} {escape(case.subject)}</h2>"
        f"<p>{escape(facts)}<br/><small>{escape(printed)}</small></p>"
        f"{conversation_html(detail, now, actions=False)}"
        f"<h3>{escape(history)}</h3>{history_html(detail)}"
    )
    document = _CaseDocument()
    document.setHtml(html)
    document.setMetaInformation(
        QTextDocument.MetaInformation.DocumentTitle, f"#{case.number} {case.subject}"
    )
    return document


class _CaseDocument(QTextDocument):
    """Knows the channel icons (``icon:email``); loads nothing from anywhere else."""

    def loadResource(self, kind: int, name: QUrl | str) -> object:
        return icon_resource(name)


def write_pdf(detail: CaseDetail, path: Path, *, now: datetime) -> None:
    """Write the case to ``path`` as an A4 PDF."""
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(path))
    printer.setPageLayout(
        QPageLayout(
            QPageSize(QPageSize.PageSizeId.A4),
            QPageLayout.Orientation.Portrait,
            QMarginsF(_MARGIN_MM, _MARGIN_MM, _MARGIN_MM, _MARGIN_MM),
            QPageLayout.Unit.Millimeter,
        )
    )
    printer.setDocName(f"OmniDesk case {detail.case.number}")
    case_document(detail, now).print_(printer)


def suggested_file_name(detail: CaseDetail) -> str:
    """``case-1042-invoice-address-change.pdf``: safe on every file system."""
    slug = re.sub(r"[^\w]+", "-", detail.case.subject.lower(), flags=re.UNICODE).strip("-")
    return f"case-{detail.case.number}-{slug[:40] or 'export'}.pdf"


def export_case_pdf(parent: QWidget, detail: CaseDetail, *, now: datetime) -> QFileDialog:
    """Ask where to save (without blocking), then write the PDF there."""
    dialog = QFileDialog(parent, QCoreApplication.translate("CaseExport", "Export case as PDF"))
    dialog.setObjectName("exportPdfDialog")
    dialog.setAcceptMode(QFileDialog.AcceptMode.AcceptSave)
    dialog.setNameFilter(QCoreApplication.translate("CaseExport", "PDF files (*.pdf)"))
    dialog.setDefaultSuffix("pdf")
    dialog.selectFile(suggested_file_name(detail))

    def _on_file_selected(name: str) -> None:
        try:
            write_pdf(detail, Path(name), now=now)
        except OSError as exc:
            show_warning(
                parent,
                QCoreApplication.translate("CaseExport", "Cannot write {file}: {error}").format(
                    file=name, error=exc
                ),
            )

    dialog.fileSelected.connect(_on_file_selected)
    dialog.open()
    return dialog


def print_case(
    parent: QWidget, detail: CaseDetail, *, now: datetime, printer: QPrinter | None = None
) -> QPrintDialog:
    """The system print dialog (without blocking); prints the case when confirmed."""
    printer = printer or QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setDocName(f"OmniDesk case {detail.case.number}")
    dialog = QPrintDialog(printer, parent)
    dialog.setObjectName("printDialog")
    dialog.setWindowModality(Qt.WindowModality.WindowModal)

    def _on_accepted() -> None:
        case_document(detail, now).print_(printer)

    dialog.accepted.connect(_on_accepted)
    dialog.show()  # window-modal like open(); QPrintDialog.open() wants a receiver slot
    return dialog
