"""Blamefree ingest: evidence files in, one merged incident timeline out.

`speedups.install()` runs first, before any reader or the merger is imported, so that a
compiled module built from other sources is never used (see `blamefree.ingest.speedups`).
"""

from blamefree.ingest import speedups as _speedups

_speedups.install()
