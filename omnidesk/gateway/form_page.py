"""The contact form's pages: the form (with field errors), the confirmation, and refusals."""

from collections.abc import Mapping

from omnidesk.gateway.config import MB, GatewayConfig
from omnidesk.gateway.form_parse import ACCEPT
from omnidesk.gateway.i18n import text
from omnidesk.gateway.templates import Markup, escape, render
from omnidesk.services.acknowledge import response_time
from omnidesk.services.web_form import FormReceipt

FIELDS = ("name", "email", "subject", "message", "attachments")


def _common(language: str, embed: bool) -> dict[str, object]:
    return {
        "lang": language,
        "page_class": "embedded" if embed else "standalone",
        "query": f"?lang={language}&embed=1" if embed else f"?lang={language}",
    }


def form_page(
    language: str,
    *,
    config: GatewayConfig,
    token: str,
    embed: bool,
    values: Mapping[str, str] | None = None,
    errors: Mapping[str, str] | None = None,
    notice: str | None = None,
) -> str:
    values = values or {}
    errors = errors or {}
    limits = config.limits
    fill: dict[str, object] = {
        **_common(language, embed),
        "title": text(language, "form.title"),
        "intro": text(language, "form.intro"),
        "token": token,
        "accept": ACCEPT,
        "max_field": limits.field_chars,
        "max_message": limits.form_chars,
        "send": text(language, "form.send"),
        "privacy": text(language, "form.privacy"),
        "label_website": text(language, "form.website"),
        "attachments_hint": text(
            language,
            "form.attachments_hint",
            count=limits.attachments,
            mb=limits.attachment_bytes // MB,
        ),
        "notice": _notice(notice),
        "summary": _summary(language, errors),
    }
    for key in FIELDS:
        fill[f"label_{key}"] = text(language, f"form.{key}")
        fill[key] = values.get(key, "")
        error = errors.get(key)
        fill[f"{key}_aria"] = (
            Markup(f' aria-invalid="true" aria-describedby="{key}-error"') if error else ""
        )
        fill[f"{key}_error"] = (
            Markup(f'<p class="error" id="{key}-error">{escape(error)}</p>') if error else ""
        )
        fill[f"{key}_class"] = "invalid" if error else ""
    return render("templates/form.html", fill)


def _notice(notice: str | None) -> Markup:
    if not notice:
        return Markup("")
    return Markup(f'<p class="notice" role="status">{escape(notice)}</p>')


def _summary(language: str, errors: Mapping[str, str]) -> Markup:
    if not errors:
        return Markup("")
    items = "".join(
        f'<li><a href="#{key}">{escape(errors[key])}</a></li>' for key in FIELDS if key in errors
    )
    heading = escape(text(language, "form.summary"))
    return Markup(
        f'<div class="summary" id="summary" role="alert" tabindex="-1">'
        f"<h2>{heading}</h2><ul>{items}</ul></div>"
    )


def done_page(
    language: str, *, config: GatewayConfig, receipt: FormReceipt, email: str, embed: bool
) -> str:
    key = "form.done.appended" if receipt.appended else "form.done.case"
    return render(
        "templates/done.html",
        {
            **_common(language, embed),
            "title": text(language, "form.done.title"),
            "case_line": text(language, key, case=receipt.number),
            "case": receipt.number,
            "ack_line": text(language, "form.done.ack", email=email),
            "response_line": text(
                language,
                "form.done.response",
                time=response_time(config.expected_response_hours, language),
            ),
            "again": text(language, "form.done.again"),
        },
    )


def message_page(language: str, *, title: str, message: str, embed: bool) -> str:
    return render(
        "templates/message.html",
        {
            **_common(language, embed),
            "title": title,
            "message": message,
            "back": text(language, "form.back"),
        },
    )
