"""The error tree and DocumentError messages."""

from __future__ import annotations

import pytest

from blamefree.domain import BlamefreeError, Conflict, DocumentError, InvalidInput, NotFound


def test_hierarchy() -> None:
    assert issubclass(InvalidInput, BlamefreeError)
    assert issubclass(DocumentError, InvalidInput)
    assert issubclass(NotFound, BlamefreeError)
    assert issubclass(Conflict, BlamefreeError)
    assert not issubclass(NotFound, InvalidInput)


def test_document_error_names_file_line_and_reason() -> None:
    error = DocumentError("expected '## Summary'", line=12, source="postmortems/inc-1.md")
    assert str(error) == "postmortems/inc-1.md, line 12: expected '## Summary'"
    assert (error.reason, error.line, error.source) == (
        "expected '## Summary'",
        12,
        "postmortems/inc-1.md",
    )


def test_document_error_without_file_or_line() -> None:
    assert str(DocumentError("empty", line=3)) == "document, line 3: empty"
    assert str(DocumentError("empty")) == "document: empty"
    assert str(DocumentError("empty", source="a.md")) == "a.md: empty"


def test_in_file_keeps_the_line_and_reason() -> None:
    named = DocumentError("bad time", line=7).in_file("inc.md")
    assert isinstance(named, DocumentError)
    assert str(named) == "inc.md, line 7: bad time"


def test_conflict_carries_the_current_version() -> None:
    error = Conflict("postmortem INC-1 changed since version 3", current_version=4)
    assert error.current_version == 4
    assert str(error) == "postmortem INC-1 changed since version 3"
    with pytest.raises(BlamefreeError):
        raise error
