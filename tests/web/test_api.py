from __future__ import annotations

from fastapi.testclient import TestClient

INCIDENT = "INC-2026-0007"


def test_list_and_get_return_the_version(client: TestClient) -> None:
    listed = client.get("/api/incidents").json()
    assert [(item["id"], item["version"]) for item in listed] == [(INCIDENT, 1)]
    body = client.get(f"/api/incidents/{INCIDENT}").json()
    assert body["version"] == 1
    assert body["postmortem"]["incident"]["severity"] == "SEV2"


def test_put_with_a_stale_version_is_a_409_carrying_the_current_version(
    client: TestClient,
) -> None:
    markdown = client.get(f"/incidents/{INCIDENT}.md").text
    edited = markdown.replace("Search returned empty results", "Search returned no results")
    first = client.put(
        f"/api/incidents/{INCIDENT}", content=edited, headers={"If-Match": "1",
        "Content-Type": "text/markdown"},
    )  # fmt: skip
    assert first.status_code == 200 and first.json()["version"] == 2
    second = client.put(
        f"/api/incidents/{INCIDENT}", content=markdown, headers={"If-Match": "1",
        "Content-Type": "text/markdown"},
    )  # fmt: skip
    assert second.status_code == 409
    error = second.json()["error"]
    assert error["code"] == "conflict"
    assert error["details"] == {"current_version": 2}


def test_error_shape_is_pinned(client: TestClient) -> None:
    response = client.get("/api/incidents/INC-NOPE")
    assert response.status_code == 404
    assert response.json() == {
        "error": {
            "code": "not_found",
            "message": "no postmortem for incident 'INC-NOPE'; `blamefree list` shows the ids",
            "details": {},
        }
    }


def test_post_of_a_broken_document_names_the_line(client: TestClient) -> None:
    response = client.post(
        "/api/incidents",
        content="---\nid: X\ntitle: T\nseverity: SEV9\n---\n",
        headers={"Content-Type": "text/markdown"},
    )
    assert response.status_code == 422
    message = response.json()["error"]["message"]
    assert message.startswith("request body, line 4: severity")


def test_openapi_document_is_served(client: TestClient) -> None:
    spec = client.get("/api/openapi.json").json()
    assert "/api/incidents/{incident_id}" in spec["paths"]
