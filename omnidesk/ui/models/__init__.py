"""Qt item models: one model per list, rows fetched from the services in pages."""
