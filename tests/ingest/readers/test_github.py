from __future__ import annotations

import pytest

from blamefree.ingest.normalize import TimeError
from blamefree.ingest.reader import ReadError
from blamefree.ingest.readers.github import git_date
from tests.ingest._read import read, rows


def test_deployment_and_status_events_carry_ref_and_state() -> None:
    fmt, records = read("incident812/github-deployments.jsonl")

    assert fmt == "github"
    assert rows([records[3], records[5]]) == [
        (
            "2024-05-01T11:48:02Z",
            "github.checkout",
            "deploy",
            "deploy.requested",
            "carol",
            "Deploy requested: v1.42.0@3f9c2e1 to production",
        ),
        (
            "2024-05-01T11:52:10Z",
            "github.checkout",
            "deploy",
            "deploy.success",
            "deploy-bot[bot]",
            "Deploy success: v1.42.0@3f9c2e1 to production (Deployed v1.42.0) "
            "https://ci.example.com/run/5521",
        ),
    ]
    assert records[5].match == "v1.42.0"
    assert records[5].key == "github:deployment_status:990001"


def test_git_log_uses_committer_time_in_utc_and_flags_merges() -> None:
    fmt, records = read("github/git-log.txt")

    assert fmt == "git"
    assert rows(records) == [
        (
            "2024-05-01T11:45:10Z",
            "git.git-log",
            "config-change",
            "code.merge",
            "Carol Ops",
            "Merged 3f9c2e1: Merge pull request #77 from example/retry-budget "
            "[HEAD -> main, tag: v1.42.0]",
        ),
        (
            "2024-05-01T23:04:18Z",
            "git.git-log",
            "config-change",
            "code.commit",
            "Dana Dev",
            'Committed 9a1b2c3: Revert "Lower payment gateway timeout"',
        ),
    ]
    assert [r.ref for r in records] == ["github/git-log.txt:1", "github/git-log.txt:2"]


def test_git_log_in_another_format_says_how_to_produce_it() -> None:
    with pytest.raises(ReadError) as caught:
        read("github/bad-git-log.txt")

    assert str(caught.value) == (
        "github/bad-git-log.txt, line 1: a commit has 3 fields, expected 10; produce the file "
        "with git log --pretty=format:'%H%x1f%P%x1f%an%x1f%ae%x1f%aI%x1f%cn%x1f%ce%x1f%cI"
        "%x1f%D%x1f%s%x1e'"
    )


def test_deployment_with_a_bad_time_names_line_pointer_and_field() -> None:
    with pytest.raises(ReadError) as caught:
        read("github/bad-deployment.jsonl")

    assert str(caught.value) == (
        "github/bad-deployment.jsonl, line 2, at /deployment, field 'deployment.created_at': "
        "'yesterday' is not an ISO 8601 / RFC 3339 timestamp"
    )


def _git_rows(relative: str, tz: str | None = None) -> list[tuple[object, ...]]:
    fmt, records = read(relative, tz=tz)
    assert fmt == "git"
    return [(r.at.isoformat(), r.detail, r.actor, r.text, r.ref, r.approximate) for r in records]


def test_git_log_default_layout_with_merge_tags_and_offsets() -> None:
    assert _git_rows("github/git-log-default.txt") == [
        (
            "2024-05-01T12:16:05+00:00",
            "code.merge",
            "Dana Ops",
            "Merged 5d41402: Merge pull request #912 from acme/revert-retries",
            "github/git-log-default.txt:1",
            False,
        ),
        (
            "2024-05-01T12:09:44+00:00",
            "code.commit",
            "Eli Ng",
            'Committed 9f8e7d6: Revert "Retry payment calls three times"',
            "github/git-log-default.txt:10",
            False,
        ),
        (
            "2024-05-01T00:45:00+00:00",
            "code.commit",
            "Carol Kim",
            "Committed 3f9c2e1: Retry payment calls three times [tag: v1.42.0]",
            "github/git-log-default.txt:18",
            False,
        ),
    ]


def test_git_log_fuller_uses_the_commit_date_and_skips_stat_and_diff_lines() -> None:
    assert _git_rows("github/git-log-fuller-iso.txt") == [
        (
            "2024-05-01T12:09:44+00:00",
            "code.commit",
            "Eli Ng",
            'Committed 9f8e7d6: Revert "Retry payment calls three times" '
            "[HEAD -> main, origin/main]",
            "github/git-log-fuller-iso.txt:1",
            False,
        ),
        (
            "2024-05-01T00:45:00+00:00",
            "code.commit",
            "Carol Kim",
            "Committed 3f9c2e1: Retry payment calls three times",
            "github/git-log-fuller-iso.txt:12",
            False,
        ),
    ]


