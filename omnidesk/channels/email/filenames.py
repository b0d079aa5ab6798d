"""Attachment file names that are safe to save on Windows, macOS and Linux."""

import mimetypes
import re
import unicodedata
from collections.abc import Iterable
from functools import lru_cache

from omnidesk.channels.email.text import clean_line

MAX_NAME_CHARS = 120
_MAX_NAME_BYTES = 240  # most file systems allow 255 bytes per name
_MAX_EXTENSION = 16

_FORBIDDEN = re.compile(r'[<>:"|?*\\/\x00-\x1f\x7f]')
_WINDOWS_RESERVED = frozenset(
    {"con", "prn", "aux", "nul"}
    | {f"com{i}" for i in range(1, 10)}
    | {f"lpt{i}" for i in range(1, 10)}
)

# Mail-specific types first; the stdlib's built-in table (not the system's, so the
# result is the same on every machine) covers the rest.
_EXTENSIONS = {
    "message/rfc822": ".eml",
    "message/global": ".eml",
    "message/delivery-status": ".txt",
    "message/disposition-notification": ".txt",
    "text/rfc822-headers": ".txt",
    "text/plain": ".txt",
    "text/html": ".html",
    "text/calendar": ".ics",
    "text/x-vcard": ".vcf",
    "text/vcard": ".vcf",
    "application/ms-tnef": ".dat",
    "application/vnd.ms-tnef": ".dat",
    "application/pkcs7-signature": ".p7s",
    "application/x-pkcs7-signature": ".p7s",
    "application/pkcs7-mime": ".p7m",
    "application/x-pkcs7-mime": ".p7m",
    "application/pgp-signature": ".asc",
    "application/pgp-encrypted": ".asc",
    "application/pgp-keys": ".asc",
    "image/jpeg": ".jpg",
    "application/octet-stream": ".bin",
}


@lru_cache(maxsize=1)
def _builtin_types() -> mimetypes.MimeTypes:
    return mimetypes.MimeTypes(filenames=())


@lru_cache(maxsize=256)
def extension_for(content_type: str) -> str:
    """A file extension for a MIME type, ``.bin`` when nothing fits."""
    known = _EXTENSIONS.get(content_type)
    if known:
        return known
    guessed = _builtin_types().guess_extension(content_type, strict=False)
    if guessed:
        return guessed
    return ".txt" if content_type.startswith("text/") else ".bin"


def fallback_filename(content_type: str, index: int) -> str:
    """``attachment-3.pdf``: the name for a part that brings none."""
    return f"attachment-{index}{extension_for(content_type)}"


def _cut(name: str) -> str:
    stem, dot, extension = name.rpartition(".")
    if not dot or not stem or len(extension) > _MAX_EXTENSION:
        stem, extension = name, ""
    suffix = f".{extension}" if extension else ""
    budget = MAX_NAME_CHARS - len(suffix)
    stem = stem[:budget]
    while len((stem + suffix).encode("utf-8")) > _MAX_NAME_BYTES:
        stem = stem[:-1]
    return stem.rstrip(" .") + suffix


def safe_filename(name: str | None, *, content_type: str, index: int) -> str:
    """A name without directories, control or reserved characters, of bounded length."""
    if name:
        name = unicodedata.normalize("NFC", clean_line(name))
        # A sender may send a whole path ("C:\\Users\\x\\a.pdf", "../../a.pdf").
        name = re.split(r"[\\/]", name)[-1]
        name = _FORBIDDEN.sub("_", name).strip(" .")
        if name:
            name = _cut(name)
        if name and name.split(".")[0].lower() in _WINDOWS_RESERVED:
            name = f"_{name}"
    return name or fallback_filename(content_type, index)


def unique_filenames(names: Iterable[str], *, taken: Iterable[str] = ()) -> list[str]:
    """The names made unique (case-insensitively): ``a.txt``, ``a-2.txt``..."""
    used = {name.lower() for name in taken}
    result: list[str] = []
    for name in names:
        candidate = name
        stem, dot, extension = name.rpartition(".")
        if not dot or not stem:
            stem, extension = name, ""
        number = 2
        while candidate.lower() in used:
            candidate = f"{stem}-{number}.{extension}" if extension else f"{stem}-{number}"
            number += 1
        used.add(candidate.lower())
        result.append(candidate)
    return result
