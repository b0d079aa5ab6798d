"""The pre-send check, with English and German replies and customer messages."""

import re
from datetime import datetime
from zoneinfo import ZoneInfo

import pytest

from omnidesk.core.enums import CommitmentKind, ReplyMode
from omnidesk.core.ids import AgentId
from omnidesk.core.reply_check import (
    LONG_MESSAGE_WORDS,
    Finding,
    FindingCode,
    ReplyDraft,
    Severity,
    SpanSource,
    check_reply,
    mask_quoted_history,
)

BERLIN = ZoneInfo("Europe/Berlin")
NOW = datetime(2026, 3, 27, 11, 0, tzinfo=BERLIN)  # Friday
ME = AgentId(1)
COLLEAGUE = AgentId(2)

LONG_MESSAGE_EN = (
    "Hello,\n"
    "I ordered a blue chair two weeks ago (order 4711) and it still has not arrived. "
    "When will my order arrive? Also, can I change the delivery address to my office? "
    "My colleague said you might deliver to offices only on Mondays. I really need this "
    "sorted before the move next week, because otherwise nobody will be home to receive "
    "it. Thanks a lot for your help, this has been quite stressful for the whole family.\n"
    "Anna"
)


def check(
    text: str,
    *,
    customer: tuple[str, ...] = (),
    attachments: tuple[str, ...] = (),
    commitment_created: bool = False,
    owner: AgentId | None = ME,
    mode: ReplyMode = ReplyMode.REPLY,
) -> tuple[Finding, ...]:
    draft = ReplyDraft(
        text=text,
        writer_id=ME,
        case_owner_id=owner,
        mode=mode,
        attachment_names=attachments,
        customer_messages=customer,
        commitment_created=commitment_created,
    )
    return check_reply(draft, now=NOW, tz=BERLIN)


def codes(findings: tuple[Finding, ...]) -> list[FindingCode]:
    return [f.code for f in findings]


def only(findings: tuple[Finding, ...], code: FindingCode) -> Finding:
    matching = [f for f in findings if f.code is code]
    assert len(matching) == 1, findings
    return matching[0]


# --- a good reply passes --------------------------------------------------------------------


def test_a_complete_english_reply_has_no_findings() -> None:
    reply = (
        "Hi Anna,\n\n"
        "your order 4711 will arrive on Friday. I have changed the delivery address to your "
        "office, so someone will be there to receive it.\n\n"
        "Best regards,\nTom"
    )
    assert check(reply, customer=(LONG_MESSAGE_EN,)) == ()


def test_a_complete_german_reply_has_no_findings() -> None:
    customer = (
        "Guten Tag,\nwann kommt meine Bestellung 4711? Und kann ich die Lieferadresse noch "
        "ändern?\nViele Grüße\nAnna Müller"
    )
    reply = (
        "Hallo Frau Müller,\n\n"
        "Ihre Bestellung 4711 kommt am Freitag, die Adresse habe ich wie gewünscht geändert.\n\n"
        "Mit freundlichen Grüßen\nTom Schneider"
    )
    assert check(reply, customer=(customer,)) == ()


# --- attachments ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("reply", "word"),
    [
        ("Please find attached the invoice.", "attached"),
        ("I've attached the return label.", "attached"),
        ("The form is enclosed.", "enclosed"),
        ("See attachment for details.", "See attachment"),
        ("Anbei die Rechnung.", "Anbei"),
        ("Die Rechnung finden Sie im Anhang.", "im Anhang"),
        ("Das Formular erhalten Sie in der Anlage.", "in der Anlage"),
        ("Ich habe Ihnen die Rechnung angehängt.", "angehängt"),
        ("Wie Sie im Anhang sehen, ist alles erledigt.", "im Anhang"),
        ("Beigefügt ist das Rücksendeetikett.", "Beigefügt"),
    ],
)
def test_mentioned_attachment_missing(reply: str, word: str) -> None:
    finding = only(check(reply), FindingCode.MISSING_ATTACHMENT)
    assert finding.severity is Severity.WARNING
    assert finding.span is not None
    assert finding.span.source is SpanSource.REPLY
    assert reply[finding.span.start : finding.span.end] == word
    assert word in finding.message_en
    assert word in finding.message_de
    assert finding.excerpt == reply


