"""The frozen app's entry point: the same ``omnidesk`` command as the pip install."""

from omnidesk.cli.main import main

raise SystemExit(main())
