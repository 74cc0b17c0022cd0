"""Round trip, error messages and hostile input for the Markdown exchange format."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings

from blamefree.document import parse_postmortem, render_postmortem
from blamefree.domain import Postmortem
from tests.document.strategies import postmortems

ROUND_TRIP = settings(
    max_examples=150,
    deadline=None,
    derandomize=True,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much],
)


@ROUND_TRIP
@given(postmortems())
def test_render_parse_round_trip_is_lossless_and_stable(pm: Postmortem) -> None:
    text = render_postmortem(pm)
    parsed = parse_postmortem(text)
    assert parsed == pm
    assert render_postmortem(parsed) == text