def test_mentioned_attachment_present() -> None:
    findings = check("Anbei die Rechnung.", attachments=("rechnung-4711.pdf",))
    assert FindingCode.MISSING_ATTACHMENT not in codes(findings)


@pytest.mark.parametrize(
    "reply",
    [
        "Thank you, the photo you attached shows the damage clearly.",
        "Thanks, the file you've attached was enough.",
        "Your attachment did not come through, could you send it again?",
        "Die Datei, die Sie angehängt haben, ist leider beschädigt.",
        "Ihr Anhang ist leider nicht angekommen.",
        "Leider konnte ich Ihren Anhang nicht öffnen.",
    ],
)
def test_the_customers_attachment_is_not_ours(reply: str) -> None:
    assert FindingCode.MISSING_ATTACHMENT not in codes(check(reply))


# --- quoted history -------------------------------------------------------------------------


@pytest.mark.parametrize(
    "reply",
    [
        "Done, thanks for waiting.\n\n> Please find attached my invoice {{ref}}.\n> I'll call you.",
        "Done, thanks for waiting.\n\n"
        "On Mon, 23 Mar 2026 at 10:00, Anna <anna@example.com> wrote:\n"
        "> I attached the invoice [NAME]. I'll call you tomorrow.",
        "Done, thanks for waiting.\n\n"
        "On Mon, 23 Mar 2026 at 10:00, Anna Müller <\nanna.mueller@example.com> wrote:\n"
        "> attached: XXX\n",
        "Erledigt, danke für Ihre Geduld.\n\n"
        "Am 23.03.2026 um 10:00 schrieb Anna Müller <anna@example.com>:\n"
        "Anbei die Rechnung {{nummer}}. Ich melde mich morgen.\n",
        "Erledigt, danke für Ihre Geduld.\n\n"
        "-----Ursprüngliche Nachricht-----\n"
        "Anbei die Rechnung. Ich rufe Sie morgen an.\n",
        "Done, thanks for waiting.\n\n"
        "From: Anna Müller <anna@example.com>\n"
        "Sent: Monday, March 23, 2026 10:00\n"
        "To: support@shop.example\n"
        "Subject: Invoice\n\n"
        "Please find attached the invoice for [ORDER]. I'll send the rest tomorrow.\n",
        "Erledigt, danke für Ihre Geduld.\n\n"
        "Von: Anna Müller <anna@example.com>\n"
        "Gesendet: Montag, 23. März 2026 10:00\n"
        "An: support@shop.example\n\n"
        "Im Anhang die Rechnung. Wir schicken Ihnen morgen den Rest.\n",
    ],
)
def test_quoted_history_never_triggers_findings(reply: str) -> None:
    assert check(reply) == ()


def test_mask_keeps_length_lines_and_inline_answers() -> None:
    text = (
        "On Mon, Anna wrote:\n> When will it arrive?\nOn Friday.\n> And the invoice?\nAttached.\n"
    )
    masked = mask_quoted_history(text)
    assert len(masked) == len(text)
    assert masked.count("\n") == text.count("\n")
    assert [line.strip() for line in masked.splitlines()] == [
        "",
        "",
        "On Friday.",
        "",
        "Attached.",
    ]


def test_inline_answer_below_quote_is_still_checked() -> None:
    reply = "On Mon, Anna wrote:\n> Can you send the invoice?\nAttached, see above.\n"
    assert codes(check(reply)) == [FindingCode.MISSING_ATTACHMENT]


def test_top_posted_history_runs_to_the_end() -> None:
    text = "Thanks!\n\nAm 23.03.2026 schrieb Anna:\nHallo,\nanbei [NAME]\n"
    masked = mask_quoted_history(text)
    assert masked.strip() == "Thanks!"


# --- placeholders ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    "token",
    [
        "{{first_name}}",
        "{{ customer.name }}",
        "[[Kundenname]]",
        "[NAME]",
        "[ORDER NUMBER]",
        "[Name]",
        "[Customer Name]",
        "[Kundenname]",
        "<<Datum>>",
        "%FIRSTNAME%",
        "*|FNAME|*",
        "XXX",
        "TODO",
    ],
)
def test_unfilled_placeholders(token: str) -> None:
    reply = f"Hallo Anna,\n\nIhre Bestellung {token} ist unterwegs.\n\nGrüße\nTom"
    finding = only(check(reply), FindingCode.PLACEHOLDER_LEFT)
    assert finding.severity is Severity.WARNING
    assert finding.span is not None
    assert reply[finding.span.start : finding.span.end] == token
    assert token in finding.message_en
    assert token in finding.message_de


