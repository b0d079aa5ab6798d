"""The desktop user interface: widgets, item models, dialogs; the only package importing Qt."""
