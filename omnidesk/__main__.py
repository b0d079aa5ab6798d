"""Allows ``python -m omnidesk``."""

from omnidesk.cli.main import main

raise SystemExit(main())
