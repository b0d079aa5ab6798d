"""The settings dialog and its pages: profile, mail accounts, gateway, database."""
