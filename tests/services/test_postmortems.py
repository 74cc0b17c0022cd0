"""Import, export, scaffold and save: the use cases the CLI and the web share."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

import pytest

from blamefree.document import parse_postmortem, render_postmortem
from blamefree.domain import Conflict, DocumentError, FixedClock, InvalidInput, NotFound
from blamefree.services import postmortems as svc
from blamefree.services.demo import examples_folder, seed_examples
from blamefree.store import Store, open_store

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"
SEV1 = EXAMPLES / "2025-03-18-checkout-index-lock.md"
NEAR_MISS = EXAMPLES / "2025-06-02-webhook-certificate-near-miss.md"
NOW = datetime(2026, 11, 23, 9, 0, tzinfo=UTC)


@pytest.fixture
def store(db_url: str) -> Iterator[Store]:
    store = open_store(db_url, clock=FixedClock(NOW))
    store.migrate()
    yield store
    store.dispose()


def stored_ids(store: Store) -> list[str]:
    return sorted(summary.incident_id for summary in svc.list_postmortems(store))


def copy_with(tmp_path: Path, source: Path, old: str, new: str, name: str) -> Path:
    text = source.read_text(encoding="utf-8")
    assert old in text
    target = tmp_path / name
    target.write_text(text.replace(old, new, 1), encoding="utf-8")
    return target


def test_import_then_export_is_byte_for_byte(store: Store) -> None:
    results = svc.import_documents(store, [SEV1, NEAR_MISS])

    assert [(r.incident_id, r.version, r.action) for r in results] == [
        ("INC-20250318-1", 1, "created"),
        ("INC-20250602-1", 1, "created"),
    ]
    assert svc.export_document(store, "INC-20250318-1") == SEV1.read_text(encoding="utf-8")
    assert svc.export_document(store, "INC-20250602-1") == NEAR_MISS.read_text(encoding="utf-8")


def test_one_broken_file_stores_nothing(store: Store, tmp_path: Path) -> None:
    broken = copy_with(tmp_path, NEAR_MISS, "severity: SEV3", "severity: SEV9", "broken.md")

    with pytest.raises(DocumentError) as caught:
        svc.import_documents(store, [SEV1, broken])

    assert str(caught.value).startswith(f"{broken}, line 4: ")
    assert stored_ids(store) == []


def test_reimport_is_unchanged_and_different_content_needs_replace(
    store: Store, tmp_path: Path
) -> None:
    svc.import_documents(store, [SEV1])
    assert [r.action for r in svc.import_documents(store, [SEV1])] == ["unchanged"]

    edited = copy_with(tmp_path, SEV1, "status: published", "status: in review", "edited.md")
    with pytest.raises(InvalidInput, match="already exists with different content; use --replace"):
        svc.import_documents(store, [edited])

    [result] = svc.import_documents(store, [edited], replace=True)
    assert (result.action, result.version) == ("updated", 2)
    assert svc.get_postmortem(store, "INC-20250318-1").value.status.value == "in review"


def test_two_files_with_one_id_are_refused_before_anything_is_written(
    store: Store, tmp_path: Path
) -> None:
    twin = copy_with(tmp_path, SEV1, "status: published", "status: draft", "twin.md")

    with pytest.raises(InvalidInput, match=r"incident id INC-20250318-1 is also used by"):
        svc.import_documents(store, [SEV1, twin])
    assert stored_ids(store) == []


def test_read_document_refuses_missing_huge_and_non_utf8_files(tmp_path: Path) -> None:
    with pytest.raises(InvalidInput, match="cannot be read"):
        svc.read_document(tmp_path / "missing.md")

    huge = tmp_path / "huge.md"
    huge.write_bytes(b"x" * (svc.MAX_DOCUMENT_BYTES + 1))
    with pytest.raises(InvalidInput, match="too large for a postmortem"):
        svc.read_document(huge)

    latin1 = tmp_path / "latin1.md"
    latin1.write_bytes("---\ntitle: Caf\xe9\n".encode("latin-1"))
    with pytest.raises(InvalidInput, match=r"latin1.md, line 2: byte 14 is not UTF-8"):
        svc.read_document(latin1)


def test_scaffold_parses_and_keeps_prompts_out_of_the_report() -> None:
    text = svc.scaffold_document(
        title="Checkout errors after deploy", severity="P1", incident_id="INC-20261123-1"
    )

    pm = parse_postmortem(text)
    assert (pm.id, pm.incident.severity.value) == ("INC-20261123-1", "SEV1")
    assert "<!-- Numbers: duration" in text
    assert "<!--" not in svc.strip_comments(text)


def test_scaffold_with_an_unknown_severity_is_one_clear_error() -> None:
    with pytest.raises(InvalidInput, match="SEV7"):
        svc.scaffold_document(title="x", severity="SEV7", incident_id="INC-1")


def test_next_incident_id_takes_the_first_free_number_of_the_day() -> None:
    taken = {"INC-20261123-1", "INC-20261123-2", "INC-20261122-3"}
    assert svc.next_incident_id(NOW, taken) == "INC-20261123-3"


def test_save_markdown_with_a_stale_version_is_a_conflict(store: Store) -> None:
    svc.import_documents(store, [NEAR_MISS])
    current = svc.get_postmortem(store, "INC-20250602-1")
    edited = render_postmortem(current.value).replace("Status: draft", "Status: approved")

    saved = svc.save_markdown(store, "INC-20250602-1", edited, expected_version=1, actor="ana")
    assert saved.version == 2

    with pytest.raises(Conflict) as caught:
        svc.save_markdown(store, "INC-20250602-1", edited, expected_version=1, actor="bo")
    assert caught.value.current_version == 2


def test_save_markdown_refuses_a_document_sent_to_another_id(store: Store) -> None:
    svc.import_documents(store, [NEAR_MISS])
    text = NEAR_MISS.read_text(encoding="utf-8")

    with pytest.raises(InvalidInput, match="id is INC-20250602-1 but it was sent to INC-9"):
        svc.save_markdown(store, "INC-9", text, expected_version=1, actor="ana")


def test_unknown_incident_is_not_found(store: Store) -> None:
    with pytest.raises(NotFound):
        svc.export_document(store, "INC-404")


def test_seed_loads_examples_once_and_never_overwrites_edits(store: Store) -> None:
    assert examples_folder() == EXAMPLES
    assert seed_examples(store) == ["INC-20250318-1", "INC-20250602-1"]

    edited = NEAR_MISS.read_text(encoding="utf-8").replace("Status: draft", "Status: approved")
    svc.save_markdown(store, "INC-20250602-1", edited, expected_version=1, actor="ana")

    assert seed_examples(store) == []
    assert svc.get_postmortem(store, "INC-20250602-1").version == 2
