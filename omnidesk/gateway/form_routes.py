"""``GET /form`` shows the contact form; ``POST /form`` checks and files a submission.

The checks run cheapest first, and nothing is written before all have passed: origin,
per-address rate, size, honeypot, the signed one-time token, the fields, the rate per
email address. The case, its message, the attachments, the acknowledgement and the
spent token are then stored in one transaction.
"""

import logging
import time

from aiohttp import web

from omnidesk.gateway.config import MB
from omnidesk.gateway.form_check import check_form
from omnidesk.gateway.form_page import done_page, form_page, message_page
from omnidesk.gateway.form_parse import FormTooLarge, FormUnreadable, read_form
from omnidesk.gateway.form_token import FormTokenError, TokenProblem, issue, verify
from omnidesk.gateway.i18n import negotiate, text
from omnidesk.gateway.logs import event
from omnidesk.gateway.security import client_ip, origin_allowed
from omnidesk.gateway.state import STATE, GatewayState
from omnidesk.services.web_form import FormSubmission, ReplayedForm, submit_form
from omnidesk.store.messages import NewAttachment

log = logging.getLogger(__name__)


def _html(body: str, status: int = 200, headers: dict[str, str] | None = None) -> web.Response:
    return web.Response(
        text=body, status=status, content_type="text/html", charset="utf-8", headers=headers
    )


def _embed(request: web.Request) -> bool:
    return request.query.get("embed") == "1"


async def show_form(request: web.Request) -> web.StreamResponse:
    state = request.app[STATE]
    language = negotiate(request.headers.get("Accept-Language"), request.query.get("lang"))
    token = issue(state.form_key, time.time())
    return _html(form_page(language, config=state.config, token=token, embed=_embed(request)))


class _Refusal(Exception):
    def __init__(self, status: int, reason: str, message: str, retry_after: float = 0) -> None:
        super().__init__(reason)
        self.status = status
        self.reason = reason
        self.message = message
        self.retry_after = retry_after


async def post_form(request: web.Request) -> web.StreamResponse:
    state = request.app[STATE]
    ip = client_ip(request, state.config)
    language = negotiate(request.headers.get("Accept-Language"), request.query.get("lang"))
    try:
        return await _handle(request, state, ip, language)
    except _Refusal as refusal:
        event(log, "form.rejected", level=logging.WARNING, reason=refusal.reason, ip=ip)
        headers = (
            {"Retry-After": str(int(refusal.retry_after) + 1)} if refusal.retry_after else None
        )
        page = message_page(
            language,
            title=text(language, "form.rejected.title"),
            message=refusal.message,
            embed=_embed(request),
        )
        return _html(page, refusal.status, headers)


async def _handle(
    request: web.Request, state: GatewayState, ip: str, language: str
) -> web.StreamResponse:
    config, limits = state.config, state.config.limits
    if not origin_allowed(request, config):
        raise _Refusal(403, "origin", text(language, "form.rejected.origin"))
    if (wait := state.limiters.forms_per_ip.hit(ip)) is not None:
        minutes = int(wait // 60) + 1
        raise _Refusal(429, "rate_ip", text(language, "form.rejected.rate", minutes=minutes), wait)
    try:
        raw = await read_form(request, limits)
    except FormTooLarge:
        mb = limits.form_bytes // MB
        raise _Refusal(413, "too_large", text(language, "form.rejected.too_large", mb=mb)) from None
    except FormUnreadable:
        raise _Refusal(400, "unreadable", text(language, "form.rejected.unreadable")) from None
    chosen = raw.fields.get("lang") or request.query.get("lang")
    language = negotiate(request.headers.get("Accept-Language"), chosen)
    if raw.fields.get("website"):
        where = f" ({config.team_address})" if config.team_address else ""
        raise _Refusal(422, "honeypot", text(language, "form.rejected.honeypot", address=where))
    try:
        token = verify(
            state.form_key,
            raw.fields.get("_token", ""),
            now=time.time(),
            max_age=config.form_max_age.total_seconds(),
            min_age=config.form_min_seconds,
        )
    except FormTokenError as exc:
        if exc.problem is TokenProblem.INVALID:
            raise _Refusal(403, "forged_token", text(language, "form.rejected.token")) from None
        event(log, "form.rejected", level=logging.WARNING, reason=exc.problem.value, ip=ip)
        notice = text(language, f"form.notice.{exc.problem.value}")
        return _again(request, state, language, raw.fields, errors={}, notice=notice, status=422)
    values, errors = check_form(raw, limits, language)
    if errors:
        event(log, "form.invalid", fields=sorted(errors), ip=ip)
        chosen_files = raw.uploads or raw.file_problems
        again = text(language, "form.files_again") if chosen_files else None
        return _again(request, state, language, raw.fields, errors=errors, notice=again, status=422)
    email = values.email.lower()
    if (wait := state.limiters.forms_per_address.hit(email)) is not None:
        minutes = int(wait // 60) + 1
        message = text(language, "form.rejected.rate_address", minutes=minutes)
        raise _Refusal(429, "rate_address", message, wait)
    submission = FormSubmission(
        name=values.name,
        email=email,
        subject=values.subject,
        message=values.message,
        language=language,
        nonce=token.nonce,
        attachments=tuple(
            NewAttachment(filename=u.filename, content_type=u.content_type, data=u.data)
            for u in raw.uploads
        ),
    )
    try:
        receipt = await state.run_db(
            submit_form, state.db, submission, policy=state.policy, ack=config.ack
        )
    except ReplayedForm:
        raise _Refusal(409, "replayed", text(language, "form.rejected.replayed")) from None
    if state.feed is not None:
        state.feed.poke()
    event(
        log,
        "form.submitted",
        case=receipt.number,
        appended=receipt.appended,
        attachments=len(raw.uploads),
        ip=ip,
    )
    page = done_page(language, config=config, receipt=receipt, email=email, embed=_embed(request))
    return _html(page)


def _again(
    request: web.Request,
    state: GatewayState,
    language: str,
    fields: dict[str, str],
    *,
    errors: dict[str, str],
    notice: str | None,
    status: int,
) -> web.Response:
    """The form once more, with what the visitor typed, the problems, and a fresh token."""
    page = form_page(
        language,
        config=state.config,
        token=issue(state.form_key, time.time()),
        embed=_embed(request),
        values=fields,
        errors=errors,
        notice=notice,
    )
    return _html(page, status)
