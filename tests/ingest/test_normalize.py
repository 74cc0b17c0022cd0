from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given
from hypothesis import strategies as st

from blamefree.ingest import normalize as normalize_module
from blamefree.ingest.normalize import (
    TimeError,
    epoch_to_utc,
    infer_year,
    one_line,
    parse_time,
    source_name,
)

BERLIN = ZoneInfo("Europe/Berlin")


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (1714564987, "2024-05-01T12:03:07+00:00"),
        (1714564987001, "2024-05-01T12:03:07.001000+00:00"),
        (1714564987001200, "2024-05-01T12:03:07.001200+00:00"),
        (1714564987001200300, "2024-05-01T12:03:07.001200+00:00"),
        ("1714564987.001200", "2024-05-01T12:03:07.001200+00:00"),
        (1714564931.4021, "2024-05-01T12:02:11.402100+00:00"),
    ],
)
def test_epoch_units_are_told_apart_by_digits(value: int | float | str, expected: str) -> None:
    assert epoch_to_utc(value).isoformat() == expected


@pytest.mark.parametrize("value", [17145649, 171456498700, 1714564987001.5])
def test_ambiguous_epochs_are_refused(value: int | float) -> None:
    with pytest.raises(TimeError):
        epoch_to_utc(value)


def test_zero_time_and_null_are_absent() -> None:
    assert parse_time("0001-01-01T00:00:00Z", None) == (None, False)
    assert parse_time(None, None) == (None, False)
    assert parse_time("", None) == (None, False)


def test_offsets_and_nanoseconds_become_utc() -> None:
    at, assumed = parse_time("2024-05-01T14:03:07.123456789+02:00", None)

    assert (at, assumed) == (datetime(2024, 5, 1, 12, 3, 7, 123456, tzinfo=UTC), False)
    assert parse_time("2024-05-01T12:03:07.000+0000", None)[0] == datetime(
        2024, 5, 1, 12, 3, 7, tzinfo=UTC
    )


def test_naive_time_without_tz_asks_for_tz() -> None:
    with pytest.raises(TimeError, match="has no timezone; pass --tz"):
        parse_time("2024-05-01T12:03:07", None)


def test_dst_gap_and_fold_in_a_zone() -> None:
    before_gap, assumed = parse_time("2024-03-31T01:30:00", BERLIN)
    after_gap, _ = parse_time("2024-03-31T03:30:00", BERLIN)
    ambiguous, _ = parse_time("2024-10-27T02:30:00", BERLIN)

    assert assumed is True
    assert before_gap == datetime(2024, 3, 31, 0, 30, tzinfo=UTC)
    assert after_gap == datetime(2024, 3, 31, 1, 30, tzinfo=UTC)
    assert ambiguous == datetime(2024, 10, 27, 0, 30, tzinfo=UTC)


def test_year_inference_handles_new_year_both_ways() -> None:
    january = datetime(2025, 1, 1, 0, 30, tzinfo=UTC)
    december = datetime(2024, 12, 31, 23, 0, tzinfo=UTC)

    assert infer_year(12, 31, (23, 59, 0), january, UTC).year == 2024
    assert infer_year(1, 1, (0, 5, 0), december, UTC).year == 2025
    assert infer_year(2, 29, (12, 0, 0), datetime(2025, 1, 5, tzinfo=UTC), UTC).year == 2024


def test_source_names_are_sanitised_and_bounded() -> None:
    assert source_name("slack", "Incident 42 / Checkout") == "slack.incident-42-checkout"
    assert source_name("k8s", None) == "k8s"
    assert source_name("log", "x" * 80) == "log." + "x" * 36
    assert one_line("  a\n\tb  ") == "a b"
    assert len(one_line("y" * 5000)) == 4000


@given(
    st.integers(min_value=1_000_000_000, max_value=2**31 - 1),
    st.integers(min_value=0, max_value=999_999),
)
def test_fast_epoch_paths_agree_with_reading_the_digits(seconds: int, micros: int) -> None:
    as_text = f"{seconds}.{micros:06d}"
    millis = seconds * 1000 + micros // 1000

    assert epoch_to_utc(float(as_text)) == epoch_to_utc(as_text)
    assert epoch_to_utc(millis) == epoch_to_utc(str(millis))


@given(st.integers(min_value=1_000_000_000_000, max_value=9_999_999_999_999))
def test_every_millisecond_epoch_agrees_with_reading_the_digits(millis: int) -> None:
    expected = datetime(1970, 1, 1, tzinfo=UTC) + timedelta(milliseconds=millis)

    assert epoch_to_utc(millis) == epoch_to_utc(str(millis)) == expected


@pytest.mark.parametrize("millis", [2**31 * 1000 - 1, 2**31 * 1000, 1_714_521_600_999])
def test_millisecond_epochs_at_the_edge_of_the_float_path(millis: int) -> None:
    expected = datetime(1970, 1, 1, tzinfo=UTC) + timedelta(milliseconds=millis)

    assert epoch_to_utc(millis) == expected


@given(
    st.one_of(
        st.datetimes(min_value=datetime(1, 1, 2), max_value=datetime(9999, 12, 30)).map(
            lambda at: at.isoformat() + "Z"
        ),
        st.lists(
            st.sampled_from(
                [" ", "Z", "z", "0001-01-01", "2024-05-01", "T", "12:00:00", ".5", "+01:00", "1"]
            ),
            max_size=5,
        ).map("".join),
    )
)
def test_the_utc_fast_path_of_parse_time_agrees_with_the_full_path(value: str) -> None:
    def outcome(parse: Callable[[object, None], object]) -> object:
        try:
            return parse(value, None)
        except TimeError as err:
            return str(err)

    assert outcome(parse_time) == outcome(normalize_module._parse_time)


@given(
    st.lists(
        st.sampled_from(["a", " ", "  ", "\t", "\n", "\r", "\x0b", "\x1c", "\xa0", "é", "x" * 50]),
        max_size=120,
    ).map("".join)
)
def test_one_line_fast_path_agrees_with_collapsing_whitespace(text: str) -> None:
    expected = " ".join(text.split())
    if len(expected) > 4000:
        expected = expected[:3999] + "…"

    assert one_line(text) == expected
