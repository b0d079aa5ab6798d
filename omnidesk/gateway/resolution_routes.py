"""``/resolution/<token>/<yes|no>``: the customer answers "Did this solve your problem?"

GET never acts: mail scanners and link previews fetch every link in a mail, so the
link opens a small page whose button POSTs the answer. Each refusal has its own page
and status: a forged or edited link 403, an expired one 410, one already answered or
belonging to an earlier resolution 409, a request from another site 403.
"""

import logging
import time
from dataclasses import dataclass

from aiohttp import web

from omnidesk.core.resolution_token import (
    ResolutionToken,
    ResolutionTokenError,
    TokenProblem,
    verify,
)
from omnidesk.gateway.i18n import negotiate, text
from omnidesk.gateway.logs import event
from omnidesk.gateway.security import origin_allowed
from omnidesk.gateway.state import STATE, GatewayState
from omnidesk.gateway.templates import Markup, escape, render
from omnidesk.services.resolution import (
    Answer,
    AnswerResult,
    Outcome,
    check_answer,
    record_answer,
    resolution_key,
)

log = logging.getLogger(__name__)

PATH = "/resolution/{token}/{answer:(?:yes|no)}"
_NO_ACTION = Markup("")


@dataclass
class _KeyCache:
    """The signing key, read from the database on first use (links are rare)."""

    key: bytes = b""

    async def get(self, state: GatewayState) -> bytes:
        if not self.key:
            self.key = await state.run_db(resolution_key, state.db)
        return self.key


KEY: web.AppKey[_KeyCache] = web.AppKey("omnidesk_resolution_key", _KeyCache)


def add_routes(app: web.Application) -> None:
    app[KEY] = _KeyCache()
    app.router.add_get(PATH, show_question)
    app.router.add_post(PATH, post_answer)


class _Refusal(Exception):
    def __init__(self, status: int, message: str) -> None:
        super().__init__(message)
        self.status = status
        self.message = message


def _page(
    language: str, *, title: str, message: str, action: Markup = _NO_ACTION, refused: bool
) -> str:
    return render(
        "templates/resolution.html",
        {
            "lang": language,
            "title": title,
            "message": message,
            "action": action,
            "card_class": "refused" if refused else "done",
            "role": "alert" if refused else "status",
        },
    )


def _html(body: str, status: int = 200) -> web.Response:
    return web.Response(text=body, status=status, content_type="text/html", charset="utf-8")


def _language(request: web.Request) -> str:
    return negotiate(request.headers.get("Accept-Language"), request.query.get("lang"))


async def _token(request: web.Request, language: str) -> ResolutionToken:
    state = request.app[STATE]
    key = await request.app[KEY].get(state)
    try:
        return verify(key, request.match_info["token"], now=time.time())
    except ResolutionTokenError as exc:
        event(log, "resolution.rejected", level=logging.WARNING, reason=exc.problem.value)
        if exc.problem is TokenProblem.EXPIRED:
            raise _Refusal(410, text(language, "resolution.refused.expired")) from None
        raise _Refusal(403, text(language, "resolution.refused.invalid")) from None


def _refusal_for(result: AnswerResult, language: str) -> _Refusal:
    if result.outcome is Outcome.ALREADY_ANSWERED:
        key = f"resolution.refused.answered_{(result.answer or Answer.YES).value}"
        return _Refusal(409, text(language, key, case=result.number))
    if result.outcome is Outcome.SUPERSEDED:
        return _Refusal(409, text(language, "resolution.refused.superseded", case=result.number))
    return _Refusal(404, text(language, "resolution.refused.invalid"))


async def show_question(request: web.Request) -> web.StreamResponse:
    language = _language(request)
    answer = Answer(request.match_info["answer"])
    try:
        token = await _token(request, language)
        state = request.app[STATE]
        result = await state.run_db(check_answer, state.db, token)
        if result.outcome is not Outcome.ANSWERABLE:
            raise _refusal_for(result, language)
    except _Refusal as refusal:
        return _refused(language, refusal)
    button = escape(text(language, f"resolution.button.{answer.value}"))
    # The form posts back to this very address (token and answer are in the path).
    action = Markup(
        f'<form method="post" class="resolution-answer">'
        f'<input type="hidden" name="lang" value="{escape(language)}">'
        f'<button type="submit" name="answer" value="{answer.value}">{button}</button>'
        f"</form>"
    )
    page = _page(
        language,
        title=text(language, f"resolution.ask.title.{answer.value}"),
        message=text(language, f"resolution.ask.{answer.value}", case=token.case),
        action=action,
        refused=False,
    )
    return _html(page)


async def post_answer(request: web.Request) -> web.StreamResponse:
    state = request.app[STATE]
    fields = await request.post() if request.can_read_body else {}
    chosen = fields.get("lang")
    language = negotiate(
        request.headers.get("Accept-Language"),
        chosen if isinstance(chosen, str) else request.query.get("lang"),
    )
    answer = Answer(request.match_info["answer"])
    try:
        if not origin_allowed(request, state.config):
            raise _Refusal(403, text(language, "resolution.refused.origin"))
        token = await _token(request, language)
        result = await state.run_db(record_answer, state.db, token, answer)
        if result.outcome is not Outcome.RECORDED:
            raise _refusal_for(result, language)
    except _Refusal as refusal:
        return _refused(language, refusal)
    if state.feed is not None:
        state.feed.poke()
    event(log, "resolution.answered", case=token.case, answer=answer.value)
    page = _page(
        language,
        title=text(language, "resolution.done.title"),
        message=text(language, f"resolution.done.{answer.value}", case=token.case),
        refused=False,
    )
    return _html(page)


def _refused(language: str, refusal: _Refusal) -> web.Response:
    page = _page(
        language,
        title=text(language, "resolution.refused.title"),
        message=refusal.message,
        refused=True,
    )
    return _html(page, refusal.status)
