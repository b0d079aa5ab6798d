"""Structured logging: every gateway event is one line with named fields.

``event(log, "chat.rejected", reason="too_long", ip=...)`` writes
``chat.rejected reason='too_long' ip='...'`` to ordinary handlers, and the headless
``omnidesk gateway`` prints JSON lines (:class:`JsonFormatter`) that log collectors read.
"""

import json
import logging
import sys
from datetime import UTC, datetime
from typing import Any

_FIELDS = "omnidesk_fields"


def event(logger: logging.Logger, name: str, *, level: int = logging.INFO, **fields: Any) -> None:
    if not logger.isEnabledFor(level):
        return
    text = " ".join([name, *(f"{k}={v!r}" for k, v in fields.items())])
    logger.log(level, "%s", text, extra={_FIELDS: {"event": name, **fields}})


class JsonFormatter(logging.Formatter):
    def format(self, record: logging.LogRecord) -> str:
        data: dict[str, Any] = {
            "ts": datetime.fromtimestamp(record.created, UTC).isoformat(timespec="milliseconds"),
            "level": record.levelname.lower(),
            "logger": record.name,
        }
        fields = getattr(record, _FIELDS, None)
        if isinstance(fields, dict):
            data.update(fields)
        else:
            data["message"] = record.getMessage()
        if record.exc_info:
            data["traceback"] = self.formatException(record.exc_info)
        return json.dumps(data, ensure_ascii=False, default=str)


def log_json_to_stderr(*, verbose: bool = False) -> None:
    """Replace the console handler with JSON lines at INFO (DEBUG with ``verbose``)."""
    root = logging.getLogger()
    for handler in list(root.handlers):
        if isinstance(handler, logging.StreamHandler) and not isinstance(
            handler, logging.FileHandler
        ):
            root.removeHandler(handler)
    handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(JsonFormatter())
    handler.setLevel(logging.DEBUG if verbose else logging.INFO)
    root.addHandler(handler)
    root.setLevel(min(root.level, handler.level))
    # aiohttp's access log would repeat every request; our own events say what matters.
    logging.getLogger("aiohttp.access").setLevel(logging.WARNING)
