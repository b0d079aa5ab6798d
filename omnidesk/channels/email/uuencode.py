"""Uuencoded files inside plain-text bodies (old clients, some scanners and gateways)."""

import binascii
import re

_BEGIN = re.compile(r"^begin(-base64)? [0-7]{3,4} ([^\n]+)$", re.MULTILINE)
# uuencode ends with "end", begin-base64 with "====" (neither is a valid data line).
_END = re.compile(r"^(?:end|====)[ \t]*$", re.MULTILINE)


def _decode_line(line: str) -> bytes:
    try:
        return binascii.a2b_uu(line)
    except binascii.Error:
        # Some encoders pad lines with garbage; the first character says how much is real.
        length = (((ord(line[0]) - 32) & 63) * 4 + 5) // 3
        return binascii.a2b_uu(line[:length])


def _decode_block(body: str, *, base64: bool) -> bytes | None:
    lines = [line.rstrip("\r") for line in body.split("\n") if line.strip()]
    try:
        if base64:
            return binascii.a2b_base64("".join(lines).encode("ascii"))
        return b"".join(_decode_line(line) for line in lines if line not in ("`", " "))
    except (binascii.Error, ValueError, UnicodeEncodeError):
        return None


def extract_uuencoded(text: str, *, max_files: int = 50) -> tuple[str, list[tuple[str, bytes]]]:
    """The text with uuencoded blocks removed, and the decoded ``(name, data)`` files.

    Blocks that fail to decode stay in the text, so nothing is lost. One pass from
    start to end: each ``begin`` is paired with the next ``end``, so hostile text with
    many unfinished blocks costs linear time.
    """
    if "begin" not in text:
        return text, []
    files: list[tuple[str, bytes]] = []
    kept: list[str] = []
    position = 0
    while len(files) < max_files:
        begin = _BEGIN.search(text, position)
        if begin is None:
            break
        end = _END.search(text, begin.end())
        if end is None:
            break
        data = _decode_block(text[begin.end() : end.start()], base64=bool(begin.group(1)))
        if data is None:
            kept.append(text[position : end.end()])
        else:
            kept.append(text[position : begin.start()])
            files.append((begin.group(2).strip(), data))
        position = end.end()
    kept.append(text[position:])
    return "".join(kept), files
