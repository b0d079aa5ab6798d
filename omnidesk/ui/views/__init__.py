"""The widgets the main window is built from: sidebar, case detail pane, dialogs."""
