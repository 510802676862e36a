"""The one error type the core raises: a stable code plus parameters.

The label table (resources/labels.toml, read by desktop.labels) turns the code into
Chinese or English text for the UI, the command line and the reports.
"""

from __future__ import annotations

from typing import Any


class GovDeskError(Exception):
    """A refusal or failure the user can understand; `code` is stable, `params` fill the text."""

    def __init__(self, code: str, **params: Any) -> None:
        super().__init__(code, params)
        self.code = code
        self.params = params

    def __str__(self) -> str:  # for logs; users see desktop.labels.describe(err)
        return f"{self.code} {self.params}" if self.params else self.code


class ConflictError(GovDeskError):
    """Someone else saved the same case first (stale version)."""
