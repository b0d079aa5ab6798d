"""Opening an IMAP connection, with every failure turned into a message a person can act on."""

import socket
import ssl
from collections.abc import Iterator
from contextlib import contextmanager, suppress

from imapclient import IMAPClient
from imapclient.exceptions import IMAPClientError, LoginError

from omnidesk.config.mail_accounts import MailAccount, Security
from omnidesk.core.errors import KnownError


class MailServerUnavailable(KnownError):
    """The mail server cannot be reached or broke the connection; retrying later may help."""

    exit_code = 7


class MailLoginFailed(KnownError):
    """The server refused the user name or password; retrying will not help."""

    exit_code = 8


def _where(account: MailAccount) -> str:
    return f"{account.host}:{account.port}"


@contextmanager
def imap_session(account: MailAccount, password: str) -> Iterator[IMAPClient]:
    """A logged-in IMAP client that is logged out (or dropped) when the block ends."""
    client = _connect(account)
    try:
        _login(client, account, password)
        yield client
    except (OSError, IMAPClientError) as exc:
        raise MailServerUnavailable(
            f"mail account {account.name!r}: the connection to {_where(account)} failed: "
            f"{_describe(exc)}"
        ) from exc
    finally:
        try:
            client.logout()
        except (OSError, IMAPClientError):
            # The connection is already broken; just release the socket.
            with suppress(OSError):
                client.shutdown()


def _connect(account: MailAccount) -> IMAPClient:
    try:
        client = IMAPClient(
            account.host,
            port=account.port,
            ssl=account.security is Security.TLS,
            ssl_context=ssl.create_default_context(),
            timeout=account.timeout_seconds,
        )
        if account.security is Security.STARTTLS:
            client.starttls(ssl.create_default_context())
        return client
    except ssl.SSLError as exc:
        raise MailServerUnavailable(
            f"mail account {account.name!r}: TLS with {_where(account)} failed "
            f"({exc.reason or exc}); check 'security' and 'port' (tls = 993, starttls = 143)"
        ) from exc
    except (socket.gaierror, ConnectionRefusedError, TimeoutError, OSError, IMAPClientError) as exc:
        raise MailServerUnavailable(
            f"mail account {account.name!r}: cannot reach {_where(account)}: {_describe(exc)}"
        ) from exc


def _login(client: IMAPClient, account: MailAccount, password: str) -> None:
    try:
        client.login(account.user, password)
    except LoginError:
        raise MailLoginFailed(
            f"mail account {account.name!r}: {account.host} refused the login for "
            f"{account.user!r}; check the user name and password"
        ) from None


def _describe(exc: BaseException) -> str:
    if isinstance(exc, socket.gaierror):
        return "the host name is unknown"
    if isinstance(exc, ConnectionRefusedError):
        return "connection refused (is the server running, is the port right?)"
    if isinstance(exc, TimeoutError | socket.timeout):
        return "no answer (timed out)"
    text = str(exc).strip()
    return text or type(exc).__name__
