"""Mail made to order for the case view tests: HTML with images, and attachments."""

import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from email.message import EmailMessage
from email.policy import SMTP
from email.utils import make_msgid
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

from PySide6.QtCore import QBuffer, QByteArray, QIODevice
from PySide6.QtGui import QColor, QImage, QImageWriter

from omnidesk.channels.email.inbound import to_inbound
from omnidesk.core.ids import CaseNumber
from omnidesk.services.ingest_email import IngestPolicy, ingest_email
from omnidesk.store.engine import Database

PDF_BYTES = b"%PDF-1.4\n" + bytes(range(256)) * 40 + b"\n%%EOF\n"
EXE_BYTES = b"MZ\x90\x00" + b"\x00" * 200


def png_bytes(color: str = "red", size: int = 8) -> bytes:
    image = QImage(size, size, QImage.Format.Format_RGB32)
    image.fill(QColor(color))
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    assert QImageWriter(buffer, QByteArray(b"png")).write(image)
    return bytes(data.data())


def html_mail(
    html: str,
    *,
    text: str = "Hello, see the picture.",
    inline_png: tuple[str, bytes] | None = None,
    files: tuple[tuple[str, str, bytes], ...] = (),
    in_reply_to: str | None = None,
    subject: str = "Broken router",
) -> tuple[bytes, str]:
    """A customer's mail (raw bytes, Message-ID): text + HTML, inline image, attachments."""
    mail = EmailMessage(policy=SMTP)
    mail["From"] = "Kim Lee <kim.lee@example.net>"
    mail["To"] = "support@team.example"
    mail["Subject"] = subject
    message_id = make_msgid(domain="example.net")
    mail["Message-ID"] = message_id
    if in_reply_to:
        mail["In-Reply-To"] = in_reply_to
    mail["Date"] = "Tue, 24 Nov 2026 09:30:00 +0100"
    mail.set_content(text)
    mail.add_alternative(html, subtype="html")
    if inline_png is not None:
        content_id, data = inline_png
        html_part = mail.get_body(preferencelist=("html",))
        assert html_part is not None
        html_part.add_related(data, maintype="image", subtype="png", cid=f"<{content_id}>")
    for filename, content_type, data in files:
        maintype, _, subtype = content_type.partition("/")
        mail.add_attachment(data, maintype=maintype, subtype=subtype, filename=filename)
    return mail.as_bytes(), message_id


def ingest(db: Database, raw: bytes) -> CaseNumber:
    """Store ``raw`` the way the IMAP worker does; the number of its case."""
    return ingest_email(db, to_inbound(raw), source=None, policy=IngestPolicy()).case_number


@dataclass
class ImageServer:
    """A local HTTP server that serves PNGs and counts every request it gets."""

    port: int = 0
    images: dict[str, bytes] = field(default_factory=dict)
    requests: list[str] = field(default_factory=list)

    def url(self, path: str) -> str:
        return f"http://127.0.0.1:{self.port}{path}"


@contextmanager
def image_server() -> Iterator[ImageServer]:
    state = ImageServer()
    lock = threading.Lock()

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            with lock:
                state.requests.append(self.path)
            data = state.images.get(self.path)
            if data is None:
                self.send_error(404)
                return
            self.send_response(200)
            self.send_header("Content-Type", "image/png")
            self.send_header("Content-Length", str(len(data)))
            self.end_headers()
            self.wfile.write(data)

        def log_message(self, format: str, *args: object) -> None:
            pass  # keep the test output quiet

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    state.port = server.server_address[1]
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield state
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=5)
