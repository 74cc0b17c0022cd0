"""The error tree shared by every Blamefree package.

Each error says what happened, where, and what to do next, in plain, blameless words.

    BlamefreeError
    ├── InvalidInput          bad data from a person or a file (CLI exit 2, HTTP 422)
    │   └── DocumentError     a postmortem Markdown file that cannot be read (names the line)
    ├── NotFound              an incident or postmortem that does not exist (HTTP 404)
    └── Conflict              a save based on a version that has moved on (HTTP 409)
"""

from __future__ import annotations


class BlamefreeError(Exception):
    """Root of every error Blamefree raises on purpose."""


class InvalidInput(BlamefreeError):
    """Input that cannot be accepted as it is; the message says which field and why."""


class DocumentError(InvalidInput):
    """A postmortem document that cannot be parsed; carries the file and line."""

    def __init__(self, reason: str, *, line: int | None = None, source: str | None = None) -> None:
        self.reason = reason
        self.line = line
        self.source = source
        super().__init__(self._describe())

    def _describe(self) -> str:
        where = self.source or "document"
        if self.line is not None:
            where = f"{where}, line {self.line}"
        return f"{where}: {self.reason}"

    def in_file(self, source: str) -> DocumentError:
        """Return the same error, now naming the file it came from."""
        return DocumentError(self.reason, line=self.line, source=source)


class NotFound(BlamefreeError):
    """Something asked for by id does not exist."""


class Conflict(BlamefreeError):
    """A write was based on a stale version; carries the version that is current now."""

    def __init__(self, message: str, *, current_version: int) -> None:
        self.current_version = current_version
        super().__init__(message)
