"""What became of each row: created, updated, unchanged, or rejected with a reason to read."""

from __future__ import annotations

import enum
from collections.abc import Iterator
from dataclasses import asdict, dataclass, field
from typing import Any

from django.core.exceptions import ValidationError


class Outcome(enum.StrEnum):
    CREATED = "created"
    UPDATED = "updated"
    UNCHANGED = "unchanged"


class RowRejected(Exception):
    """A row that cannot be imported; `reason` is shown to the person running the import."""

    def __init__(self, reason: str, field: str | None = None):
        super().__init__(reason)
        self.reason = reason
        self.field = field

    @classmethod
    def from_validation_error(cls, error: ValidationError) -> RowRejected:
        if not hasattr(error, "error_dict"):
            return cls(" ".join(error.messages))
        details = {
            name: " ".join(errors_text(e) for e in errors)
            for name, errors in error.error_dict.items()
        }
        reason = "; ".join(
            text if name == "__all__" else f"{name}: {text}" for name, text in details.items()
        )
        return cls(reason, field=next((name for name in details if name != "__all__"), None))


@dataclass
class Rejection:
    line: int
    reason: str
    source_id: str | None = None
    field: str | None = None


@dataclass
class ImportReport:
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    rejected: list[Rejection] = field(default_factory=list)
    dry_run: bool = False

    def count(self, outcome: Outcome) -> None:
        setattr(self, outcome.value, getattr(self, outcome.value) + 1)

    @property
    def counts(self) -> dict[str, int]:
        return {
            "created": self.created,
            "updated": self.updated,
            "unchanged": self.unchanged,
            "rejected": len(self.rejected),
        }

    def as_dict(self) -> dict:
        return {
            "dry_run": self.dry_run,
            "counts": self.counts,
            "rejected": [asdict(rejection) for rejection in self.rejected],
        }


def errors_text(error: ValidationError) -> str:
    """Flatten a (block) validation error into one line, naming the sub-fields at fault."""
    as_json = getattr(error, "as_json_data", None)
    if as_json is None:
        return " ".join(error.messages)
    return "; ".join(_flatten_block_errors(as_json())) or " ".join(error.messages)


def _flatten_block_errors(data: Any, path: str = "") -> Iterator[str]:
    if isinstance(data, list):
        for item in data:
            yield from _flatten_block_errors(item, path)
        return
    if not isinstance(data, dict):
        return
    for message in data.get("messages", []):
        yield f"{path}: {message}" if path else message
    children = data.get("blockErrors", {})
    items = children.items() if isinstance(children, dict) else enumerate(children)
    for key, child in items:
        if child is not None:
            yield from _flatten_block_errors(child, f"{path}.{key}" if path else str(key))


def unexpected(error: Exception) -> str:
    return f"unexpected error: {type(error).__name__}: {error}"
