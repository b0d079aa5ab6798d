"""The aiohttp application: routes, limits and security headers."""

from aiohttp import web

from omnidesk.gateway import transcript
from omnidesk.gateway.chat_protocol import CLOSE_RESTART
from omnidesk.gateway.chat_socket import chat_socket
from omnidesk.gateway.form_routes import post_form, show_form
from omnidesk.gateway.health import health
from omnidesk.gateway.pages import chat_page, widget_file
from omnidesk.gateway.resolution_routes import add_routes as add_resolution_routes
from omnidesk.gateway.security import security_middleware
from omnidesk.gateway.state import STATE, GatewayState

RECONNECT_AFTER_MS = 1000


async def _index(_request: web.Request) -> web.StreamResponse:
    raise web.HTTPFound("/form")


def build_app(state: GatewayState) -> web.Application:
    app = web.Application(
        middlewares=[security_middleware(state.config)],
        client_max_size=state.config.limits.form_bytes,
    )
    app[STATE] = state
    app.router.add_get("/", _index)
    app.router.add_get("/form", show_form)
    app.router.add_post("/form", post_form)
    app.router.add_get("/chat", chat_page)
    app.router.add_get("/chat/ws", chat_socket)
    app.router.add_post("/chat/transcript", transcript.download)
    app.router.add_post("/chat/transcript/email", transcript.send_by_email)
    app.router.add_get("/widget/{name}", widget_file)
    app.router.add_get("/health", health)
    add_resolution_routes(app)
    app.on_shutdown.append(_tell_chats_to_reconnect)
    return app


async def _tell_chats_to_reconnect(app: web.Application) -> None:
    """Graceful shutdown: every open chat learns to come back, then its socket closes.

    Messages are acknowledged only after they are stored, and the widget resends what
    was not acknowledged (same id, so never twice): nothing in flight is lost.
    """
    state = app[STATE]
    state.shutting_down = True
    await state.hub.close_all(
        {"type": "reconnect", "after_ms": RECONNECT_AFTER_MS, "code": CLOSE_RESTART}
    )
