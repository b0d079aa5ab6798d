"""Use cases shared by the desktop, the CLI and the gateway: each is one transaction.

Functions here are synchronous and take the ``Database`` first; the desktop runs
them on its database executor (never on the GUI thread), the CLI calls them directly.
"""
