"""The chat page (standalone, or inside the embedded widget's frame) and the widget files."""

from aiohttp import web

from omnidesk.gateway.assets import STATIC_TYPES, read_text, strings
from omnidesk.gateway.i18n import negotiate, text
from omnidesk.gateway.state import STATE
from omnidesk.gateway.templates import json_for_script, render
from omnidesk.services.acknowledge import response_time

STATIC_MAX_AGE = 300
"""Widget files are cached briefly: an update reaches embedding sites within minutes."""


async def chat_page(request: web.Request) -> web.StreamResponse:
    state = request.app[STATE]
    language = negotiate(request.headers.get("Accept-Language"), request.query.get("lang"))
    embed = request.query.get("embed") == "1"
    when = response_time(state.config.expected_response_hours, language)
    ui = {k: v for k, v in strings(language).items() if k.startswith(("chat.", "transcript."))}
    for key in ("chat.offline", "chat.offline_received"):
        # Only the time is known here; {case} and {email} are filled in by chat.js.
        ui[key] = ui[key].replace("{time}", when)
    page = render(
        "templates/chat.html",
        {
            "lang": language,
            "page_class": "embedded" if embed else "standalone",
            "strings": json_for_script(ui),
            "title": text(language, "chat.title"),
            "connecting": text(language, "chat.connecting"),
            "noscript": text(language, "chat.noscript"),
            "messages_label": text(language, "chat.messages_label"),
            "tools_label": text(language, "chat.tools_label"),
        },
    )
    return web.Response(text=page, content_type="text/html", charset="utf-8")


async def widget_file(request: web.Request) -> web.StreamResponse:
    name = request.match_info["name"]
    kind = STATIC_TYPES.get(name)
    if kind is None:
        raise web.HTTPNotFound(text="no such widget file")
    return web.Response(
        text=read_text(name),
        content_type=kind,
        charset="utf-8",
        headers={"Cache-Control": f"public, max-age={STATIC_MAX_AGE}"},
    )
