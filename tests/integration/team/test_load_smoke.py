"""The team load benchmark's machinery, run briefly and small: its audit must pass.

The full run is ``tests/benchmarks/bench_team_load.py``; this keeps it working.
"""

import pytest

from tests.benchmarks.team_load import LoadOptions, Servers, run_load
from tests.servers.dovecot import ImapAccount
from tests.servers.smtp import SmtpServer

pytestmark = [pytest.mark.postgres, pytest.mark.imap, pytest.mark.timeout(180)]

SMALL = LoadOptions(
    seconds=6,
    agents=4,
    visitors=5,
    mails_per_minute=300,
    think_seconds=0.5,
    # Usually drained at once; but a mail that lands just before the IMAP worker re-enters
    # IDLE has been seen to wait for the IDLE timeout (60 s in the benchmark's pacing), so
    # the wait outlasts it rather than fail on timing.
    drain_seconds=75,
)


async def test_load_run_audits_clean(
    pg_url: str, imap_account: ImapAccount, smtp_server: SmtpServer
) -> None:
    result = await run_load(Servers(pg_url, imap_account, smtp_server), SMALL)

    audit = result["audit"]
    assert audit["passed"], audit
    assert audit["inbound_appended"] == 30  # 300 a minute for 6 s
    assert audit["inbound_stored_once"] == 30
    # Agents worked and replies went out: the audit is not passing vacuously.
    throughput = result["throughput"]
    assert throughput["agent_replies"] > 0
    assert audit["outbox_rows"] > 0
    assert audit["chat_lines"] > 0
    assert result["latency_ms"]["claim"]["n"] > 0
    assert result["latency_ms"]["search"]["n"] > 0
    assert result["error_total"] == 0, result["errors"]
