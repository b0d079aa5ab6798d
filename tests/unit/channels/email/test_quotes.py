"""The new part of a reply, without quoted history and signature (German and English)."""

import pytest

from omnidesk.channels.email.quotes import new_part


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        pytest.param(
            "Yes please.\n\nOn Mon, 4 Mar 2024 at 10:00, Anna <a@x.com> wrote:\n> Shall we?\n",
            "Yes please.",
            id="on-wrote",
        ),
        pytest.param(
            "Yes.\n\nOn Mon, Mar 4, 2024 at 3:00 PM Support Team <support@example.com>\n"
            "wrote:\n> refund issued\n",
            "Yes.",
            id="on-wrote-wrapped",
        ),
        pytest.param(
            "Hallo,\nja.\n\nAm 04.03.2024 um 10:00 schrieb Support <s@x.de>:\n> Frage\n",
            "Hallo,\nja.",
            id="am-schrieb",
        ),
        pytest.param(
            "Danke!\n\nAm Mo., 4. März 2024 um 10:00 Uhr schrieb Anna Schmidt\n"
            "<a@x.de>:\n> Frage\n",
            "Danke!",
            id="am-schrieb-wrapped",
        ),
        pytest.param(
            "Passt.\n\n-----Original Message-----\nFrom: Support\nSent: Monday\n\nold",
            "Passt.",
            id="original-message",
        ),
        pytest.param(
            "Danke, passt!\n\n-----Ursprüngliche Nachricht-----\nVon: Support <s@x.de>\n"
            "Gesendet: Montag, 4. März 2024 10:00\nAn: Max\nBetreff: AW: x\n\nalt",
            "Danke, passt!",
            id="urspruengliche-nachricht",
        ),
        pytest.param(
            "Thanks!\n\nFrom: Anna Support <a@x.com>\nSent: Monday, March 4, 2024 10:00 AM\n"
            "To: Max\nSubject: RE: x\n\nold text",
            "Thanks!",
            id="from-sent-block",
        ),
        pytest.param(
            "Danke!\n________________________________\nVon: Anna <a@x.de>\n"
            "Gesendet: Montag, 4. März 2024 10:00\nAn: Max\nBetreff: x\n\nalt",
            "Danke!",
            id="von-gesendet-block-after-rule",
        ),
        pytest.param(
            "Thanks!\n\n*From:* Anna <a@x.com>\n*Sent:* Monday\n*To:* Max\n\nold",
            "Thanks!",
            id="bold-outlook-headers-from-html",
        ),
        pytest.param(
            "Mach ich.\n\n-- \nMax Mustermann\nACME GmbH\n",
            "Mach ich.",
            id="signature",
        ),
        pytest.param(
            "Top.\n\n> quoted without attribution\n> more\n",
            "Top.",
            id="trailing-quote-block",
        ),
        pytest.param(
            "On Mon, Anna wrote:\n> question\n\nbottom-posted answer",
            "bottom-posted answer",
            id="bottom-posting",
        ),
        pytest.param(
            "> Do you ship to Austria?\nYes.\n> And to Switzerland?\nNo.\n\n-- \nMax",
            "Yes.\n> And to Switzerland?\nNo.",
            id="interleaved-keeps-inner-quotes",
        ),
        pytest.param(
            "Anna Schmidt schrieb:\n> Frage\n\nAntwort oben? Nein, unten.",
            "Antwort oben? Nein, unten.",
            id="short-attribution",
        ),
        pytest.param("> all quoted\n> nothing new\n", "", id="only-quote"),
        pytest.param(
            "Please send it from: the warehouse.\nFrom: here we go\nnothing else",
            "Please send it from: the warehouse.\nFrom: here we go\nnothing else",
            id="from-in-prose-is-not-a-header-block",
        ),
        pytest.param(
            "Das Paket kam am Montag an.\nAm Dienstag war es weg.",
            "Das Paket kam am Montag an.\nAm Dienstag war es weg.",
            id="am-in-prose-is-not-an-attribution",
        ),
        pytest.param("", "", id="empty"),
    ],
)
def test_new_part(text, expected):
    assert new_part(text) == expected
