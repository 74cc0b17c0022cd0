from __future__ import annotations

from fastapi.testclient import TestClient

from blamefree.domain import Visibility
from blamefree.store import Store

INCIDENT = "INC-2026-0007"


def test_list_shows_each_incident_with_severity_and_link(client: TestClient) -> None:
    page = client.get("/")
    assert page.status_code == 200
    assert f'href="/incidents/{INCIDENT}"' in page.text
    assert "Search results empty after an index alias swap" in page.text
    assert "SEV2" in page.text
    assert "1 of 2" in page.text  # open action items of all


def test_report_shows_timeline_factors_and_actions(client: TestClient) -> None:
    page = client.get(f"/incidents/{INCIDENT}")
    assert page.status_code == 200
    assert "Reindex job swapped the alias to an empty index" in page.text
    assert "The alias swap did not check the target index" in page.text
    assert "Compare document counts before swapping an alias" in page.text
    assert "Time to detect" in page.text and "8 min" in page.text
    assert "Omar Haddad" in page.text


def test_report_neutralizes_hostile_html(client: TestClient) -> None:
    page = client.get(f"/incidents/{INCIDENT}")
    assert "<script>alert" not in page.text
    assert "<img" not in page.text  # shown as text, never as a tag
    assert "&lt;script&gt;" in page.text
    assert 'href="javascript' not in page.text


def test_markdown_download_is_the_canonical_document(client: TestClient) -> None:
    response = client.get(f"/incidents/{INCIDENT}.md")
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("text/markdown")
    assert response.text.startswith("---\nid: INC-2026-0007\n")


def test_missing_incident_is_a_404_page(client: TestClient) -> None:
    page = client.get("/incidents/INC-NOPE")
    assert page.status_code == 404
    assert "no postmortem for incident" in page.text
    assert "<html" in page.text


def test_restricted_postmortem_is_invisible_to_anonymous_readers(
    client: TestClient, store: Store
) -> None:
    with store.transaction() as uow:
        found = uow.postmortems.get_or_raise(INCIDENT)
        restricted = found.value.model_copy(update={"visibility": Visibility.RESTRICTED})
        uow.postmortems.update(restricted, expected_version=found.version)
    assert client.get(f"/incidents/{INCIDENT}").status_code == 404
    assert INCIDENT not in client.get("/").text
    assert client.get("/api/incidents").json() == []
