"""Optional compiled ingest modules, and the guard that keeps them honest.

The readers and the merger are the hot path of a big timeline build. `tools/speedups.py
build` (run by `make`) compiles them with mypyc into C extension modules that sit beside
the .py files; CPython's import system prefers such a module to the source of the same
name. That preference is also a trap: after an edit of merge.py, a stale merge.so would
still be imported. So the build writes a manifest with the SHA-256 of every compiled
source, and `install` (run by `blamefree.ingest` before any of these modules is imported)
sends every import of them to the .py files unless the manifest matches the sources
exactly. BLAMEFREE_PURE_PYTHON=1 does the same on purpose (to compare, or to debug with
pure-Python tracebacks). Either way the results are the same; only the speed differs.
"""

from __future__ import annotations

import hashlib
import importlib.abc
import importlib.machinery
import importlib.util
import os
import sys
from collections.abc import Sequence
from pathlib import Path
from types import ModuleType

PACKAGE_DIR = Path(__file__).resolve().parent
GROUP = "blamefree_ingest"
"""Name of the shared mypyc runtime library (`blamefree_ingest__mypyc*.so` in src/)."""
MANIFEST = PACKAGE_DIR / ".speedups.sha256"
"""One `module sha256` line per compiled module, written by a successful build."""
COMPILED_MODULES: tuple[str, ...] = (
    "blamefree.ingest.normalize",
    "blamefree.ingest.reader",
    "blamefree.ingest.merge",
    "blamefree.ingest.keymoments",
    "blamefree.ingest.readers._common",
    "blamefree.ingest.readers.alertmanager",
    "blamefree.ingest.readers.github",
    "blamefree.ingest.readers.jsonlog",
    "blamefree.ingest.readers.kubernetes",
    "blamefree.ingest.readers.manual",
    "blamefree.ingest.readers.opsgenie",
    "blamefree.ingest.readers.pagerduty",
    "blamefree.ingest.readers.slack",
    "blamefree.ingest.readers.statuspage",
    "blamefree.ingest.readers.syslog",
)
PURE_PYTHON_ENV = "BLAMEFREE_PURE_PYTHON"


def source_path(module: str) -> Path:
    """The .py file of one of COMPILED_MODULES."""
    relative = module.removeprefix("blamefree.ingest.").replace(".", "/")
    return PACKAGE_DIR / f"{relative}.py"


def manifest_matches(manifest: Path = MANIFEST) -> bool:
    """True when the manifest names every compiled module with its current source hash."""
    try:
        recorded = dict(
            line.split(" ", 1) for line in manifest.read_text(encoding="utf-8").splitlines()
        )
    except (OSError, ValueError):
        return False
    if set(recorded) != set(COMPILED_MODULES):
        return False
    return all(
        recorded[name] == hashlib.sha256(source_path(name).read_bytes()).hexdigest()
        for name in COMPILED_MODULES
    )


def wanted_by_environment() -> bool:
    """False when BLAMEFREE_PURE_PYTHON asks for the .py files on purpose."""
    return os.environ.get(PURE_PYTHON_ENV, "").strip() in ("", "0")


def wanted() -> bool:
    """Whether the compiled modules may be imported (built, current and not disabled)."""
    return wanted_by_environment() and manifest_matches()


class SourceFinder(importlib.abc.MetaPathFinder):
    """Finds the .py source of the compiled modules, ahead of the default finders."""

    def find_spec(
        self,
        fullname: str,
        path: Sequence[str] | None,
        target: ModuleType | None = None,
    ) -> importlib.machinery.ModuleSpec | None:
        if fullname not in COMPILED_MODULES:
            return None
        return importlib.util.spec_from_file_location(fullname, source_path(fullname))


def install() -> None:
    """Send imports of the compiled modules to their sources unless `wanted()`.

    Must run before any of them is imported (blamefree/ingest/__init__.py calls it).
    """
    if wanted() or any(isinstance(finder, SourceFinder) for finder in sys.meta_path):
        return
    sys.meta_path.insert(0, SourceFinder())


def active() -> bool:
    """True when the compiled modules are the ones in use in this process."""
    from blamefree.ingest import merge

    return not str(merge.__file__).endswith(".py")