@pytest.mark.parametrize(
    "text",
    [
        "See the manual [1] for details.",
        "[image: logo.png]",
        "Read the [guide](https://example.com/guide) first.",
        "Your case [#1042] is open.",
        "Use {braces} in the template editor.",
        "AT&T and XX-1 and the Xbox are fine.",
        "Ihre Bestellnummer lautet 4711.",
    ],
)
def test_text_that_is_not_a_placeholder(text: str) -> None:
    assert FindingCode.PLACEHOLDER_LEFT not in codes(check(text))


def test_a_repeated_placeholder_is_reported_once() -> None:
    findings = check("Hi {{name}}, thanks {{name}}. [NAME]")
    assert [
        f.span.start for f in findings if f.span and f.code is FindingCode.PLACEHOLDER_LEFT
    ] == [
        3,
        30,
    ]


# --- promises -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("reply", "kind", "due"),
    [
        ("I'll call you back tomorrow at 10.", CommitmentKind.CALLBACK, datetime(2026, 3, 28, 10)),
        (
            "I’ll give you a ring tomorrow morning.",
            CommitmentKind.CALLBACK,
            datetime(2026, 3, 28, 9),
        ),
        (
            "We will send you a replacement by Monday.",
            CommitmentKind.SEND,
            datetime(2026, 3, 30, 17),
        ),
        ("I'll get back to you in 2 hours.", CommitmentKind.FOLLOW_UP, datetime(2026, 3, 27, 13)),
        ("I will check with the warehouse and update you.", CommitmentKind.FOLLOW_UP, None),
        ("I'll reply to you as soon as I hear from them.", CommitmentKind.REPLY, None),
        ("You'll hear from us on Friday.", CommitmentKind.FOLLOW_UP, datetime(2026, 4, 3, 17)),
        (
            "Ich rufe Sie morgen um 10 Uhr zurück.",
            CommitmentKind.CALLBACK,
            datetime(2026, 3, 28, 10),
        ),
        ("Ich werde Sie morgen anrufen.", CommitmentKind.CALLBACK, datetime(2026, 3, 28, 17)),
        (
            "Sie erhalten heute Nachmittag einen Rückruf.",
            CommitmentKind.CALLBACK,
            datetime(2026, 3, 27, 14),
        ),
        ("Ich melde mich bis Freitag.", CommitmentKind.FOLLOW_UP, datetime(2026, 4, 3, 17)),
        (
            "Bis Freitag melde ich mich bei Ihnen.",
            CommitmentKind.FOLLOW_UP,
            datetime(2026, 4, 3, 17),
        ),
        (
            "Ich gebe Ihnen morgen früh Bescheid.",
            CommitmentKind.FOLLOW_UP,
            datetime(2026, 3, 28, 9),
        ),
        ("Wir kümmern uns darum.", CommitmentKind.FOLLOW_UP, None),
        (
            "Wir werden Ihnen die Unterlagen übermorgen zusenden.",
            CommitmentKind.SEND,
            datetime(2026, 3, 29, 17),
        ),
        (
            "Ich schicke Ihnen das Etikett am Montag.",
            CommitmentKind.SEND,
            datetime(2026, 3, 30, 17),
        ),
    ],
)
def test_promise_without_commitment(reply: str, kind: CommitmentKind, due: datetime | None) -> None:
    finding = only(check(reply), FindingCode.PROMISE_WITHOUT_COMMITMENT)
    assert finding.severity is Severity.WARNING
    assert finding.promise is not None
    assert finding.promise.kind is kind
    if due is None:
        assert finding.promise.due_at is None
        assert "no due time is stated" in finding.message_en
        assert "kein Termin" in finding.message_de
    else:
        assert finding.promise.due_at is not None
        assert finding.promise.due_at.astimezone(BERLIN).replace(tzinfo=None) == due
        shown = f"{due:%Y-%m-%d %H:%M}"
        assert shown in finding.message_en
        assert shown in finding.message_de
    assert finding.span is not None
    assert reply[finding.span.start : finding.span.end] == reply.strip()


