"""Walking a parsed MIME tree: which parts are the body, which are attachments.

Rules (the same as common mail clients):
* ``multipart/alternative``: the last plain and the last HTML alternative are the body.
* ``multipart/related``: the root is the body, the other parts are inline resources
  (``cid:`` images) and become inline attachments.
* ``multipart/signed`` and ``encrypted`` (S/MIME, PGP/MIME): the signed content is the
  body; signatures and encrypted data are kept as attachments, never verified or opened.
* Inline ``text/plain`` and ``text/html`` parts are body; a file name on an inline text
  part makes it an attachment too (the sender wanted it shown *and* saveable).
* ``message/rfc822`` parts are attachments (``.eml``); everything else is an attachment.
"""

from dataclasses import dataclass, field
from email.message import Message

from omnidesk.channels.email import parts
from omnidesk.channels.email.attachments import AttachmentMaker
from omnidesk.channels.email.charsets import decode_text
from omnidesk.channels.email.flowed import unflow
from omnidesk.channels.email.headers import normalize_message_id
from omnidesk.channels.email.model import Limits, ParsedAttachment
from omnidesk.channels.email.parts import RFC822_TYPES, PartHead, read_head
from omnidesk.channels.email.problems import DEFECT_TEXT, ProblemLog
from omnidesk.channels.email.recover import recover_epilogue, recover_multipart
from omnidesk.channels.email.text import clean_text
from omnidesk.channels.email.uuencode import extract_uuencoded

_BODY_TYPES = frozenset({"text/plain", "text/html"})
_SMIME = frozenset({"application/pkcs7-mime", "application/x-pkcs7-mime"})


@dataclass
class BodyPiece:
    """One readable stretch of the body: plain text, HTML, or both (alternatives)."""

    plain: str | None = None
    html: str | None = None


@dataclass
class Extraction:
    """What the walk found: body pieces, attachments, and bounce evidence."""

    pieces: list[BodyPiece] = field(default_factory=list)
    attachments: list[ParsedAttachment] = field(default_factory=list)
    has_delivery_status: bool = False
    dsn_actions: list[str] = field(default_factory=list)
    original_message_ids: list[str] = field(default_factory=list)


