"""The compiled ingest modules' guard (see `blamefree.speedups`), under the names the ingest
package and its tests use.

The readers and the merger are the hot path of a big timeline build; `install` (run by
`blamefree.ingest` before any of them is imported) sends every import of them to the .py
files unless the compiled modules were built from exactly these sources.
"""

from __future__ import annotations

from pathlib import Path

from blamefree import speedups as _speedups
from blamefree.speedups import INGEST, wanted_by_environment

PACKAGE_DIR = INGEST.package_dir
GROUP = INGEST.name
"""Name of the shared mypyc runtime library (`blamefree_ingest__mypyc*.so` in src/)."""
MANIFEST = INGEST.manifest
COMPILED_MODULES: tuple[str, ...] = INGEST.modules
PURE_PYTHON_ENV = _speedups.PURE_PYTHON_ENV

__all__ = [
    "COMPILED_MODULES",
    "GROUP",
    "MANIFEST",
    "PACKAGE_DIR",
    "PURE_PYTHON_ENV",
    "SourceFinder",
    "active",
    "install",
    "manifest_matches",
    "source_path",
    "wanted",
    "wanted_by_environment",
]


def source_path(module: str) -> Path:
    """The .py file of one of COMPILED_MODULES."""
    return INGEST.source_path(module)


def manifest_matches(manifest: Path = MANIFEST) -> bool:
    """True when the manifest names every compiled module with its current source hash."""
    return INGEST.manifest_matches(manifest)


def wanted() -> bool:
    """Whether the compiled modules may be imported (built, current and not disabled)."""
    return INGEST.wanted()


class SourceFinder(_speedups.SourceFinder):
    """Finds the .py source of the compiled ingest modules, ahead of the default finders."""

    def __init__(self) -> None:
        super().__init__(INGEST)


def install() -> None:
    """Send imports of the compiled modules to their sources unless `wanted()`."""
    INGEST.install()


def active() -> bool:
    """True when the compiled modules are the ones in use in this process."""
    return INGEST.active()
