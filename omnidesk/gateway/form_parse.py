"""Reading a posted form (multipart) within size limits, and checking its attachments.

The request is read as a stream: nothing beyond the limits is kept in memory, and a
request larger than every allowed file together is refused as a whole (413). A file
over its own limit, of a type we do not take, or one too many becomes a field error.
The file type is decided by the content (magic bytes) and must match the file name's
extension: a PNG called ``invoice.html`` is refused, so no desktop ever opens a
disguised page.
"""

import re
from dataclasses import dataclass, field

from aiohttp import BodyPartReader, MultipartReader, web

from omnidesk.gateway.config import Limits

TEXT_FIELDS = ("name", "email", "subject", "message", "website", "_token", "lang")
FILE_FIELD = "attachments"
_CHUNK = 64 * 1024
_UNSAFE_NAME = re.compile(r"[\x00-\x1f\x7f/\\:*?\"<>|]")

_EXTENSIONS = {
    "application/pdf": (".pdf",),
    "image/png": (".png",),
    "image/jpeg": (".jpg", ".jpeg"),
    "image/gif": (".gif",),
    "image/webp": (".webp",),
    "text/plain": (".txt",),
}
ACCEPT = ",".join(ext for exts in _EXTENSIONS.values() for ext in exts)


class FormTooLarge(Exception):
    """The request is larger than any acceptable form."""


class FormUnreadable(Exception):
    """Not a form this gateway sends (wrong encoding, nested parts, broken multipart)."""


@dataclass(frozen=True, slots=True)
class Upload:
    filename: str
    content_type: str
    data: bytes


@dataclass
class RawForm:
    fields: dict[str, str] = field(default_factory=dict)
    uploads: list[Upload] = field(default_factory=list)
    file_problems: list[tuple[str, str]] = field(default_factory=list)
    """(file name, problem): ``too_large``, ``type`` or ``too_many``."""


def sniff(data: bytes, filename: str) -> str | None:
    """The content type of an acceptable file, or None."""
    kind = None
    if data.startswith(b"%PDF-"):
        kind = "application/pdf"
    elif data.startswith(b"\x89PNG\r\n\x1a\n"):
        kind = "image/png"
    elif data.startswith(b"\xff\xd8\xff"):
        kind = "image/jpeg"
    elif data[:6] in {b"GIF87a", b"GIF89a"}:
        kind = "image/gif"
    elif data[:4] == b"RIFF" and data[8:12] == b"WEBP":
        kind = "image/webp"
    elif b"\x00" not in data:
        try:
            data.decode("utf-8")
            kind = "text/plain"
        except UnicodeDecodeError:
            kind = None
    if kind is None or not filename.lower().endswith(_EXTENSIONS[kind]):
        return None
    return kind


def safe_filename(name: str) -> str:
    base = re.split(r"[/\\]", name)[-1]
    cleaned = " ".join(_UNSAFE_NAME.sub("", base).split()).strip(". ")
    return cleaned[:200] or "attachment"


async def read_form(request: web.Request, limits: Limits) -> RawForm:
    if (request.content_length or 0) > limits.form_bytes:
        raise FormTooLarge
    if request.content_type == "application/x-www-form-urlencoded":
        # A form without files may come this way (our page always sends multipart).
        try:
            posted = await request.post()
        except web.HTTPRequestEntityTooLarge as exc:
            raise FormTooLarge from exc
        except ValueError as exc:
            raise FormUnreadable from exc
        fields = {k: v for k in TEXT_FIELDS if isinstance(v := posted.get(k), str)}
        return RawForm(fields=fields)
    if request.content_type != "multipart/form-data":
        raise FormUnreadable
    try:
        reader = await request.multipart()
    except (ValueError, AssertionError) as exc:  # aiohttp asserts on a broken boundary
        raise FormUnreadable from exc
    try:
        return await _read_parts(reader, limits)
    except (ValueError, AssertionError) as exc:  # a broken body, however it breaks
        raise FormUnreadable from exc


async def _read_parts(reader: MultipartReader, limits: Limits) -> RawForm:
    form = RawForm()
    budget = [limits.form_bytes]
    while True:
        part = await reader.next()
        if part is None:
            return form
        if not isinstance(part, BodyPartReader):
            raise FormUnreadable
        if part.filename is not None:
            await _read_file(part, form, limits, budget)
        elif part.name in TEXT_FIELDS and part.name not in form.fields:
            data = await _read_limited(part, limits.form_chars * 4 + 1024, budget)
            if data is None:
                raise FormTooLarge
            form.fields[part.name] = data.decode("utf-8")  # UnicodeDecodeError is a ValueError
        else:
            await _read_limited(part, 0, budget)


async def _read_file(
    part: BodyPartReader, form: RawForm, limits: Limits, budget: list[int]
) -> None:
    name = safe_filename(part.filename or "")
    data = await _read_limited(part, limits.attachment_bytes, budget)
    if part.name != FILE_FIELD or (data == b"" and not part.filename):
        return  # "no file chosen" arrives as an empty part without a name
    if data is None:
        form.file_problems.append((name, "too_large"))
    elif len(form.uploads) >= limits.attachments:
        form.file_problems.append((name, "too_many"))
    elif (kind := sniff(data, name)) is None:
        form.file_problems.append((name, "type"))
    else:
        form.uploads.append(Upload(filename=name, content_type=kind, data=data))


async def _read_limited(part: BodyPartReader, limit: int, budget: list[int]) -> bytes | None:
    """The part's bytes, or None when it had more than ``limit`` (the rest is drained).

    ``budget`` is what the whole request may still bring; past it the form is refused.
    """
    chunks: list[bytes] = []
    size = 0
    while chunk := await part.read_chunk(_CHUNK):
        size += len(chunk)
        budget[0] -= len(chunk)
        if budget[0] < 0:
            raise FormTooLarge
        if size <= limit:
            chunks.append(chunk)
    return b"".join(chunks) if size <= limit else None
