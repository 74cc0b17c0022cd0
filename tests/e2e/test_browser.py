"""The first floor of the web app, as a person sees it in a real browser."""

from __future__ import annotations

from typing import Any

import pytest

pytestmark = [pytest.mark.e2e, pytest.mark.xdist_group("browser")]


def test_list_links_to_a_report_with_timeline_and_actions(browser: Any, server_url: str) -> None:
    page = browser.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.on("dialog", lambda dialog: errors.append(f"dialog opened: {dialog.message}"))
    page.goto(server_url + "/")
    assert page.title() == "Incidents · Blamefree"
    page.get_by_role("link", name="Search results empty after an index alias swap").click()
    page.wait_for_url("**/incidents/INC-2026-0007")
    assert page.get_by_role("heading", level=1).inner_text() == (
        "Search results empty after an index alias swap"
    )
    rows = page.locator("table.timeline tbody tr")
    assert rows.count() == 5
    assert "Reindex job swapped the alias" in rows.nth(0).inner_text()
    actions = page.locator("table.actions tbody tr")
    assert actions.count() == 2
    assert "Lea Novak" in actions.nth(0).inner_text()
    # Hostile HTML in the document stays text: no script ran, no image tag exists.
    assert page.locator("#summary img").count() == 0
    assert "<script>" in page.locator("#summary").inner_text()
    assert errors == []
    page.close()


def test_report_layout_is_readable_on_a_phone(browser: Any, server_url: str) -> None:
    page = browser.new_page(viewport={"width": 390, "height": 844})
    page.goto(server_url + "/incidents/INC-2026-0007")
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= 390 + 1, "the report scrolls sideways on a phone-sized screen"
    page.close()