def test_promise_span_points_into_the_whole_reply() -> None:
    reply = "Hallo Frau Schmidt,\n\nich habe nachgefragt. Ich melde mich morgen.\n\nGrüße\nTom"
    finding = only(check(reply), FindingCode.PROMISE_WITHOUT_COMMITMENT)
    assert finding.span is not None
    assert reply[finding.span.start : finding.span.end] == "Ich melde mich morgen."
    assert finding.promise is not None
    assert finding.promise.due_text == "morgen"


def test_a_created_commitment_silences_the_promise() -> None:
    assert check("I'll call you back tomorrow at 10.", commitment_created=True) == ()


@pytest.mark.parametrize(
    "reply",
    [
        "I called you yesterday but nobody answered.",
        "I will not call you again about this.",
        "I won't be able to call before Monday.",
        "Ich melde mich nicht mehr bei Ihnen, der Fall ist erledigt.",
        "Danke für Ihren Rückruf.",
        "Wir haben Ihnen die Rechnung gestern geschickt.",
    ],
)
def test_statements_that_are_not_promises(reply: str) -> None:
    assert FindingCode.PROMISE_WITHOUT_COMMITMENT not in codes(check(reply))


def test_a_promise_in_the_signature_footer_is_not_this_replys() -> None:
    reply = (
        "Your parcel left today.\n\n-- \nACME Support\n"
        "We will respond to every message within one business day.\n"
    )
    assert check(reply) == ()


def test_sending_now_is_not_a_promise() -> None:
    findings = check("Ich sende Ihnen anbei die Rechnung.", attachments=("rechnung.pdf",))
    assert findings == ()


# --- unanswered questions -------------------------------------------------------------------


def test_unanswered_english_question() -> None:
    reply = "Hi Anna,\n\nyour order 4711 will arrive on Friday, sorry for the wait.\n\nBest,\nTom"
    finding = only(check(reply, customer=(LONG_MESSAGE_EN,)), FindingCode.UNANSWERED_QUESTION)
    assert finding.severity is Severity.NOTICE
    assert finding.span is not None
    assert finding.span.source is SpanSource.CUSTOMER
    assert finding.span.message_index == 0
    asked = LONG_MESSAGE_EN[finding.span.start : finding.span.end]
    assert asked == "Also, can I change the delivery address to my office?"
    assert asked in finding.message_en
    assert asked in finding.message_de


def test_unanswered_german_question() -> None:
    customer = ("Hallo,\nwann kommt meine Lieferung? Kann ich die Lieferadresse ändern?\nGruß",)
    findings = check("Hallo,\nIhre Lieferung kommt am Montag.\nGrüße\nTom", customer=customer)
    finding = only(findings, FindingCode.UNANSWERED_QUESTION)
    assert finding.excerpt == "Kann ich die Lieferadresse ändern?"


def test_german_answer_with_other_word_forms_counts() -> None:
    customer = ("Wann erhalte ich die Rückerstattung für die Rechnungen?",)
    reply = "Die Rückerstattung der Rechnung wurde heute veranlasst."
    assert check(reply, customer=customer) == ()


def test_english_answer_with_other_word_forms_counts() -> None:
    customer = ("Do you ship to Austria? Has my order been refunded?",)
    reply = "Yes, shipping to Austria takes three days, and the refund for your order is done."
    assert check(reply, customer=customer) == ()


def test_questions_in_several_messages_report_which_message() -> None:
    customer = (
        "Hi, is the blue chair in stock?",
        "Sorry, one more thing: what is your returns policy?",
    )
    finding = only(
        check("Yes, the blue chair is in stock.", customer=customer),
        FindingCode.UNANSWERED_QUESTION,
    )
    assert finding.span is not None
    assert finding.span.message_index == 1
    assert (
        customer[1][finding.span.start : finding.span.end]
        == "Sorry, one more thing: what is your returns policy?"
    )


@pytest.mark.parametrize(
    "request_text",
    [
        "Please let me know the tracking number",
        "Bitte teilen Sie mir die Sendungsnummer mit.",
        "Could you send me a copy of the contract",
    ],
)
def test_requests_without_question_mark_count(request_text: str) -> None:
    findings = check("Thank you for your patience, we are on it.", customer=(request_text,))
    assert codes(findings) == [FindingCode.UNANSWERED_QUESTION]


def test_small_talk_questions_are_ignored() -> None:
    assert (
        check("Fine, thanks. Your parcel left today.", customer=("How are you? Wie geht es?",))
        == ()
    )


