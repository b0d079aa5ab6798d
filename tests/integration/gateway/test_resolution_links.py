"""The "Did this solve your problem?" links, served by a real gateway on each backend."""

import re

import pytest

from omnidesk.core.enums import CaseStatus, EventKind
from omnidesk.core.ids import CaseNumber
from omnidesk.core.resolution_token import LIFETIME, issue
from omnidesk.gateway.server import Gateway
from omnidesk.services.acknowledge import AckSettings
from omnidesk.services.cases import case_detail, change_status
from omnidesk.services.ingest_email import IngestPolicy, ingest_email
from omnidesk.services.resolution import AskSettings, resolution_key, resolve_and_ask
from omnidesk.store.engine import Database
from tests.integration.gateway.conftest import origin_of
from tests.integration.services.test_acknowledgements import mail


def asked_case(db: Database, gateway: Gateway, agent) -> tuple[CaseNumber, str]:
    """A resolved case whose customer was asked; the path of its "no" link."""
    number = ingest_email(db, mail(), source=None, policy=IngestPolicy()).case_number
    settings = AskSettings(public_url=gateway.url, ack=AckSettings())
    resolve_and_ask(db, number, agent=agent, settings=settings)
    body = case_detail(db, number).messages[-1].body_text
    match = re.search(re.escape(gateway.url) + r"(/resolution/[0-9a-f.]+)/no", body)
    assert match is not None
    return number, match.group(1)


async def test_get_only_shows_a_button_and_the_post_reopens(db, gateway, http, anna):
    number, link = asked_case(db, gateway, anna)
    async with http.get(f"{link}/no", headers={"Accept-Language": "de"}) as response:
        assert response.status == 200
        page = await response.text()
        policy = response.headers["Content-Security-Policy"]
    assert "default-src 'none'" in policy
    assert "form-action 'self'" in policy
    assert f"Fall #{number}" in page
    assert '<form method="post"' in page
    assert "Nein, Fall wieder öffnen" in page
    # Looking (a mail scanner prefetching the link) changed nothing.
    assert case_detail(db, number).case.status is CaseStatus.RESOLVED

    async with http.post(f"{link}/no", data={"lang": "de"}, headers=origin_of(gateway)) as response:
        assert response.status == 200
        assert f"Fall #{number} ist wieder offen" in await response.text()
    detail = case_detail(db, number)
    assert detail.case.status is CaseStatus.OPEN
    assert detail.owner is not None
    assert detail.owner.name == "anna"
    assert detail.events[-1].kind is EventKind.REOPENED

    async with http.post(f"{link}/yes", headers=origin_of(gateway)) as response:
        assert response.status == 409
        assert "already told us" in await response.text()


async def test_yes_is_recorded_once(db, gateway, http, anna):
    number, link = asked_case(db, gateway, anna)
    async with http.post(f"{link}/yes", headers=origin_of(gateway)) as response:
        assert response.status == 200
        assert f"case #{number} is solved" in await response.text()
    async with http.get(f"{link}/yes") as response:
        assert response.status == 409
    detail = case_detail(db, number)
    assert detail.case.status is CaseStatus.RESOLVED
    assert [e.kind for e in detail.events].count(EventKind.RESOLUTION_CONFIRMED) == 1


async def test_forged_expired_and_foreign_requests_change_nothing(db, gateway, http, anna):
    number, link = asked_case(db, gateway, anna)
    token = link.rsplit("/", 1)[1]
    case, question, issued, mac = token.split(".")
    forged = f"/resolution/{case}.{int(question) + 1}.{issued}.{mac}/no"
    key = resolution_key(db)
    expired = issue(
        key, case=number, question=int(question), now=int(issued) - LIFETIME.total_seconds() - 5
    )
    for path, status, words in (
        (forged, 403, "not valid"),
        (f"/resolution/{expired}/no", 410, "expired"),
    ):
        for method in ("GET", "POST"):
            async with http.request(method, path, headers=origin_of(gateway)) as response:
                assert response.status == status
                assert words in await response.text()
    async with http.post(f"{link}/no", headers={"Origin": "https://evil.example"}) as response:
        assert response.status == 403
    async with http.get(f"{link}/maybe") as response:
        assert response.status == 404
    assert case_detail(db, number).case.status is CaseStatus.RESOLVED


async def test_a_link_of_an_earlier_resolution_is_refused(db, gateway, http, anna):
    number, link = asked_case(db, gateway, anna)
    change_status(db, number, agent=anna, status=CaseStatus.OPEN)
    change_status(db, number, agent=anna, status=CaseStatus.RESOLVED)
    async with http.post(f"{link}/no", headers=origin_of(gateway)) as response:
        assert response.status == 409
        assert "has changed since" in await response.text()
    assert case_detail(db, number).case.status is CaseStatus.RESOLVED


@pytest.mark.parametrize("answer", ["yes", "no"])
async def test_pages_in_english_by_default(db, gateway, http, anna, answer):
    _, link = asked_case(db, gateway, anna)
    async with http.get(f"{link}/{answer}") as response:
        assert response.status == 200
        page = await response.text()
    assert '<html lang="en"' in page
    assert ("Yes, my problem is solved" if answer == "yes" else "No, reopen my case") in page
