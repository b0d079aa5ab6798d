"""Chat transcripts: the whole conversation as plain text or a standalone HTML page, with
the case number, times and the agents' names; downloadable at any time or sent by email.

The visitor's browser says its time zone (``Intl``), so times read as they lived them;
an unknown zone falls back to UTC and says so.
"""

import html
import logging
from datetime import datetime
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from aiohttp import web

from omnidesk.core.enums import Direction
from omnidesk.gateway.i18n import negotiate, text
from omnidesk.gateway.logs import event
from omnidesk.gateway.security import client_ip, origin_allowed
from omnidesk.gateway.state import STATE
from omnidesk.services import chat
from omnidesk.services.chat import TranscriptData, UnknownConversation

log = logging.getLogger(__name__)

_MAX_BODY = 4096
_TRANSCRIPT_POLICY = "default-src 'none'; style-src 'unsafe-inline'; frame-ancestors 'none'"
"""A downloaded transcript styles itself inline and runs no script at all."""


def _zone(name: str | None) -> ZoneInfo:
    try:
        return ZoneInfo(name or "UTC")
    except (ZoneInfoNotFoundError, ValueError):
        return ZoneInfo("UTC")


def _when(moment: datetime, zone: ZoneInfo) -> str:
    return moment.astimezone(zone).strftime("%Y-%m-%d %H:%M:%S")


def _speaker(data: TranscriptData, direction: Direction, author: str, language: str) -> str:
    """The agent's name as they signed; the visitor as "Käthe (you)"."""
    if direction is Direction.OUT:
        return text(language, "transcript.agent", name=author)
    name = data.conversation.visitor_name
    return text(language, "transcript.you", name=name) if name else text(language, "chat.you")


def render_text(data: TranscriptData, *, language: str, zone: ZoneInfo) -> str:
    view = data.conversation
    agents = ", ".join(data.agents) or "-"
    lines = [
        text(language, "transcript.title", case=view.number),
        text(language, "transcript.subject", subject=view.subject),
        text(language, "transcript.agents", agents=agents),
        text(language, "transcript.times", zone=zone.key),
        "",
    ]
    for entry in data.entries:
        who = _speaker(data, entry.direction, entry.author, language)
        lines.append(f"[{_when(entry.created_at, zone)}] {who}:")
        lines.extend(f"  {line}" for line in entry.text.splitlines() or [""])
        lines.append("")
    return "\n".join(lines)


def render_html(data: TranscriptData, *, language: str, zone: ZoneInfo) -> str:
    view = data.conversation
    e = html.escape
    title = e(text(language, "transcript.title", case=view.number))
    rows = []
    for entry in data.entries:
        who = e(_speaker(data, entry.direction, entry.author, language))
        side = "agent" if entry.direction is Direction.OUT else "visitor"
        body = "<br>".join(e(line) for line in entry.text.splitlines())
        when = e(_when(entry.created_at, zone))
        rows.append(
            f'<li class="{side}"><p class="meta"><strong>{who}</strong> '
            f'<time datetime="{e(entry.created_at.isoformat())}">{when}</time></p>'
            f"<p>{body}</p></li>"
        )
    agents = e(", ".join(data.agents) or "-")
    return (
        f'<!DOCTYPE html>\n<html lang="{e(language)}"><head><meta charset="utf-8">'
        f"<title>{title}</title><style>{_STYLE}</style></head><body>"
        f"<h1>{title}</h1><dl>"
        f"<dt>{e(text(language, 'transcript.subject_label'))}</dt><dd>{e(view.subject)}</dd>"
        f"<dt>{e(text(language, 'transcript.agents_label'))}</dt><dd>{agents}</dd>"
        f"<dt>{e(text(language, 'transcript.times_label'))}</dt><dd>{e(zone.key)}</dd>"
        f"</dl><ol>{''.join(rows)}</ol></body></html>\n"
    )


_STYLE = (
    "body{font:16px/1.5 system-ui,sans-serif;max-width:42rem;margin:2rem auto;padding:0 1rem;"
    "color:#1b1b1f}ol{list-style:none;padding:0}li{margin:0 0 1rem;padding:.5rem .75rem;"
    "border-radius:.5rem;background:#f1f3f6}li.agent{background:#e6f0ff}"
    ".meta{margin:0;font-size:.85rem;color:#444}time{margin-left:.5rem}dt{font-weight:bold}"
    "dd{margin:0 0 .5rem}"
)


async def _request_data(request: web.Request) -> tuple[chat.ConversationView, dict[str, object]]:
    """The visitor's conversation, from the token in a small JSON body; refusals explained."""
    state = request.app[STATE]
    if not origin_allowed(request, state.config):
        event(log, "transcript.rejected", reason="origin", ip=client_ip(request, state.config))
        raise web.HTTPForbidden(text="requests are accepted only from our own pages")
    if (request.content_length or 0) > _MAX_BODY:
        raise web.HTTPRequestEntityTooLarge(
            max_size=_MAX_BODY, actual_size=request.content_length or 0
        )
    try:
        body = await request.json()
    except ValueError:
        raise web.HTTPBadRequest(text="the request is not JSON") from None
    if not isinstance(body, dict) or not isinstance(body.get("token"), str):
        raise web.HTTPBadRequest(text="the request names no conversation")
    try:
        view = await state.run_db(chat.find_conversation, state.db, body["token"][:200])
    except UnknownConversation:
        event(
            log, "transcript.rejected", reason="unknown_token", ip=client_ip(request, state.config)
        )
        raise web.HTTPNotFound(text="this chat is unknown") from None
    return view, body


async def download(request: web.Request) -> web.StreamResponse:
    state = request.app[STATE]
    view, body = await _request_data(request)
    language = negotiate(request.headers.get("Accept-Language"), str(body.get("lang", "")))
    zone = _zone(str(body.get("zone") or "UTC"))
    data = await state.run_db(chat.transcript, state.db, view.id)
    if body.get("format") == "text":
        content, kind, suffix = render_text(data, language=language, zone=zone), "text/plain", "txt"
    else:
        content, kind, suffix = render_html(data, language=language, zone=zone), "text/html", "html"
    event(log, "transcript.downloaded", conversation=view.id, format=suffix)
    return web.Response(
        text=content,
        content_type=kind,
        charset="utf-8",
        headers={
            "Content-Disposition": f'attachment; filename="chat-{view.number}.{suffix}"',
            "Content-Security-Policy": _TRANSCRIPT_POLICY,
        },
    )


async def send_by_email(request: web.Request) -> web.StreamResponse:
    state = request.app[STATE]
    view, body = await _request_data(request)
    language = negotiate(request.headers.get("Accept-Language"), str(body.get("lang", "")))
    if not view.email:
        raise web.HTTPConflict(text=text(language, "chat.error.email_required"))
    if state.limiters.transcript_mails.hit(str(view.id)) is not None:
        event(log, "transcript.rejected", reason="rate_limited", conversation=view.id)
        raise web.HTTPTooManyRequests(text=text(language, "chat.error.slow_down"))
    data = await state.run_db(chat.transcript, state.db, view.id)
    content = render_text(data, language=language, zone=_zone(str(body.get("zone") or "UTC")))
    sent_to = await state.run_db(
        chat.email_transcript, state.db, view.id, text=content, ack=state.config.ack
    )
    event(log, "transcript.emailed", conversation=view.id)
    return web.json_response({"sent_to": sent_to}, status=202)
