"""The shipped examples showcase the format: they parse and render back byte for byte."""

from __future__ import annotations

from pathlib import Path

import pytest

from blamefree.document import parse_postmortem, render_postmortem
from blamefree.domain.action_item import ActionType
from blamefree.domain.incident import Severity

EXAMPLES = sorted((Path(__file__).resolve().parents[2] / "examples").glob("*.md"))


def test_at_least_two_examples_ship() -> None:
    assert len(EXAMPLES) >= 2


@pytest.mark.parametrize("path", EXAMPLES, ids=lambda p: p.name)
def test_example_renders_back_byte_for_byte(path: Path) -> None:
    text = path.read_text(encoding="utf-8")
    assert render_postmortem(parse_postmortem(text, source=str(path))) == text


def test_sev1_deploy_outage_is_complete() -> None:
    sev1 = [
        pm
        for pm in (parse_postmortem(p.read_text(encoding="utf-8")) for p in EXAMPLES)
        if pm.incident.severity is Severity.SEV1
    ]
    assert sev1, "a SEV1 example is expected"
    pm = sev1[0]
    assert len(pm.timeline) >= 30
    assert len(pm.factors) == 3
    assert all(len(f.whys) >= 2 for f in pm.factors)
    assert len(pm.action_items) == 4
    assert {item.type for item in pm.action_items} == set(ActionType)
    assert any(event.kind.value == "deploy" for event in pm.timeline)


def test_a_near_miss_example_ships() -> None:
    near_misses = [
        p for p in EXAMPLES if parse_postmortem(p.read_text(encoding="utf-8")).incident.near_miss
    ]
    assert near_misses