def test_git_log_graph_with_rfc_dates_reads_like_the_plain_log() -> None:
    graph = _git_rows("github/git-log-rfc-graph.txt")

    assert [(at, detail, actor, text) for at, detail, actor, text, _, _ in graph] == [
        (at, detail, actor, text.replace(" [tag: v1.42.0]", ""))
        for at, detail, actor, text, _, _ in _git_rows("github/git-log-default.txt")
    ]
    assert [row[4] for row in graph] == [
        "github/git-log-rfc-graph.txt:1",
        "github/git-log-rfc-graph.txt:8",
        "github/git-log-rfc-graph.txt:14",
    ]


def test_git_log_local_dates_take_tz_and_are_approximate() -> None:
    assert _git_rows("github/git-log-local.txt", tz="Europe/Berlin") == [
        (
            "2024-05-01T10:09:44+00:00",
            "code.commit",
            "Eli Ng",
            'Committed 9f8e7d6: Revert "Retry payment calls three times"',
            "github/git-log-local.txt:1",
            True,
        )
    ]
    with pytest.raises(ReadError) as caught:
        read("github/git-log-local.txt")
    assert str(caught.value) == (
        "github/git-log-local.txt, line 3, field 'Date': 'Wed May 1 12:09:44 2024' has no "
        "timezone (git log --date=local); pass --tz with the zone of the machine that printed "
        "it, or produce the file with git log --date=iso-strict"
    )


def test_git_log_relative_dates_are_refused_with_the_line() -> None:
    with pytest.raises(ReadError) as caught:
        read("github/git-log-relative.txt")

    assert str(caught.value) == (
        "github/git-log-relative.txt, line 3, field 'Date': '3 days ago' is not a date git "
        "prints for --date=default, iso, iso-strict, rfc, raw or unix (relative dates cannot be "
        "placed in time); produce the file with git log --date=iso-strict"
    )


@pytest.mark.parametrize(
    ("printed", "expected"),
    [
        ("Wed May 1 14:16:05 2024 +0200", "2024-05-01T12:16:05+00:00"),
        ("2024-05-01 14:16:05 +0200", "2024-05-01T12:16:05+00:00"),
        ("2024-05-01T14:16:05+02:00", "2024-05-01T12:16:05+00:00"),
        ("Wed, 1 May 2024 14:16:05 +0200", "2024-05-01T12:16:05+00:00"),
        ("1714565765 +0200", "2024-05-01T12:16:05+00:00"),
        ("1714565765", "2024-05-01T12:16:05+00:00"),
        ("Tue Apr 30 17:45:00 2024 -0700", "2024-05-01T00:45:00+00:00"),
    ],
)
def test_every_absolute_git_date_format(printed: str, expected: str) -> None:
    at, assumed = git_date(printed, None)

    assert (at.isoformat(), assumed) == (expected, False)


def test_git_short_dates_have_no_time_of_day() -> None:
    with pytest.raises(TimeError) as caught:
        git_date("2024-05-01", None)

    assert str(caught.value) == (
        "'2024-05-01' has no time of day; produce the file with git log --date=iso-strict"
    )


def test_rest_deployment_list_is_read_without_a_webhook_wrapper() -> None:
    fmt, records = read("github/rest-deployments.json")

    assert fmt == "github"
    assert rows(records) == [
        (
            "2024-05-01T12:16:40Z",
            "github.checkout",
            "deploy",
            "deploy.requested",
            "dana",
            "Deploy requested: v1.41.3@1a2b3c4 to production (Rollback to v1.41.3)",
        ),
        (
            "2024-05-01T11:48:02Z",
            "github.checkout",
            "deploy",
            "deploy.requested",
            "carol",
            "Deploy requested: v1.42.0@3f9c2e1 to production",
        ),
    ]
    assert [(r.ref, r.key, r.match) for r in records] == [
        ("github/rest-deployments.json#/0", "github:deployment:880002", "v1.41.3"),
        ("github/rest-deployments.json#/1", "github:deployment:880001", "v1.42.0"),
    ]


def test_rest_status_list_names_the_deployment_and_shares_the_webhook_key() -> None:
    fmt, records = read("github/rest-statuses.json")

    assert fmt == "github"
    assert rows(records) == [
        (
            "2024-05-01T12:19:02Z",
            "github.checkout",
            "deploy",
            "deploy.success",
            "deploy-bot[bot]",
            "Deploy success: deployment 880002 to production (Rolled back) "
            "https://ci.example.com/run/5530",
        ),
        (
            "2024-05-01T12:17:00Z",
            "github.checkout",
            "deploy",
            "deploy.in_progress",
            "deploy-bot[bot]",
            "Deploy in_progress: deployment 880002 to production",
        ),
    ]
    assert [r.key for r in records] == [
        "github:deployment_status:990012",
        "github:deployment_status:990011",
    ]
