"""``GET /health``: is the gateway able to take messages, and what is it doing.

200 when the database answers, 503 when it does not (a load balancer then stops
sending visitors here). No addresses, tokens or message contents appear in it.
"""

import time

from aiohttp import web

from omnidesk import __version__
from omnidesk.core.errors import KnownError
from omnidesk.gateway.state import STATE


async def health(request: web.Request) -> web.StreamResponse:
    state = request.app[STATE]
    try:
        await state.run_db(state.db.check_connection)
        database = "ok"
    except KnownError as exc:
        database = f"unavailable: {exc}"
    feed = state.feed
    body = {
        "status": "ok" if database == "ok" and not state.shutting_down else "unavailable",
        "version": __version__,
        "uptime_seconds": round(time.time() - state.started, 1),
        "database": database,
        "change_feed": {
            "mechanism": feed.mechanism if feed else None,
            "healthy": bool(feed and feed.healthy),
        },
        "chat": {
            "connections": state.hub.connections,
            "conversations": len(state.hub.conversations),
            "agents_online": await state.agents_online() if database == "ok" else None,
        },
        "mail": dict(state.mail_status()) if state.mail_status else None,
    }
    return web.json_response(body, status=200 if body["status"] == "ok" else 503)
