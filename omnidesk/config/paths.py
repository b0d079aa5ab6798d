"""Where OmniDesk keeps its files.

By default the platform's folders (platformdirs); ``--data-dir DIR`` (or the
``OMNIDESK_DATA_DIR`` environment variable) puts everything under one folder,
which is what tests, demos and portable installs want.
"""

import os
from dataclasses import dataclass
from pathlib import Path

import platformdirs

from omnidesk import APP_NAME
from omnidesk.core.errors import ConfigError

DATA_DIR_ENV = "OMNIDESK_DATA_DIR"


@dataclass(frozen=True, slots=True)
class AppPaths:
    data_dir: Path
    config_dir: Path
    log_dir: Path

    @property
    def settings_file(self) -> Path:
        return self.config_dir / "settings.toml"

    @property
    def default_database(self) -> Path:
        return self.data_dir / "omnidesk.db"

    @property
    def log_file(self) -> Path:
        return self.log_dir / "omnidesk.log"

    def ensure(self) -> None:
        """Create the folders, or say clearly why that is impossible."""
        for folder in (self.data_dir, self.config_dir, self.log_dir):
            try:
                folder.mkdir(parents=True, exist_ok=True)
            except OSError as exc:
                raise ConfigError(f"cannot create the folder {folder}: {exc.strerror}") from None


def resolve_paths(data_dir: str | os.PathLike[str] | None = None) -> AppPaths:
    """Paths from an explicit folder, the environment, or the platform defaults."""
    chosen = data_dir or os.environ.get(DATA_DIR_ENV)
    if chosen:
        root = Path(chosen).expanduser().resolve()
        if root.exists() and not root.is_dir():
            raise ConfigError(f"the data folder {root} exists but is not a folder")
        return AppPaths(data_dir=root, config_dir=root, log_dir=root / "logs")
    return AppPaths(
        data_dir=Path(platformdirs.user_data_dir(APP_NAME, appauthor=False)),
        config_dir=Path(platformdirs.user_config_dir(APP_NAME, appauthor=False)),
        log_dir=Path(platformdirs.user_log_dir(APP_NAME, appauthor=False)),
    )
