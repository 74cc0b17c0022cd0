from __future__ import annotations

import pytest

from blamefree.ingest.reader import ReadError
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
