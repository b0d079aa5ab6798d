"""Fetching one message's remote images after the agent clicked "Load images".

Plain Python, run on a network thread of the ``TaskRunner``: the raw mail is sanitised
again with remote images kept, and each image is downloaded once, with a timeout and a
size cap, only over ``http(s)`` (a redirect to ``file:`` or ``ftp:`` is refused).
"""

import logging
import urllib.error
import urllib.request
from dataclasses import dataclass, field
from http.client import HTTPMessage
from typing import IO
from urllib.request import HTTPRedirectHandler, Request

from omnidesk.channels.email.remote_html import html_with_remote_images
from omnidesk.ui.views.safe_html import remote_image_urls

log = logging.getLogger(__name__)

MAX_IMAGE_BYTES = 5 * 1024 * 1024
"""A larger image is left out: a newsletter's pixel does not need five megabytes."""
MAX_TOTAL_BYTES = 20 * 1024 * 1024
MAX_IMAGES = 40
TIMEOUT_SECONDS = 10.0
_USER_AGENT = "OmniDesk (loading images an agent asked for)"


@dataclass(frozen=True, slots=True)
class RemoteImages:
    """A message's HTML with remote images kept, and the images that could be fetched."""

    html: str
    images: dict[str, bytes] = field(default_factory=dict)
    failed: int = 0


class _HttpOnlyRedirects(HTTPRedirectHandler):
    def redirect_request(  # noqa: PLR0917 - the signature urllib calls
        self, req: Request, fp: IO[bytes], code: int, msg: str, headers: HTTPMessage, newurl: str
    ) -> Request | None:
        if not newurl.lower().startswith(("http://", "https://")):
            raise urllib.error.HTTPError(newurl, code, "redirect away from http(s)", headers, fp)
        return super().redirect_request(req, fp, code, msg, headers, newurl)


def fetch_remote_images(raw: bytes) -> RemoteImages:
    """Re-read ``raw``'s HTML with its remote images and download them (blocking)."""
    html = html_with_remote_images(raw) or ""
    opener = urllib.request.build_opener(_HttpOnlyRedirects())
    images: dict[str, bytes] = {}
    failed = 0
    total = 0
    for url in remote_image_urls(html)[:MAX_IMAGES]:
        data = _fetch(opener, url, limit=min(MAX_IMAGE_BYTES, MAX_TOTAL_BYTES - total))
        if data is None:
            failed += 1
            continue
        images[url] = data
        total += len(data)
    return RemoteImages(html=html, images=images, failed=failed)


def _fetch(opener: urllib.request.OpenerDirector, url: str, *, limit: int) -> bytes | None:
    if limit <= 0 or not url.lower().startswith(("http://", "https://")):
        return None
    # The scheme is checked on the line above (and on every redirect).
    request = Request(url, headers={"User-Agent": _USER_AGENT, "Accept": "image/*"})  # noqa: S310
    try:
        with opener.open(request, timeout=TIMEOUT_SECONDS) as response:
            data: bytes = response.read(limit + 1)
    except (OSError, ValueError) as exc:  # URLError and HTTPError are OSErrors
        log.info("image %s not loaded: %s", url, exc)
        return None
    if len(data) > limit:
        log.info("image %s not loaded: larger than %d bytes", url, limit)
        return None
    return data
