"""The optional compiled ingest modules: the guard against stale binaries, and equivalence."""

from __future__ import annotations

import hashlib
import os
from pathlib import Path

import orjson
import pytest

from blamefree.ingest import speedups
from blamefree.ingest.pipeline import BuildOptions, build
from tests.subprocesses import run_python

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "ingest"


def _manifest(tmp_path: Path, hashes: dict[str, str]) -> Path:
    path = tmp_path / "manifest"
    path.write_text("".join(f"{name} {digest}\n" for name, digest in hashes.items()))
    return path


def _current_hashes() -> dict[str, str]:
    return {
        name: hashlib.sha256(speedups.source_path(name).read_bytes()).hexdigest()
        for name in speedups.COMPILED_MODULES
    }


def test_a_manifest_of_the_current_sources_matches(tmp_path: Path) -> None:
    assert speedups.manifest_matches(_manifest(tmp_path, _current_hashes()))


def test_one_edited_source_makes_the_whole_build_unusable(tmp_path: Path) -> None:
    hashes = _current_hashes()
    hashes["blamefree.ingest.merge"] = "0" * 64

    assert not speedups.manifest_matches(_manifest(tmp_path, hashes))


def test_a_manifest_missing_a_module_or_naming_an_extra_one_does_not_match(
    tmp_path: Path,
) -> None:
    hashes = _current_hashes()
    missing = {k: v for k, v in hashes.items() if k != "blamefree.ingest.reader"}
    extra = {**hashes, "blamefree.ingest.pipeline": "0" * 64}

    assert not speedups.manifest_matches(_manifest(tmp_path, missing))
    assert not speedups.manifest_matches(_manifest(tmp_path, extra))


def test_no_manifest_or_a_garbled_one_means_pure_python(tmp_path: Path) -> None:
    garbled = tmp_path / "garbled"
    garbled.write_bytes(b"\xff\xfe not a manifest")

    assert not speedups.manifest_matches(tmp_path / "absent")
    assert not speedups.manifest_matches(garbled)


def test_every_compiled_module_has_its_source_and_file_streams_stay_interpreted() -> None:
    # streams.py holds the generators that own open files: CPython closes an abandoned
    # generator (and its file) at once, a compiled one would not.
    assert all(speedups.source_path(name).is_file() for name in speedups.COMPILED_MODULES)
    assert "blamefree.ingest.streams" not in speedups.COMPILED_MODULES
    assert "blamefree.ingest.speedups" not in speedups.COMPILED_MODULES


def test_the_source_finder_answers_only_for_compiled_modules() -> None:
    finder = speedups.SourceFinder()

    spec = finder.find_spec("blamefree.ingest.merge", None)

    assert spec is not None and spec.origin == str(speedups.source_path("blamefree.ingest.merge"))
    assert finder.find_spec("blamefree.ingest.pipeline", None) is None
    assert finder.find_spec("json", None) is None


def test_the_pure_python_switch_loads_every_module_from_its_source() -> None:
    code = (
        "import importlib\n"
        "from blamefree.ingest import speedups\n"
        "for name in speedups.COMPILED_MODULES:\n"
        "    print(importlib.import_module(name).__file__)\n"
    )

    files = run_python(code, BLAMEFREE_PURE_PYTHON="1").split()

    assert files == [str(speedups.source_path(n)) for n in speedups.COMPILED_MODULES]


def _build_json() -> str:
    result = build(sorted((FIXTURES / "incident812").iterdir()), BuildOptions())
    return orjson.dumps(
        {
            "events": [event.model_dump(mode="json") for event in result.events],
            "moments": [moment.model_dump(mode="json") for moment in result.key_moments],
            "files": [(f.name, f.format, f.records) for f in result.files],
            "stats": [
                getattr(result.stats, name)
                for name in ("records", "duplicates", "correlated", "collapsed", "trimmed")
            ],
        }
    ).decode()


def test_compiled_and_pure_python_builds_are_identical() -> None:
    code = f"import sys; sys.path.insert(0, {str(Path(__file__).parents[2])!r})\n" + (
        "from tests.ingest.test_speedups import _build_json\nprint(_build_json())"
    )

    pure = run_python(code, BLAMEFREE_PURE_PYTHON="1").strip()

    assert pure == _build_json()
    assert '"kind":"deploy"' in pure


@pytest.mark.skipif(
    os.environ.get("BLAMEFREE_REQUIRE_COMPILED") != "1" or not speedups.wanted_by_environment(),
    reason="compiled modules are optional (CI sets BLAMEFREE_REQUIRE_COMPILED=1) and are "
    "switched off on purpose under BLAMEFREE_PURE_PYTHON=1",
)
def test_compiled_modules_are_in_use_when_required() -> None:
    assert speedups.active(), "run `make speedups` (tools/speedups.py build) and check its output"
