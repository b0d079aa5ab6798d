"""Rules for files: what an agent may attach to a reply, and which files are risky to open."""

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import PurePath

from omnidesk.core.errors import InvalidInput

MAX_FILE_BYTES = 20 * 1024 * 1024
"""One file larger than this is refused: most mail servers bounce mail past 25 MB."""
MAX_TOTAL_BYTES = 25 * 1024 * 1024
"""All files of one reply together (base64 makes the mail a third larger still)."""

# Files that run code when opened: a customer's attachment must not run with one click.
_RISKY_SUFFIXES = frozenset(
    {
        ".exe", ".com", ".bat", ".cmd", ".scr", ".pif", ".cpl", ".msi", ".msp", ".msc",
        ".js", ".jse", ".vbs", ".vbe", ".wsf", ".wsh", ".hta", ".ps1", ".psm1", ".jar",
        ".sh", ".bash", ".zsh", ".csh", ".command", ".app", ".py", ".pyw", ".pl", ".rb",
        ".html", ".htm", ".xhtml", ".svg", ".lnk", ".url", ".reg", ".inf", ".dll",
        ".desktop", ".appimage", ".deb", ".rpm", ".dmg", ".pkg", ".iso", ".docm",
        ".xlsm", ".pptm",
    }
)  # fmt: skip
_RISKY_TYPES = frozenset(
    {
        "application/x-msdownload", "application/x-msdos-program", "application/x-sh",
        "application/x-shellscript", "application/javascript", "text/javascript",
        "application/java-archive", "application/x-msi", "text/html",
        "application/xhtml+xml", "image/svg+xml", "application/hta",
    }
)  # fmt: skip


@dataclass(frozen=True, slots=True)
class ReplyAttachment:
    """A file an agent attaches to a reply or note."""

    filename: str
    content_type: str
    data: bytes


def is_risky_to_open(filename: str, content_type: str = "") -> bool:
    """True for programs and scripts (and HTML, which runs scripts in a browser)."""
    suffix = PurePath(filename.strip().rstrip(".")).suffix.lower()
    return suffix in _RISKY_SUFFIXES or content_type.lower().strip() in _RISKY_TYPES


def size_text(size: int) -> str:
    """A human size: ``512 B``, ``12 KB``, ``3.4 MB``."""
    if size < 1024:
        return f"{size} B"
    if size < 1024 * 1024:
        return f"{size / 1024:.0f} KB"
    return f"{size / (1024 * 1024):.1f} MB"


def check_reply_attachments(attachments: Sequence[ReplyAttachment]) -> None:
    """Refuse a file or a set of files too large to send, naming what to remove."""
    for attachment in attachments:
        if len(attachment.data) > MAX_FILE_BYTES:
            raise InvalidInput(
                f"{attachment.filename} is too large to send ({size_text(len(attachment.data))}; "
                f"at most {size_text(MAX_FILE_BYTES)} per file): share it another way"
            )
    total = sum(len(a.data) for a in attachments)
    if total > MAX_TOTAL_BYTES:
        raise InvalidInput(
            f"the attachments are too large together ({size_text(total)}; at most "
            f"{size_text(MAX_TOTAL_BYTES)}): remove some and send them in a second reply"
        )
