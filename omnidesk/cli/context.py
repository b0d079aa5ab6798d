"""What every command needs: paths, settings, the database, and who is acting."""

import argparse
from dataclasses import dataclass, field
from functools import cached_property

from omnidesk.config.paths import AppPaths, resolve_paths
from omnidesk.config.settings import Settings, load_settings
from omnidesk.core.entities import Agent
from omnidesk.core.errors import InvalidInput
from omnidesk.services.agents import find_agent
from omnidesk.store.engine import Database
from omnidesk.store.migrate import upgrade

DB_ENV = "OMNIDESK_DB"


@dataclass
class CliContext:
    paths: AppPaths
    settings: Settings
    db_url_override: str | None = None
    migrate: bool = True
    _db: Database | None = field(default=None, init=False, repr=False)

    @classmethod
    def from_args(cls, args: argparse.Namespace) -> "CliContext":
        import os

        paths = resolve_paths(getattr(args, "data_dir", None))
        settings = load_settings(paths.settings_file)
        url = getattr(args, "db", None) or os.environ.get(DB_ENV)
        return cls(paths=paths, settings=settings, db_url_override=url)

    @cached_property
    def database_url(self) -> str:
        if self.db_url_override:
            return self.db_url_override
        if self.settings.database_url:
            return self.settings.database_url
        self.paths.ensure()
        return f"sqlite:///{self.paths.default_database}"

    @property
    def db(self) -> Database:
        """The database, opened on first use and migrated to the current schema."""
        if self._db is None:
            if not (self.db_url_override or self.settings.database_url):
                self.paths.ensure()
            database = Database(self.database_url)
            database.check_connection()
            if self.migrate:
                upgrade(database)
            self._db = database
        return self._db

    def acting_agent(self, name: str | None) -> Agent:
        """The agent named on the command line, else the one in the settings."""
        chosen = name or self.settings.agent
        if not chosen:
            raise InvalidInput(
                "say which agent you are: --agent NAME (or set 'agent' in the settings file "
                f"{self.paths.settings_file})"
            )
        return find_agent(self.db, chosen)

    def close(self) -> None:
        if self._db is not None:
            self._db.dispose()
