from __future__ import annotations

import pytest

from blamefree.ingest.reader import ReadError
from tests.ingest._read import read, rows


def test_updates_use_display_time_and_list_component_changes() -> None:
    fmt, records = read("incident812/statuspage.json")

    assert fmt == "statuspage"
    assert rows(records) == [
        (
            "2024-05-01T12:30:00Z",
            "statuspage",
            "status-update",
            "comms.resolved",
            "status page",
            "Status page resolved (Elevated checkout errors): Checkout is working normally again. "
            "[Checkout: partial_outage → operational]",
        ),
        (
            "2024-05-01T12:12:03.120000Z",
            "statuspage",
            "status-update",
            "comms.identified",
            "status page",
            "Status page identified (Elevated checkout errors): We have identified "
            "elevated checkout errors and are rolling back a change.",
        ),
        (
            "2024-05-01T12:05:03.120000Z",
            "statuspage",
            "status-update",
            "comms.investigating",
            "status page",
            "Status page investigating (Elevated checkout errors): We are looking "
            "into failed checkouts. [Checkout: operational → partial_outage]",
        ),
    ]


def test_update_with_bad_time_names_update_and_field() -> None:
    with pytest.raises(ReadError) as caught:
        read("statuspage/bad.json")

    assert str(caught.value) == (
        "statuspage/bad.json, at /incident/incident_updates/0, field 'created_at': "
        "'not a time' is not an ISO 8601 / RFC 3339 timestamp"
    )


def test_public_status_api_incidents_list_is_read() -> None:
    fmt, records = read("statuspage/public-incidents.json")

    assert fmt == "statuspage"
    assert rows(records) == [
        (
            "2024-05-01T12:44:00Z",
            "statuspage",
            "status-update",
            "comms.resolved",
            "status page",
            "Status page resolved (Elevated checkout errors): Checkout is working normally. "
            "[Checkout: partial_outage → operational]",
        ),
        (
            "2024-05-01T12:10:08.123000Z",
            "statuspage",
            "status-update",
            "comms.investigating",
            "status page",
            "Status page investigating (Elevated checkout errors): "
            "We are looking into errors at checkout.",
        ),
    ]
    assert [
        (r.ref, r.key, r.count, r.ended_at.isoformat() if r.ended_at else None) for r in records
    ] == [
        (
            "statuspage/public-incidents.json#/incidents/0/incident_updates/0",
            "statuspage:upd3",
            1,
            None,
        ),
        (
            "statuspage/public-incidents.json#/incidents/0/incident_updates/1",
            "statuspage:upd1",
            1,
            None,
        ),
    ]


def test_webhook_incident_and_component_payloads_are_read() -> None:
    fmt, records = read("statuspage/webhooks.jsonl")

    assert fmt == "statuspage"
    assert rows(records) == [
        (
            "2024-05-01T12:10:08.123000Z",
            "statuspage",
            "status-update",
            "comms.investigating",
            "status page",
            "Status page investigating (Elevated checkout errors): "
            "We are looking into errors at checkout.",
        ),
        (
            "2024-05-01T12:11:00Z",
            "statuspage",
            "status-update",
            "comms.component",
            "status page",
            "Status page component Checkout: operational → partial_outage",
        ),
    ]
    assert [
        (r.ref, r.key, r.count, r.ended_at.isoformat() if r.ended_at else None) for r in records
    ] == [
        ("statuspage/webhooks.jsonl:1#/incident/incident_updates/0", "statuspage:upd1", 1, None),
        (
            "statuspage/webhooks.jsonl:2#/component_update",
            "statuspage:component_update:cu1",
            1,
            None,
        ),
    ]
