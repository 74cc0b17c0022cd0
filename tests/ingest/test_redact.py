from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from blamefree.ingest.redact import Redactor

SECRETS = [
    ("key AKIAIOSFODNN7EXAMPLE here", "key [REDACTED:aws-access-key] here", "aws-access-key"),
    (
        "aws_secret_access_key = wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY",
        "aws_secret_access_key = [REDACTED:aws-secret-key]",
        "aws-secret-key",
    ),
    ("token ghp_" + "a1" * 18, "token [REDACTED:github-token]", "github-token"),
    ("xoxb-123456789012-abcdefABCDEF", "[REDACTED:slack-token]", "slack-token"),
    (
        "hook https://hooks.slack.com/services/T000/B000/XXXX",
        "hook [REDACTED:slack-webhook]",
        "slack-webhook",
    ),
    (
        "Authorization: Bearer eyJhbGciOiJIUzI1NiJ9.e30.abc",
        "Authorization: Bearer [REDACTED:bearer-token]",
        "bearer-token",
    ),
    (
        "postgres://app:hunter2@db:5432/x",
        "postgres://app:[REDACTED:url-password]@db:5432/x",
        "url-password",
    ),
    (
        "-----BEGIN RSA PRIVATE KEY----- MIIE abc -----END RSA PRIVATE KEY----- done",
        "[REDACTED:private-key] done",
        "private-key",
    ),
    ("login password=correct-horse", "login password=[REDACTED:password]", "password"),
    ("AIzaSyA-" + "b" * 31 + " maps", "[REDACTED:google-api-key] maps", "google-api-key"),
]


@pytest.mark.parametrize(("text", "expected", "kind"), SECRETS)
def test_secrets_are_always_redacted_and_counted(text: str, expected: str, kind: str) -> None:
    redactor = Redactor()

    assert redactor.redact(text) == expected
    assert redactor.summary() == {kind: 1}


def test_emails_and_ips_only_on_request() -> None:
    text = "bob@example.com logged in from 10.1.2.3 and fe80::1:2:3:4"

    assert Redactor().redact(text) == text
    redactor = Redactor(emails=True, ips=True)
    assert redactor.redact(text) == (
        "[REDACTED:email] logged in from [REDACTED:ip] and [REDACTED:ip]"
    )
    assert redactor.summary() == {"email": 1, "ip": 2}


def test_ordinary_text_is_left_alone() -> None:
    text = "Rolled back v1.42.0 at 12:14:03 (11:02:03:04); error rate 5.2% (see https://grafana.example.com/d/x)"
    redactor = Redactor(emails=True, ips=True)

    assert redactor.redact(text) == text
    assert redactor.summary() == {}


_FRAGMENTS = [
    "AKIA",
    "ASIAABCDEFGHIJKLMNOP",
    "AKIAABCDEFGHIJKLMNOP",
    "aws_secret_access_key=",
    "AWS_SECRET_ACCESS_KEY: ",
    "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY",
    "AIzaSyA1234567890abcdefghijklmnopqrstu",
    "ghp_",
    "abcdefghijklmnopqrstuvwxyz0123456789",
    "github_pat_",
    "https://hooks.slack.com/services/T0/B0/x",
    "xoxb-",
    "1234567890-abc",
    "Bearer ",
    "BEARER ",
    "eyJhbGciOiJIUzI1NiJ9.payload",
    "postgres://",
    "user:",
    "hunter22@db",
    "Password=",
    "PWD: ",
    "token=",
    "Token:",
    "s3cretvalue",
    "-----BEGIN RSA PRIVATE KEY-----",
    "MIIEow",
    "-----END RSA PRIVATE KEY-----",
    "bob@example.com",
    "10.0.0.1",
    "fe80::1",
    "2001:db8::8a2e:370:7334",
    "12:03:07",
    " ",
    "\n",
    ",",
    "ſ",
    "İ",
    "\u212a",
    "é",
]


@settings(max_examples=500, deadline=None)
@given(
    text=st.lists(st.sampled_from(_FRAGMENTS), max_size=12).map("".join),
    emails=st.booleans(),
    ips=st.booleans(),
)
def test_the_literal_precheck_changes_nothing(text: str, emails: bool, ips: bool) -> None:
    checked = Redactor(emails=emails, ips=ips)
    every = Redactor(emails=emails, ips=ips)

    assert checked.redact(text) == every._redact_every_pattern(text)
    assert checked.summary() == every.summary()
