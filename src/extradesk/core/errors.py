"""One hierarchy of domain errors; each carries a message id and parameters, never French text."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any


@dataclass(frozen=True)
class Problem:
    """One thing wrong with some input: which field, which message, with what parameters."""

    field: str | None
    message_id: str
    params: dict[str, Any] = field(default_factory=dict)


class ExtradeskError(Exception):
    """Base of every error the user may see; i18n.messages turns it into French."""

    def __init__(self, message_id: str, **params: Any) -> None:
        super().__init__(message_id)
        self.message_id = message_id
        self.params = params

    def __str__(self) -> str:  # useful in logs and tests, never shown to a user
        return f"{self.message_id} {self.params}" if self.params else self.message_id


class ValidationError(ExtradeskError):
    """Input refused; `problems` lists every problem found, not only the first."""

    def __init__(self, problems: list[Problem]) -> None:
        super().__init__("validation.failed", count=len(problems))
        self.problems = list(problems)


class NotFoundError(ExtradeskError):
    pass


class StateError(ExtradeskError):
    """The action is not allowed in the record's current state."""


class ConflictError(ExtradeskError):
    """Someone else changed the record, or the action would break uniqueness."""


class StorageError(ExtradeskError):
    """The database or a file could not be read or written."""


class ExternalServiceError(ExtradeskError):
    """A server (CalDAV, SMTP, SMS gateway) failed; `retryable` says whether to try later."""

    def __init__(self, message_id: str, *, retryable: bool, **params: Any) -> None:
        super().__init__(message_id, **params)
        self.retryable = retryable


def raise_if(problems: list[Problem]) -> None:
    if problems:
        raise ValidationError(problems)
