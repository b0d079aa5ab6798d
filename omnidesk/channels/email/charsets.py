"""Turning bytes into text when the declared charset is missing, wrong or unknown.

Real mail lies about charsets: ``us-ascii`` and ``iso-8859-1`` bodies full of
Windows-1252 quotes, UTF-8 sent without a label, labels Python does not know. Latin-1
is read as windows-1252 (as the WHATWG encoding standard does); anything that fails
to decode is tried as UTF-8, then as windows-1252, which accepts any byte.
"""

import codecs
from functools import lru_cache

# Labels seen in mail that Python spells differently, or where a superset decodes
# what senders really meant (Shift_JIS from Windows is cp932, GB2312 is GB18030...).
_ALIASES = {
    "iso-8859-1": "cp1252",
    "iso8859-1": "cp1252",
    "iso_8859-1": "cp1252",
    "latin1": "cp1252",
    "latin-1": "cp1252",
    "l1": "cp1252",
    "shift_jis": "cp932",
    "shift-jis": "cp932",
    "sjis": "cp932",
    "x-sjis": "cp932",
    "ms_kanji": "cp932",
    "windows-31j": "cp932",
    "gb2312": "gb18030",
    "gbk": "gb18030",
    "x-gbk": "gb18030",
    "euc-cn": "gb18030",
    "ks_c_5601-1987": "cp949",
    "euc-kr": "cp949",
    "big5": "big5hkscs",
    "iso-8859-8-i": "iso8859-8",
    "iso-8859-6-i": "iso8859-6",
    "unicode-1-1-utf-7": "utf-7",
    "x-unicode-2-0-utf-7": "utf-7",
    "utf8": "utf-8",
    "x-mac-roman": "mac-roman",
    "macintosh": "mac-roman",
    "windows-874": "cp874",
    "tis-620": "cp874",
    "iso-8859-11": "cp874",
}
# Sent with these labels the bytes are not meant as text, or the label names nothing.
_MEANINGLESS = frozenset({"unknown-8bit", "x-unknown", "x-user-defined", "default", "charset"})

# Decoders for ISO-2022-JP, tried in order: senders use JIS extensions freely.
_ISO2022_JP = ("iso2022_jp", "iso2022_jp_ext", "iso2022_jp_2", "iso2022_jp_2004", "iso2022_jp_3")

# Codecs where pure-ASCII bytes still need real decoding (escape sequences, UTF-16...).
_NOT_ASCII_COMPATIBLE = ("utf_16", "utf_32", "utf_7", "iso2022", "hz", "cp037", "cp500")


@lru_cache(maxsize=512)
def codec_for(charset: str | None) -> str | None:
    """Python's codec name for a MIME charset label; None when absent or unknown."""
    if not charset:
        return None
    label = charset.strip().strip("\"'").lower()
    # RFC 2231 allows a language suffix: "utf-8*de".
    label = label.partition("*")[0]
    if not label or label in _MEANINGLESS:
        return None
    label = _ALIASES.get(label, label)
    try:
        return codecs.lookup(label).name
    except LookupError:
        return None


def _windows_1252(data: bytes) -> str:
    # cp1252 leaves five bytes undefined; latin-1 maps every byte and is the last word.
    try:
        return data.decode("cp1252")
    except UnicodeDecodeError:
        return data.decode("latin-1")


def _try(data: bytes, codec: str) -> str | None:
    try:
        return data.decode(codec)
    except (UnicodeDecodeError, LookupError):
        return None


def decode_text(data: bytes, charset: str | None) -> tuple[str, str | None]:
    """Decode ``data`` labelled ``charset``; returns the text and a note when guessing."""
    codec = codec_for(charset)
    if data.isascii() and (codec is None or not codec.startswith(_NOT_ASCII_COMPATIBLE)):
        return data.decode("ascii"), None
    if codec is None:
        text = _try(data, "utf-8")
        used = "utf-8"
        if text is None:
            text, used = _windows_1252(data), "windows-1252"
        why = f"unknown charset {charset.strip()!r}" if charset else "8-bit text without a charset"
        return text, f"{why}; decoded as {used}"
    for candidate in _ISO2022_JP if codec == "iso2022_jp" else (codec,):
        text = _try(data, candidate)
        if text is not None:
            return text, None
    return _mislabelled(data, codec, str(charset))


def _mislabelled(data: bytes, codec: str, charset: str) -> tuple[str, str]:
    # The label is wrong. UTF-8 is the likeliest truth; a broken multi-byte text keeps
    # its own charset with the bad bytes replaced rather than turning into mojibake.
    text = _try(data, "utf-8")
    if text is not None:
        return text, f"text labelled {charset} is not valid {charset}; decoded as utf-8"
    if codec in ("ascii", "cp1252", "utf-8"):
        return _windows_1252(data), f"invalid {charset} text; decoded as windows-1252"
    return data.decode(codec, errors="replace"), f"invalid {charset} text; bad bytes replaced"
