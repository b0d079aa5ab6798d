"""A case on paper: the PDF export and the print dialog."""

from datetime import UTC, datetime

from PySide6.QtPrintSupport import QPrintDialog, QPrinter
from PySide6.QtWidgets import QFileDialog

from omnidesk.core.enums import ReplyMode
from omnidesk.services.agents import find_agent
from omnidesk.services.cases import case_detail, write_on_case
from omnidesk.ui.export import case_document, print_case, suggested_file_name, write_pdf

from .helpers import WAIT_MS, new_case, started, wait_shown

PDF = b"%PDF-"


def test_the_document_holds_conversation_and_history_without_action_links(demo_db, qapp):
    number = new_case(demo_db, "Where is my <b>parcel</b>?", owner="anna")
    write_on_case(
        demo_db, number, agent=find_agent(demo_db, "anna"), text="Checked.", mode=ReplyMode.NOTE
    )
    document = case_document(case_detail(demo_db, number), datetime.now(UTC))

    text = document.toPlainText()
    assert f"#{number} Parcel" in text
    assert "Where is my <b>parcel</b>?" in text  # customer text is text, never markup
    assert "Internal note by" in text
    assert "claimed" in text  # the history follows the conversation
    html = document.toHtml()
    assert "omnidesk:" not in html
    assert suggested_file_name(case_detail(demo_db, number)) == f"case-{number}-parcel.pdf"


def test_write_pdf_makes_a_pdf(demo_db, qapp, tmp_path):
    number = new_case(demo_db, "Where is my parcel?", owner="anna")
    target = tmp_path / "case.pdf"
    write_pdf(case_detail(demo_db, number), target, now=datetime.now(UTC))
    data = target.read_bytes()
    assert data.startswith(PDF)
    assert len(data) > 2_000


def test_export_asks_where_and_writes_there(demo_db, make_window, qtbot, tmp_path):
    number = new_case(demo_db, "Where is my parcel?", owner="anna")
    window = started(qtbot, make_window(demo_db, agent="anna"), case=number)

    window.commands.export_pdf.trigger()

    dialog = wait_shown(qtbot, QFileDialog, "exportPdfDialog")
    assert dialog.selectedFiles()[0].endswith(f"case-{number}-parcel.pdf")
    target = tmp_path / "exported.pdf"
    dialog.selectFile(str(target))
    dialog.accept()
    qtbot.waitUntil(target.exists, timeout=WAIT_MS)
    assert target.read_bytes().startswith(PDF)


def test_print_opens_the_print_dialog(demo_db, make_window, qtbot):
    number = new_case(demo_db, "Where is my parcel?", owner="anna")
    window = started(qtbot, make_window(demo_db, agent="anna"), case=number)

    window.commands.print.trigger()

    dialog = wait_shown(qtbot, QPrintDialog, "printDialog")
    assert dialog.printer().docName() == f"OmniDesk case {number}"
    dialog.reject()


def test_printing_prints_the_case(demo_db, make_window, qtbot, tmp_path):
    number = new_case(demo_db, "Where is my parcel?", owner="anna")
    window = started(qtbot, make_window(demo_db, agent="anna"), case=number)
    # No printer on a test machine: print to a PDF file, as "Print to file" does.
    printer = QPrinter()
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    target = tmp_path / "printed.pdf"
    printer.setOutputFileName(str(target))
    detail = window.shown_detail()
    assert detail is not None

    dialog = print_case(window, detail, now=datetime.now(UTC), printer=printer)
    dialog.accept()

    qtbot.waitUntil(target.exists, timeout=WAIT_MS)
    assert target.read_bytes().startswith(PDF)
