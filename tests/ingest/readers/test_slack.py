from __future__ import annotations

import shutil
import zipfile
from pathlib import Path

import pytest

from blamefree.ingest.reader import ReadContext, ReadError, detect_format, open_evidence
from blamefree.ingest.readers.slack import decode_mrkdwn
from tests.ingest._read import FIXTURES, read, rows


def test_export_folder_resolves_users_threads_bots_and_drops_joins() -> None:
    fmt, records = read("incident812/slack")

    assert fmt == "slack"
    assert rows(records) == [
        (
            "2024-05-01T11:57:07.001200Z",
            "slack.incident-812",
            "message",
            "chat.message",
            "alice",
            "Checkout errors spiking, paging @Bob Ops",
        ),
        (
            "2024-05-01T12:02:30.004000Z",
            "slack.incident-812",
            "message",
            "chat.reply",
            "Bob Ops",
            "(thread reply) Looking. Errors started right after the v1.42.0 deploy, see run 5521 "
            "(https://ci.example.com/run/5521)",
        ),
        (
            "2024-05-01T12:03:10.000200Z",
            "slack.incident-812",
            "message",
            "chat.message",
            "alice",
            "DB check used postgres://app:hunter2@db.internal:5432/checkout, connections look fine",
        ),
        (
            "2024-05-01T12:10:50.004000Z",
            "slack.incident-812",
            "message",
            "chat.message",
            "Bob Ops",
            "Rolling back web & api to v1.41 (edited)",
        ),
        (
            "2024-05-01T12:20:50.000100Z",
            "slack.incident-812",
            "message",
            "chat.bot_message",
            "alertmanager",
            "[RESOLVED] HighErrorRate checkout",
        ),
    ]
    assert records[0].key == "slack:C0INC812/1714564627.001200"
    assert records[0].ref == "incident812/slack/incident-812/2024-05-01.json#/1"


def test_export_zip_with_a_top_folder_reads_like_the_folder(tmp_path: Path) -> None:
    archive = tmp_path / "export.zip"
    source = FIXTURES / "incident812" / "slack"
    with zipfile.ZipFile(archive, "w") as handle:
        for file in sorted(source.rglob("*.json")):
            handle.write(file, "Example Slack export/" + file.relative_to(source).as_posix())
    evidence = open_evidence(archive, name="export.zip")

    reader = detect_format(evidence)
    records = list(reader.read(evidence, ReadContext()))

    assert reader.name == "slack"
    assert [r.text for r in records] == [r.text for r in read("incident812/slack")[1]]
    assert records[0].ref == "export.zip/incident-812/2024-05-01.json#/1"


def test_single_day_file_takes_the_channel_from_its_folder(tmp_path: Path) -> None:
    folder = tmp_path / "ops-war-room"
    folder.mkdir()
    shutil.copy(FIXTURES / "incident812/slack/incident-812/2024-05-01.json", folder / "day.json")
    evidence = open_evidence(folder / "day.json", name="day.json")

    records = list(detect_format(evidence).read(evidence, ReadContext()))

    assert {r.source for r in records} == {"slack.ops-war-room"}
    assert records[0].actor == "U01ALICE"


def test_mrkdwn_tokens_are_decoded() -> None:
    text = decode_mrkdwn(
        "<!here> <@U1> see <#C9|incident-9> &amp; <https://x.example|dash> <!subteam^S1|@sre> "
        "&lt;b&gt;",
        {"U1": "Ana"},
    )

    assert text == "@here @Ana see #incident-9 & dash (https://x.example) @sre <b>"


def test_bad_ts_names_message_and_field() -> None:
    with pytest.raises(ReadError) as caught:
        read("slack/bad-ts.json")

    assert str(caught.value) == (
        "slack/bad-ts.json, at /0, field 'ts': 'ts' is 'yesterday', not a Slack timestamp like "
        "'1714564987.001200'; re-export the workspace"
    )


def test_zip_with_top_folder_and_macos_resource_forks_is_read() -> None:
    fmt, records = read("slack/export-macos.zip")

    assert fmt == "slack"
    assert rows(records) == [
        (
            "2024-05-01T12:03:20.000200Z",
            "slack.incident-4521",
            "message",
            "chat.message",
            "Dana Ops",
            "Paging @payments, errors since 12:03",
        ),
        (
            "2024-05-01T12:03:30.000300Z",
            "slack.incident-4521",
            "message",
            "chat.bot_message",
            "PagerDuty",
            "Triggered #4521: Checkout 5xx above 5%",
        ),
        (
            "2024-05-01T12:05:00.000400Z",
            "slack.incident-4521",
            "message",
            "chat.reply",
            "eli",
            "(thread reply) rolling back now (edited)",
        ),
        (
            "2024-05-01T12:10:00.000500Z",
            "slack.incident-4521",
            "message",
            "chat.reply",
            "eli",
            "(thread reply) rollback done",
        ),
    ]
    assert [
        (r.ref, r.key, r.count, r.ended_at.isoformat() if r.ended_at else None) for r in records
    ] == [
        (
            "slack/export-macos.zip/incident-4521/2024-05-01.json#/1",
            "slack:C0INC4521/1714565000.000200",
            1,
            None,
        ),
        (
            "slack/export-macos.zip/incident-4521/2024-05-01.json#/2",
            "slack:C0INC4521/1714565010.000300",
            1,
            None,
        ),
        (
            "slack/export-macos.zip/incident-4521/2024-05-01.json#/3",
            "slack:C0INC4521/1714565100.000400",
            1,
            None,
        ),
        (
            "slack/export-macos.zip/incident-4521/2024-05-01.json#/4",
            "slack:C0INC4521/1714565400.000500",
            1,
            None,
        ),
    ]
