"""Logging: a rotating file in the log folder, warnings on stderr."""

import logging
import logging.handlers

from omnidesk.config.paths import AppPaths

_FORMAT = "%(asctime)s %(levelname)-7s %(name)s: %(message)s"


def setup_logging(paths: AppPaths, *, verbose: bool = False, to_file: bool = True) -> None:
    root = logging.getLogger()
    root.setLevel(logging.DEBUG if verbose else logging.INFO)
    for handler in list(root.handlers):
        root.removeHandler(handler)
    console = logging.StreamHandler()
    console.setLevel(logging.DEBUG if verbose else logging.WARNING)
    console.setFormatter(logging.Formatter("omnidesk: %(levelname)s: %(message)s"))
    root.addHandler(console)
    if to_file:
        try:
            paths.log_dir.mkdir(parents=True, exist_ok=True)
            file_handler = logging.handlers.RotatingFileHandler(
                paths.log_file, maxBytes=2_000_000, backupCount=3, encoding="utf-8"
            )
        except OSError as exc:
            logging.getLogger(__name__).warning("cannot write the log file: %s", exc)
        else:
            file_handler.setFormatter(logging.Formatter(_FORMAT))
            root.addHandler(file_handler)
    # SQLAlchemy's own INFO lines would print every statement.
    logging.getLogger("sqlalchemy").setLevel(logging.WARNING)
