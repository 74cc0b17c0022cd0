"""Optional compiled modules (mypyc), and the guard that keeps them honest.

Two hot paths run as C extension modules when `tools/speedups.py build` (run by `make`)
could compile them: the timeline engine's readers and merger, and the linter's document
model, word index and sentence analysis. mypyc compiles the same strictly typed .py files;
CPython's import system then prefers the compiled module to the source of the same name.

That preference is also a trap: after an edit of merge.py, a stale merge.so would still be
imported. So the build writes one manifest per group with the SHA-256 of every compiled
source, and each package calls `install` for its group before importing any of its compiled
modules: every import of them goes to the .py files unless the manifest matches the sources
exactly. BLAMEFREE_PURE_PYTHON=1 does the same on purpose (to compare, or to debug with
pure-Python tracebacks). Either way the results are the same; only the speed differs.

This module imports nothing from Blamefree, so any package may use it.
"""

from __future__ import annotations

import hashlib
import importlib.abc
import importlib.machinery
import importlib.util
import os
import sys
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from types import ModuleType

PURE_PYTHON_ENV = "BLAMEFREE_PURE_PYTHON"
_ROOT = Path(__file__).resolve().parent


@dataclass(frozen=True)
class CompiledGroup:
    """The modules of one package that are compiled together (one shared runtime library).

    A group is used whole or not at all: one edited source sends every module of the group
    back to its .py file, since compiled modules of one group call each other directly.
    """

    package: str
    """The package holding the modules, e.g. "blamefree.ingest"."""
    modules: tuple[str, ...]
    """Dotted names of the compiled modules, all inside `package`."""

    @property
    def name(self) -> str:
        """Name of the shared mypyc runtime library (`<name>__mypyc*.so` in src/)."""
        return self.package.replace(".", "_")

    @property
    def package_dir(self) -> Path:
        return _ROOT.joinpath(*self.package.split(".")[1:])

    @property
    def manifest(self) -> Path:
        """One `module sha256` line per compiled module, written by a successful build."""
        return self.package_dir / ".speedups.sha256"

    def source_path(self, module: str) -> Path:
        """The .py file of one of `modules`."""
        relative = module.removeprefix(self.package + ".").replace(".", "/")
        return self.package_dir / f"{relative}.py"

    def source_hashes(self) -> dict[str, str]:
        """SHA-256 of every module's current source."""
        return {
            name: hashlib.sha256(self.source_path(name).read_bytes()).hexdigest()
            for name in self.modules
        }

    def manifest_matches(self, manifest: Path | None = None) -> bool:
        """True when the manifest names every compiled module with its current source hash."""
        try:
            text = (manifest or self.manifest).read_text(encoding="utf-8")
            recorded = dict(line.split(" ", 1) for line in text.splitlines())
        except (OSError, ValueError):
            return False
        return recorded == self.source_hashes()

    def wanted(self) -> bool:
        """Whether the compiled modules may be imported (built, current and not disabled)."""
        return wanted_by_environment() and self.manifest_matches()

    def install(self) -> None:
        """Send imports of the group's modules to their sources unless `wanted()`.

        Must run before any of them is imported (the package's __init__ calls it).
        """
        if self.wanted() or any(
            isinstance(finder, SourceFinder) and finder.group == self for finder in sys.meta_path
        ):
            return
        sys.meta_path.insert(0, SourceFinder(self))

    def active(self) -> bool:
        """True when the compiled modules are the ones in use in this process."""
        module = importlib.import_module(self.modules[0])
        return not str(module.__file__).endswith(".py")


class SourceFinder(importlib.abc.MetaPathFinder):
    """Finds the .py source of a group's compiled modules, ahead of the default finders."""

    def __init__(self, group: CompiledGroup) -> None:
        self.group = group

    def find_spec(
        self,
        fullname: str,
        path: Sequence[str] | None,
        target: ModuleType | None = None,
    ) -> importlib.machinery.ModuleSpec | None:
        if fullname not in self.group.modules:
            return None
        return importlib.util.spec_from_file_location(fullname, self.group.source_path(fullname))


def wanted_by_environment() -> bool:
    """False when BLAMEFREE_PURE_PYTHON asks for the .py files on purpose."""
    return os.environ.get(PURE_PYTHON_ENV, "").strip() in ("", "0")


INGEST = CompiledGroup(
    "blamefree.ingest",
    (
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
    ),
)
"""The readers, the merger and key moments: the per-line path of a big timeline build.
(`ingest.streams` owns open files in generators and stays interpreted: CPython closes an
abandoned generator, and its file, at once; a compiled one leaves it to the collector.)"""

LINT = CompiledGroup(
    "blamefree.lint",
    (
        "blamefree.lint._document",
        "blamefree.lint._names",
        "blamefree.lint._people",
        "blamefree.lint._tone",
        "blamefree.lint.engine",
        "blamefree.lint.rules._text",
        "blamefree.lint.rules._fault",
        "blamefree.lint.rules._judged",
        "blamefree.lint.rules.action_items",
        "blamefree.lint.rules.blame",
        "blamefree.lint.rules.completeness",
        "blamefree.lint.rules.hindsight",
        "blamefree.lint.rules.root_cause",
        "blamefree.lint.rules.tone",
    ),
)
"""The document model, names, word index, sentence analysis, the tone check's reading and
scoring, the rules and the engine. (A compiled function has no docstring: `lint.rule` reads
each rule's docstring, its documentation, from the .py source beside the compiled module.)"""

GROUPS: tuple[CompiledGroup, ...] = (INGEST, LINT)