class MimeWalker:
    """Visits the parts of one message once, within the limits."""

    def __init__(self, limits: Limits, problems: ProblemLog) -> None:
        self.limits = limits
        self.problems = problems
        self.result = Extraction()
        self._files = AttachmentMaker(limits, problems)
        self._parts = 0

    def run(self, message: Message) -> Extraction:
        """Walk ``message`` once and return what was found."""
        inner = parts.inner_message(message)
        if inner is not None and message.get_content_type() in RFC822_TYPES:
            # A whole message forwarded as one part (GroupWise does this): read the
            # inner message as the body, headed like an inline forward.
            self.result.pieces.append(BodyPiece(plain=parts.forward_header(inner)))
            self._collect_defects(message, "message")
            message = inner
        self._walk(message, 0)
        if not any(p.plain or p.html for p in self.result.pieces):
            self._preamble_as_body(message)
        self.result.attachments = self._files.made
        return self.result

    def _preamble_as_body(self, message: Message) -> None:
        """A multipart without any text part: the text before its first part, if real.

        Old gateways write the only human-readable words of a bounce there; the usual
        "This is a multi-part message in MIME format." is not kept.
        """
        preamble = message.preamble if message.is_multipart() else None
        if not isinstance(preamble, str):
            return
        text = clean_text(decode_text(preamble.encode("utf-8", "surrogateescape"), None)[0])
        stripped = text.strip()
        if stripped and not (len(stripped) < 400 and "mime" in stripped.lower()):
            self.result.pieces.append(BodyPiece(plain=stripped))

    # -- the tree ----------------------------------------------------------------------
    def _admit(self, depth: int) -> bool:
        """Count one more part; False once a limit is reached (noted once)."""
        self._parts += 1
        if self._parts > self.limits.max_parts:
            self.problems.add("limit", f"more than {self.limits.max_parts} MIME parts")
            return False
        if depth > self.limits.max_depth:
            self.problems.add("limit", f"MIME parts nested deeper than {self.limits.max_depth}")
            return False
        return True

    def _walk(self, part: Message, depth: int, *, resource: bool = False) -> None:
        if not self._admit(depth):
            return
        content_type = "?"
        try:
            head = read_head(part)
            content_type = head.content_type
            if content_type.startswith("multipart/"):
                self._multipart(part, head, depth)
            else:
                self._leaf(part, head, resource=resource)
        except Exception as exc:  # one bad part must not cost the message
            self.problems.add("part", f"could not read a {content_type} part: {exc!r}"[:300])
        self._collect_defects(part, content_type)

    def _collect_defects(self, part: Message, where: str) -> None:
        for defect in part.defects:
            self.problems.add_defect(defect, where)

    def _multipart(self, part: Message, head: PartHead, depth: int) -> None:
        children = self._children(part)
        if children is None:
            # No parts to be found: the body is plain text after all.
            self._body(part, head, "text/plain")
            return
        subtype = head.content_type.partition("/")[2]
        if subtype == "alternative":
            self._alternative(children, depth)
        elif subtype == "related":
            self._related(part, children, depth)
        elif subtype in ("signed", "encrypted"):
            self._secured(subtype, children, depth)
        else:
            for child in children:
                self._walk(child, depth + 1)
        if depth < 2 and isinstance(part.epilogue, str) and "--" in part.epilogue:
            for child in recover_epilogue(part, self.problems):
                self._walk(child, depth + 1)

    def _children(self, part: Message) -> list[Message] | None:
        payload = part.get_payload()
        if isinstance(payload, list):
            return [child for child in payload if isinstance(child, Message)]
        return recover_multipart(part, self.problems)

    def _attach(self, part: Message, depth: int, *, inline: bool) -> None:
        if self._admit(depth):
            self._files.add(part, read_head(part), inline=inline)

    def _secured(self, subtype: str, children: list[Message], depth: int) -> None:
        """S/MIME and PGP/MIME: signatures and encrypted data are kept, never verified."""
        rest = children
        if subtype == "signed" and children:
            self._walk(children[0], depth + 1)
            rest = children[1:]
        elif subtype == "encrypted":
            self.problems.add("encrypted", "PGP/MIME encrypted; kept as attachments")
        for child in rest:
            self._attach(child, depth + 1, inline=False)

    def _alternative(self, children: list[Message], depth: int) -> None:
        best = BodyPiece()
        for child in children:
            saved, self.result.pieces = self.result.pieces, []
            try:
                self._walk(child, depth + 1)
                got = self.result.pieces
            finally:
                self.result.pieces = saved
            plains = [p.plain for p in got if p.plain is not None]
            htmls = [p.html for p in got if p.html is not None]
            # Later alternatives are the sender's preference (RFC 2046 5.1.4).
            if plains:
                best.plain = "\n\n".join(plains)
            if htmls:
                best.html = "".join(htmls)
        if best.plain is not None or best.html is not None:
            self.result.pieces.append(best)

    def _related(self, part: Message, children: list[Message], depth: int) -> None:
        start = normalize_message_id(str(part.get_param("start") or "")) or None
        root = children[0] if children else None
        for child in children if start else ():
            if normalize_message_id(child.get("content-id")) == start:
                root = child
                break
        for child in children:
            if child is root:
                self._walk(child, depth + 1)
            elif child.get_content_maintype() == "multipart":
                self._walk(child, depth + 1, resource=True)
            else:
                inline = child.get_content_disposition() != "attachment"
                self._attach(child, depth + 1, inline=inline)

    def _leaf(self, part: Message, head: PartHead, *, resource: bool) -> None:
        content_type, disposition = head.content_type, head.disposition
        if content_type == "message/external-body":
            return  # a pointer to content elsewhere (FTP, mail server): nothing to keep
        if content_type in RFC822_TYPES:
            inner = parts.inner_message(part)
            if inner is not None:
                self._note_original(inner.get("message-id"))
                self._note_inner_defects(inner)
        elif content_type in _SMIME:
            self.problems.add(
                "encrypted", "S/MIME content kept as an attachment; not decrypted or verified"
            )
        elif content_type == "message/delivery-status":
            self.result.has_delivery_status = True
            self.result.dsn_actions.extend(parts.dsn_actions(part))
        elif content_type == "text/rfc822-headers":
            self._note_original(parts.headers_message_id(part))
        is_body = (
            content_type in _BODY_TYPES
            and not resource
            and disposition != "attachment"
            and (disposition == "inline" or head.filename is None)
        )
        if not is_body:
            self._files.add(part, head, inline=disposition == "inline")
            return
        self._body(part, head, content_type)
        if head.filename is not None:
            self._files.add(part, head, inline=True)

    def _body(self, part: Message, head: PartHead, content_type: str) -> None:
        data = self._files.payload_of(part, content_type) or b""
        charset = head.charset
        if charset is None and content_type == "text/html":
            charset = parts.meta_charset(data)
        text, note = decode_text(data, charset)
        if note:
            self.problems.add("charset", note)
        text = clean_text(text)
        if content_type == "text/html":
            self.result.pieces.append(BodyPiece(html=text))
            return
        if head.flowed:
            text = unflow(text, delsp=head.delsp)
        text, files = extract_uuencoded(text)
        for name, content in files:
            self._files.add_data(name, "application/octet-stream", content, inline=False)
        self.result.pieces.append(BodyPiece(plain=text))

    def _note_inner_defects(self, inner: Message) -> None:
        # The attached message is kept as it is; its defects do not affect this one.
        for number, inner_part in enumerate(inner.walk()):
            if number >= self.limits.max_parts:
                break
            for defect in inner_part.defects:
                name = DEFECT_TEXT.get(type(defect).__name__, type(defect).__name__)
                self.problems.add("attached-message", f"{name} in an attached message")

    def _note_original(self, value: str | None) -> None:
        found = normalize_message_id(value)
        if found and found not in self.result.original_message_ids:
            self.result.original_message_ids.append(found)
