"""Dialogs for the case actions and settings; each opens with ``open()``, never ``exec()``."""