def test_questions_quoted_by_the_customer_are_ignored() -> None:
    customer = (
        "Here is the number: 4711.\n\n"
        "On Mon, 23 Mar 2026, Support <support@shop.example> wrote:\n"
        "> Could you tell us your order number? Which colour did you order?\n",
    )
    assert check("Thanks, we found order 4711 and it ships today.", customer=customer) == ()


# --- length and emptiness -------------------------------------------------------------------


def test_one_line_reply_to_a_long_message() -> None:
    finding = only(
        check("Hi Anna,\n\nDone.\n\nBest,\nTom", customer=(LONG_MESSAGE_EN,)),
        FindingCode.SHORT_REPLY,
    )
    assert finding.severity is Severity.NOTICE
    assert finding.excerpt == "Done."
    counted = re.search(r"\((\d+) words\)", finding.message_en)
    assert counted is not None
    assert int(counted.group(1)) >= LONG_MESSAGE_WORDS
    assert f"({counted.group(1)} Wörter)" in finding.message_de


def test_one_line_reply_to_a_short_message_is_fine() -> None:
    assert check("Done.", customer=("Please cancel order 4711.",)) == ()


def test_a_reply_of_several_lines_is_not_short() -> None:
    reply = "Hi Anna,\n\nYour order 4711 will arrive on Friday.\nI changed the delivery address.\n"
    assert FindingCode.SHORT_REPLY not in codes(check(reply, customer=(LONG_MESSAGE_EN,)))


@pytest.mark.parametrize(
    "reply",
    [
        "",
        "   \n\n ",
        "Hi Anna,\n\nBest regards,\nTom",
        "Hallo Frau Schmidt,\n\nViele Grüße\nTom Schneider",
        "Hallo,\n\n-- \nTom Schneider\nACME Support",
        "> only quoted text\n> nothing new",
    ],
)
def test_empty_reply(reply: str) -> None:
    finding = only(check(reply), FindingCode.EMPTY_REPLY)
    assert finding.severity is Severity.WARNING


def test_a_thank_you_line_is_not_empty() -> None:
    assert check("Thanks!") == ()
    assert check("Danke.") == ()


# --- ownership and notes --------------------------------------------------------------------


def test_replying_to_someone_elses_case() -> None:
    finding = only(check("Your parcel ships today.", owner=COLLEAGUE), FindingCode.NOT_OWNER)
    assert finding.severity is Severity.WARNING
    assert "on behalf" in finding.message_en
    assert "im Auftrag" in finding.message_de


@pytest.mark.parametrize(
    ("owner", "mode"),
    [
        (COLLEAGUE, ReplyMode.ON_BEHALF),
        (COLLEAGUE, ReplyMode.NOTE),
        (None, ReplyMode.REPLY),
        (ME, ReplyMode.REPLY),
    ],
)
def test_ownership_is_fine(owner: AgentId | None, mode: ReplyMode) -> None:
    assert check("Your parcel ships today.", owner=owner, mode=mode) == ()


def test_internal_note_gets_only_placeholder_and_attachment_checks() -> None:
    note = "Log attached. I'll call her tomorrow. {{todo}}"
    findings = check(
        note,
        customer=(LONG_MESSAGE_EN,),
        owner=COLLEAGUE,
        mode=ReplyMode.NOTE,
    )
    assert codes(findings) == [FindingCode.PLACEHOLDER_LEFT, FindingCode.MISSING_ATTACHMENT]


# --- all together ---------------------------------------------------------------------------


def test_findings_come_in_a_fixed_order_with_both_languages() -> None:
    reply = "Hi {{name}},\n\nattached. I'll call you tomorrow.\n"
    findings = check(reply, customer=(LONG_MESSAGE_EN,), owner=COLLEAGUE)
    assert codes(findings) == [
        FindingCode.NOT_OWNER,
        FindingCode.SHORT_REPLY,
        FindingCode.PLACEHOLDER_LEFT,
        FindingCode.MISSING_ATTACHMENT,
        FindingCode.PROMISE_WITHOUT_COMMITMENT,
        FindingCode.UNANSWERED_QUESTION,
        FindingCode.UNANSWERED_QUESTION,
    ]
    for finding in findings:
        assert finding.message_en
        assert finding.message_de
        assert finding.message_en != finding.message_de
