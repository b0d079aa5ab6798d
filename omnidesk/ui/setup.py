"""What the main window and its parts need from the composition root, in one value."""

from dataclasses import dataclass, field
from pathlib import Path

from omnidesk.config.secrets import SecretStore
from omnidesk.config.settings import Settings
from omnidesk.store.engine import Database


@dataclass(frozen=True, slots=True)
class DeskSetup:
    """Everything ``omnidesk.app`` (or a test) hands to the main window."""

    db: Database
    agent_name: str | None
    """The agent configured in the settings (``agent = "anna"``), if any."""
    settings_file: Path
    data_dir: Path | None = None
    """Where drafts are kept (``DIR/drafts``); None keeps no drafts (throwaway windows)."""
    settings: Settings = field(default_factory=Settings)
    secrets: SecretStore | None = None
    """The keyring adapter for mail passwords; None offers no password fields."""
    log_file: Path | None = None

    @property
    def drafts_dir(self) -> Path | None:
        return self.data_dir / "drafts" if self.data_dir is not None else None
