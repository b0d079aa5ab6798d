"""Drafts that survive a restart: one small JSON file per case in the data folder.

A draft belongs to this desktop, not to the team: it is what one agent has typed and
not yet sent, so it lives next to the settings, never in the shared database. Files
are written atomically (temporary file, then rename), so a crash mid-write leaves the
previous version; a file that cannot be read is set aside rather than lost.
"""

import json
import logging
import os
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from omnidesk.core.enums import Channel, ReplyMode
from omnidesk.core.ids import CaseNumber

log = logging.getLogger(__name__)

_VERSION = 1


@dataclass(frozen=True, slots=True)
class Draft:
    """What the composer held for one case."""

    text: str
    mode: ReplyMode = ReplyMode.REPLY
    """``REPLY`` or ``NOTE``; "on behalf" is decided at send time, never stored."""
    channel: Channel | None = None
    saved_at: datetime | None = None
    attachments: tuple[str, ...] = ()
    """Paths of the attached files: the files are read again when the draft is opened."""
    seen_up_to: int | None = None
    """The newest message of the case when the draft began (the collision check's mark)."""

    def is_empty(self) -> bool:
        return not self.text.strip() and not self.attachments


class DraftStore:
    """Reads and writes ``<folder>/case-<number>.json``."""

    def __init__(self, folder: Path) -> None:
        self._folder = folder

    @property
    def folder(self) -> Path:
        return self._folder

    def path(self, number: CaseNumber) -> Path:
        return self._folder / f"case-{int(number)}.json"

    def load(self, number: CaseNumber) -> Draft | None:
        """The saved draft of case ``number``; None when there is none or it is unreadable."""
        path = self.path(number)
        try:
            raw = json.loads(path.read_text(encoding="utf-8"))
            return _from_json(raw)
        except FileNotFoundError:
            return None
        except (OSError, ValueError, TypeError, KeyError) as exc:
            # Keep the text for a human to rescue, but do not trip over it every time.
            log.warning("cannot read the draft %s (%s); moving it aside", path, exc)
            _set_aside(path)
            return None

    def save(self, number: CaseNumber, draft: Draft) -> None:
        """Write the draft (an empty draft deletes the file instead)."""
        if draft.is_empty():
            self.delete(number)
            return
        self._folder.mkdir(parents=True, exist_ok=True)
        path = self.path(number)
        temporary = path.with_suffix(".json.tmp")
        saved_at = draft.saved_at or datetime.now(UTC)
        data = {
            "version": _VERSION,
            "case": int(number),
            "mode": draft.mode.value,
            "channel": draft.channel.value if draft.channel else None,
            "text": draft.text,
            "attachments": list(draft.attachments),
            "seen_up_to": draft.seen_up_to,
            "saved_at": saved_at.isoformat(),
        }
        temporary.write_text(json.dumps(data, ensure_ascii=False, indent=1), encoding="utf-8")
        os.replace(temporary, path)

    def delete(self, number: CaseNumber) -> None:
        self.path(number).unlink(missing_ok=True)

    def cases_with_drafts(self) -> list[CaseNumber]:
        """The cases that have a saved draft, lowest number first."""
        if not self._folder.is_dir():
            return []
        numbers = []
        for path in self._folder.glob("case-*.json"):
            digits = path.stem.removeprefix("case-")
            if digits.isdigit():
                numbers.append(CaseNumber(int(digits)))
        return sorted(numbers)


def _from_json(raw: object) -> Draft:
    if not isinstance(raw, dict) or raw.get("version") != _VERSION:
        raise ValueError("not an OmniDesk draft of a known version")
    text = raw["text"]
    if not isinstance(text, str):
        raise TypeError("the draft text is not text")
    mode = ReplyMode(raw.get("mode", ReplyMode.REPLY.value))
    if mode is ReplyMode.ON_BEHALF:
        mode = ReplyMode.REPLY
    channel = Channel(raw["channel"]) if raw.get("channel") else None
    saved = raw.get("saved_at")
    saved_at = datetime.fromisoformat(saved) if isinstance(saved, str) else None
    # Drafts written before files could be attached have no list.
    paths = raw.get("attachments") or []
    if not isinstance(paths, list) or not all(isinstance(p, str) for p in paths):
        raise TypeError("the draft's attachments are not a list of paths")
    seen = raw.get("seen_up_to")
    return Draft(
        text=text,
        mode=mode,
        channel=channel,
        saved_at=saved_at,
        attachments=tuple(paths),
        seen_up_to=seen if isinstance(seen, int) and not isinstance(seen, bool) else None,
    )


def _set_aside(path: Path) -> None:
    try:
        os.replace(path, path.with_suffix(".unreadable"))
    except OSError as exc:
        log.warning("cannot move the unreadable draft %s aside: %s", path, exc)
