"""The gateway: the web form and live chat over HTTP and WebSocket (aiohttp).

``omnidesk gateway`` runs it headless next to the mail workers; in solo mode the
desktop app runs the same :class:`omnidesk.gateway.server.Gateway` in its own loop.
Nothing here imports Qt.
"""
