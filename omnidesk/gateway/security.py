"""Security headers on every response, strict origin checks, and the client's address.

The pages allow only our own scripts, styles and connections
(``Content-Security-Policy``); nothing inline runs, so an injected ``<script>`` could
not execute even if escaping ever failed. Every state-changing request (form post,
chat socket, transcript request) must come from a page of the gateway itself (or a
configured origin): the browser's ``Origin`` header, else ``Referer``, must name our
host. There are no cookies, so a cross-site page has nothing to ride on either.
"""

import ipaddress
import re
from collections.abc import Awaitable, Callable
from urllib.parse import urlsplit

from aiohttp import web
from aiohttp.typedefs import Middleware

from omnidesk.gateway.config import GatewayConfig

_SOURCE = re.compile(r"^(\*|'self'|'none'|https?://[A-Za-z0-9.*-]+(:\d{1,5})?)$")

Handler = Callable[[web.Request], Awaitable[web.StreamResponse]]


def frame_ancestors(config: GatewayConfig) -> str:
    """The sites allowed to embed our pages; anything malformed is dropped, not pasted."""
    sources = [s for s in config.frame_ancestors if _SOURCE.match(s)]
    return " ".join(sources) or "'none'"


def page_policy(config: GatewayConfig) -> str:
    return (
        "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
        "connect-src 'self'; form-action 'self'; base-uri 'none'; "
        f"frame-ancestors {frame_ancestors(config)}"
    )


_API_POLICY = "default-src 'none'; frame-ancestors 'none'; sandbox"


def security_middleware(config: GatewayConfig) -> Middleware:
    page = page_policy(config)

    @web.middleware
    async def add_headers(request: web.Request, handler: Handler) -> web.StreamResponse:
        try:
            response = await handler(request)
        except web.HTTPException as exc:
            _apply(exc, page)
            raise
        if not response.prepared:
            _apply(response, page)
        return response

    return add_headers


def _apply(response: web.StreamResponse, page: str) -> None:
    headers = response.headers
    is_html = (response.content_type or "").startswith("text/html")
    headers.setdefault("Content-Security-Policy", page if is_html else _API_POLICY)
    headers.setdefault("X-Content-Type-Options", "nosniff")
    # Not "no-referrer": with it, browsers send "Origin: null" on form posts, and the
    # origin check could not tell our own form from a forged one.
    headers.setdefault("Referrer-Policy", "same-origin")
    headers.setdefault("Permissions-Policy", "camera=(), microphone=(), geolocation=()")
    headers.setdefault("Cache-Control", "no-store")


def request_origin(request: web.Request) -> str | None:
    """Where the request says it comes from: ``Origin``, else the ``Referer``'s origin."""
    origin = request.headers.get("Origin")
    if origin and origin != "null":
        return origin.strip().lower()
    referer = request.headers.get("Referer")
    if referer:
        parts = urlsplit(referer)
        if parts.scheme and parts.netloc:
            return f"{parts.scheme}://{parts.netloc}".lower()
    return None


def origin_allowed(request: web.Request, config: GatewayConfig) -> bool:
    """True for our own pages (same host) and configured origins; False without an origin.

    The host is compared, not the scheme: behind a TLS proxy the gateway sees http while
    the browser says https, and only whoever serves our host can send our host's origin.
    """
    origin = request_origin(request)
    if origin is None:
        return False
    if origin in {o.lower().rstrip("/") for o in config.allowed_origins}:
        return True
    netloc = urlsplit(origin).netloc
    hosts = {request.host.lower()}
    if config.public_url:
        hosts.add(urlsplit(config.public_url).netloc.lower())
    return netloc in hosts


def client_ip(request: web.Request, config: GatewayConfig) -> str:
    """The visitor's address; ``X-Forwarded-For`` counts only from a trusted proxy."""
    peer = request.remote or "unknown"
    if peer not in config.trusted_proxies:
        return peer
    forwarded = request.headers.get("X-Forwarded-For", "")
    for candidate in reversed([p.strip() for p in forwarded.split(",") if p.strip()]):
        if candidate in config.trusted_proxies:
            continue
        try:
            return str(ipaddress.ip_address(candidate))
        except ValueError:
            break
    return peer
