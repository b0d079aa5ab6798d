"""Errors the user can act on.

Two kinds of failure exist: a ``KnownError`` is something a person can fix (a wrong
name, a case someone else owns, an unreachable server) and is shown as one clear
message; anything else is a bug and is logged with its traceback.
"""

from omnidesk.core.ids import CaseNumber


class KnownError(Exception):
    """A failure with a message meant for the person who can fix it."""

    exit_code = 1

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message

    def __str__(self) -> str:
        return self.message


class NotFound(KnownError):
    """A case, agent or other record named by the user does not exist."""

    exit_code = 4


class InvalidInput(KnownError):
    """The user's input breaks a rule (empty reason, unknown status, bad date)."""

    exit_code = 2


class RuleViolation(KnownError):
    """The request is well-formed but the domain rules refuse it."""

    exit_code = 5


class OwnedByOther(RuleViolation):
    """The case belongs to another agent."""

    exit_code = 3

    def __init__(self, number: CaseNumber, owner: str, *, hint: str = "") -> None:
        text = f"case #{number} is owned by {owner}"
        super().__init__(f"{text}; {hint}" if hint else text)
        self.number = number
        self.owner = owner


class ConfigError(KnownError):
    """The configuration file or a setting is broken."""

    exit_code = 6


class StorageUnavailable(KnownError):
    """The database cannot be reached or opened."""

    exit_code = 7


class SecretStoreUnavailable(KnownError):
    """No usable OS keyring: secrets cannot be kept safely."""

    exit_code = 8
