"""One reader per evidence format, in the order format detection tries them."""

from __future__ import annotations

from blamefree.ingest.reader import Reader
from blamefree.ingest.readers.alertmanager import AlertmanagerReader, GrafanaReader
from blamefree.ingest.readers.github import GitHubReader, GitLogReader
from blamefree.ingest.readers.jsonlog import JsonLogReader
from blamefree.ingest.readers.kubernetes import KubernetesReader
from blamefree.ingest.readers.manual import CsvReader, MarkdownReader
from blamefree.ingest.readers.opsgenie import OpsgenieReader
from blamefree.ingest.readers.pagerduty import PagerDutyReader
from blamefree.ingest.readers.slack import SlackReader
from blamefree.ingest.readers.statuspage import StatuspageReader
from blamefree.ingest.readers.syslog import SyslogReader

READERS: tuple[Reader, ...] = (
    SlackReader(),
    PagerDutyReader(),
    OpsgenieReader(),
    AlertmanagerReader(),
    GrafanaReader(),
    GitHubReader(),
    KubernetesReader(),
    StatuspageReader(),
    JsonLogReader(),
    GitLogReader(),
    SyslogReader(),
    CsvReader(),
    MarkdownReader(),
)
"""Every reader; detection asks each in turn and takes the first that recognises the input."""

__all__ = ["READERS"]
