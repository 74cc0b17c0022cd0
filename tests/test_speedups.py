"""The compiled-module groups: what each compiles, the stale-build guard, and equivalence.

The ingest group has its own tests (tests/ingest/test_speedups.py); these cover what every
group shares and the linter's group.
"""

from __future__ import annotations

import importlib
import os
from pathlib import Path

import orjson
import pytest

from blamefree import speedups
from blamefree.speedups import GROUPS, LINT, CompiledGroup, SourceFinder
from tests.subprocesses import run_python

ROOT = Path(__file__).resolve().parents[1]


def _manifest(tmp_path: Path, hashes: dict[str, str]) -> Path:
    path = tmp_path / "manifest"
    path.write_text("".join(f"{name} {digest}\n" for name, digest in hashes.items()))
    return path


@pytest.mark.parametrize("group", GROUPS, ids=lambda group: group.package)
def test_every_compiled_module_has_its_source_in_its_package(group: CompiledGroup) -> None:
    assert all(group.source_path(name).is_file() for name in group.modules)
    assert all(name.startswith(group.package + ".") for name in group.modules)
    assert group.manifest.parent == group.package_dir
    assert group.name == group.package.replace(".", "_")


@pytest.mark.parametrize("group", GROUPS, ids=lambda group: group.package)
def test_a_manifest_matches_only_the_current_sources_of_every_module(
    group: CompiledGroup, tmp_path: Path
) -> None:
    current = group.source_hashes()
    edited = {**current, group.modules[-1]: "0" * 64}
    missing = {k: v for k, v in current.items() if k != group.modules[0]}

    assert group.manifest_matches(_manifest(tmp_path, current))
    assert not group.manifest_matches(_manifest(tmp_path, edited))
    assert not group.manifest_matches(_manifest(tmp_path, missing))
    assert not group.manifest_matches(tmp_path / "absent")


def _rule_docs() -> str:
    from blamefree.lint import all_rules

    return orjson.dumps({rule.code: rule.doc for rule in all_rules()}).decode()


def test_rule_docstrings_document_the_rules_compiled_or_not() -> None:
    # A compiled function has no docstring; `lint.rule` reads it from the .py source, so
    # docs/rules.md and `blamefree lint --rules-doc` say the same either way.
    code = "from tests.test_speedups import _rule_docs\nprint(_rule_docs())"

    pure = run_python(code, BLAMEFREE_PURE_PYTHON="1").strip()

    assert pure == _rule_docs()
    assert all("Bad:" in doc and "Good:" in doc for doc in orjson.loads(pure).values())


def test_the_source_finder_answers_only_for_its_group() -> None:
    finder = SourceFinder(LINT)

    spec = finder.find_spec("blamefree.lint._document", None)

    assert spec is not None
    assert spec.origin == str(LINT.source_path("blamefree.lint._document"))
    assert finder.find_spec("blamefree.lint.config", None) is None
    assert finder.find_spec("blamefree.ingest.merge", None) is None


def test_the_pure_python_switch_loads_every_lint_module_from_its_source() -> None:
    code = (
        "import importlib, blamefree.lint\n"
        "from blamefree.speedups import LINT\n"
        "for name in LINT.modules:\n"
        "    print(importlib.import_module(name).__file__)\n"
    )

    files = run_python(code, BLAMEFREE_PURE_PYTHON="1").split()

    assert files == [str(LINT.source_path(name)) for name in LINT.modules]


def _examples() -> list[str]:
    texts = [path.read_text(encoding="utf-8") for path in sorted(ROOT.glob("examples/*.md"))]
    return [
        *texts,
        "Dave ran the wrong migration. We should have known the certificate would expire.",
        "---\ntitle: [unclosed\n---\n## Summary\nŁukasz “cleaned up” the roles — again.\n",
    ]


def _lint_json() -> str:
    from dataclasses import asdict
    from datetime import date

    from blamefree.lint import lint_text

    findings = [
        [asdict(finding) for finding in lint_text(text, today=date(2026, 1, 20))]
        for text in _examples()
    ]
    return orjson.dumps(findings).decode()


def test_compiled_and_pure_python_lint_find_the_same() -> None:
    code = "from tests.test_speedups import _lint_json\nprint(_lint_json())"

    pure = run_python(code, BLAMEFREE_PURE_PYTHON="1").strip()

    assert pure == _lint_json()
    assert '"code":"BL001"' in pure


@pytest.mark.skipif(
    os.environ.get("BLAMEFREE_REQUIRE_COMPILED") != "1" or not speedups.wanted_by_environment(),
    reason="compiled modules are optional (CI sets BLAMEFREE_REQUIRE_COMPILED=1) and are "
    "switched off on purpose under BLAMEFREE_PURE_PYTHON=1",
)
@pytest.mark.parametrize("group", GROUPS, ids=lambda group: group.package)
def test_compiled_modules_are_in_use_when_required(group: CompiledGroup) -> None:
    importlib.import_module(group.package)

    assert group.active(), "run `make speedups` (tools/speedups.py build) and check its output"
