"""Field-level validation of the contact form, with messages in the visitor's language."""

from dataclasses import dataclass

from omnidesk.gateway.config import MB, Limits
from omnidesk.gateway.form_parse import RawForm
from omnidesk.gateway.i18n import text
from omnidesk.gateway.validation import clean_email, clean_line, clean_text


@dataclass(frozen=True, slots=True)
class FormValues:
    name: str
    email: str
    subject: str
    message: str


def check_form(raw: RawForm, limits: Limits, language: str) -> tuple[FormValues, dict[str, str]]:
    """The cleaned values and, per field, what is wrong (empty when nothing is)."""
    get = raw.fields.get
    values = FormValues(
        name=clean_line(get("name", "")),
        email=get("email", "").strip(),
        subject=clean_line(get("subject", "")),
        message=clean_text(get("message", "")),
    )
    errors: dict[str, str] = {}
    for key, value, limit in (
        ("name", values.name, limits.field_chars),
        ("subject", values.subject, limits.field_chars),
        ("message", values.message, limits.form_chars),
    ):
        if not value:
            errors[key] = text(language, f"form.error.{key}_required")
        elif len(value) > limit:
            errors[key] = text(language, "form.error.too_long", max=limit)
    if not values.email:
        errors["email"] = text(language, "form.error.email_required")
    elif clean_email(values.email) is None:
        errors["email"] = text(language, "form.error.email_invalid")
    file_errors = [
        text(
            language,
            f"form.error.file_{problem}",
            name=name,
            mb=limits.attachment_bytes // MB,
            count=limits.attachments,
        )
        for name, problem in raw.file_problems
    ]
    if file_errors:
        errors["attachments"] = " ".join(file_errors)
    return values, errors
