"""Redaction of secrets (always) and personal data (on request) before anything is stored.

Always: AWS access key ids and secret keys, Google API keys, GitHub tokens, Slack tokens and
webhook URLs, bearer tokens, passwords inside URLs, private-key blocks and `password=`-style
assignments. Optional: email addresses and IP addresses. Each match is replaced with
`[REDACTED:<kind>]` and counted, so the import report can say what was removed.
"""

from __future__ import annotations

import ipaddress
import re
from collections import Counter
from dataclasses import dataclass, field

SECRET_PATTERNS: tuple[tuple[str, re.Pattern[str]], ...] = (
    (
        "private-key",
        re.compile(
            r"-----BEGIN [A-Z0-9 ]*PRIVATE KEY-----.*?(?:-----END [A-Z0-9 ]*PRIVATE KEY-----|$)",
            re.DOTALL,
        ),
    ),
    ("aws-access-key", re.compile(r"\b(?:AKIA|ASIA|AIDA|AROA)[0-9A-Z]{16}\b")),
    (
        "aws-secret-key",
        re.compile(
            r"(?i)(?P<keep>aws_secret_access_key[\"']?\s*[=:]\s*)[\"']?[A-Za-z0-9/+=]{40}(?![A-Za-z0-9/+=])"
        ),
    ),
    ("google-api-key", re.compile(r"\bAIza[0-9A-Za-z_-]{35}\b")),
    (
        "github-token",
        re.compile(r"\b(?:gh[pousr]_[A-Za-z0-9]{36,255}|github_pat_[A-Za-z0-9_]{22,255})\b"),
    ),
    ("slack-webhook", re.compile(r"https://hooks\.slack\.com/services/[A-Za-z0-9/_-]+")),
    ("slack-token", re.compile(r"\bxox[abposre]-[A-Za-z0-9-]{10,}")),
    (
        "bearer-token",
        re.compile(r"(?i)(?P<keep>\bbearer\s+)(?!\[REDACTED)[A-Za-z0-9._~+/-]{16,}=*"),
    ),
    ("url-password", re.compile(r"(?P<keep>://[^/\s:@]+:)[^@\s/]+(?=@)")),
    (
        "password",
        re.compile(
            r"(?i)(?P<keep>\b(?:password|passwd|pwd|secret|api_key|apikey|token)\s*[=:]\s*)"
            r"(?!\[REDACTED)[^\s,;&\"']{4,}"
        ),
    ),
)
PRECHECKS: dict[str, tuple[tuple[str, ...], bool]] = {
    "private-key": (("-----BEGIN ",), False),
    "aws-access-key": (("AKIA", "ASIA", "AIDA", "AROA"), False),
    "aws-secret-key": (("aws_secret_access_key",), True),
    "google-api-key": (("AIza",), False),
    "github-token": (("ghp_", "gho_", "ghu_", "ghs_", "ghr_", "github_pat_"), False),
    "slack-webhook": (("https://hooks.slack.com/services/",), False),
    "slack-token": (("xox",), False),
    "bearer-token": (("bearer",), True),
    "url-password": (("://",), False),
    "password": (("password", "passwd", "pwd", "secret", "api_key", "apikey", "token"), True),
}
"""Per secret kind: literals every match contains, and whether to look in the lowercased text
(for case-insensitive patterns). A text with none of them cannot match."""
_CHECKED_PATTERNS = tuple((kind, pattern, *PRECHECKS[kind]) for kind, pattern in SECRET_PATTERNS)
EMAIL = re.compile(r"\b[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}\b")
IPV4 = re.compile(r"\b(?:(?:25[0-5]|2[0-4]\d|1?\d?\d)\.){3}(?:25[0-5]|2[0-4]\d|1?\d?\d)\b")
IPV6_CANDIDATE = re.compile(r"(?<![\w:.])[0-9A-Fa-f]{0,4}(?::[0-9A-Fa-f]{0,4}){2,7}(?![\w:])")


@dataclass
class Redactor:
    """Redacts text and counts what it removed, by kind.

    Attributes:
        emails: also replace email addresses.
        ips: also replace IPv4 and IPv6 addresses.
    """

    emails: bool = False
    ips: bool = False
    counts: Counter[str] = field(default_factory=Counter)

    def redact(self, text: str) -> str:
        """The text with every secret (and, if asked, email/IP) replaced.

        Each pattern runs only when the text holds a literal that every match of it
        contains (`PRECHECKS`), checked on the text as the earlier patterns left it. For
        ASCII text this skips no match; other text (where case-insensitive matching has
        Unicode subtleties) runs every pattern.
        """
        if not text.isascii():
            return self._redact_every_pattern(text)
        lowered = None  # the text lowercased, once for every case-insensitive check
        for kind, pattern, literals, folded in _CHECKED_PATTERNS:
            if folded:
                if lowered is None:
                    lowered = text.lower()
                probe = lowered
            else:
                probe = text
            for literal in literals:
                if literal in probe:
                    text = self._replace(kind, pattern, text)
                    lowered = None
                    break
        if self.emails and "@" in text:
            text = self._replace("email", EMAIL, text)
        if self.ips:
            if "." in text:
                text = self._replace("ip", IPV4, text)
            if ":" in text:
                text = self._replace_ipv6(text)
        return text

    def _redact_every_pattern(self, text: str) -> str:
        for kind, pattern in SECRET_PATTERNS:
            text = self._replace(kind, pattern, text)
        if self.emails:
            text = self._replace("email", EMAIL, text)
        if self.ips:
            text = self._replace("ip", IPV4, text)
            text = self._replace_ipv6(text)
        return text

    def _replace(self, kind: str, pattern: re.Pattern[str], text: str) -> str:
        mark = f"[REDACTED:{kind}]"

        def replace(match: re.Match[str]) -> str:
            keep = match.groupdict().get("keep") or ""
            return keep + mark

        replaced, count = pattern.subn(replace, text)
        if count:
            self.counts[kind] += count
        return replaced

    def _replace_ipv6(self, text: str) -> str:
        """IPv6 candidates that parse as addresses and cannot be clock times (`12:03:07`)."""

        def replace(match: re.Match[str]) -> str:
            value = match.group(0)
            if "::" not in value and value.count(":") != 7:
                return value
            try:
                ipaddress.IPv6Address(value)
            except ValueError:
                return value
            self.counts["ip"] += 1
            return "[REDACTED:ip]"

        return IPV6_CANDIDATE.sub(replace, text)

    def summary(self) -> dict[str, int]:
        """How many of each kind were redacted, sorted by kind."""
        return dict(sorted(self.counts.items()))
