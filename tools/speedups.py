"""Build, check or remove the compiled ingest modules (optional speedups).

Usage: .venv/bin/python tools/speedups.py build|status|clean

The timeline engine's readers and merger are plain, strictly typed Python. mypyc (shipped
with mypy) compiles the same source files to C extension modules that CPython loads in place
of the .py files: the build of a big incident takes about a third less CPU. Nothing else
changes: the .py files stay the source of truth, and `blamefree.ingest` falls back to them
when the compiled modules are missing, were built from other sources, or
BLAMEFREE_PURE_PYTHON=1 is set (see `blamefree.ingest.speedups`).

`build` compiles in place (src/blamefree/ingest/**.so plus one shared runtime library in
src/) and writes a manifest with the SHA-256 of every compiled source, so an edited source
is never shadowed by a stale binary. It needs a C compiler and Python's headers; without
them it says so and exits 1, and Blamefree keeps working in pure Python.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SRC = ROOT / "src"
sys.path.insert(0, str(SRC))

from blamefree.ingest.speedups import (  # noqa: E402  (needs src on the path first)
    COMPILED_MODULES,
    GROUP,
    MANIFEST,
    active,
    source_path,
)


def build() -> int:
    """Compile every module of COMPILED_MODULES in place; 0 on success, 1 otherwise."""
    try:
        from mypyc.build import mypycify
        from setuptools import setup
    except ImportError as err:
        print(
            f"speedups: cannot build ({err}); install mypy and setuptools (pip install "
            "'.[speedups]'). Blamefree works without them, only slower on big imports."
        )
        return 1
    if not _compiler_available():
        print("speedups: no C compiler found (cc/gcc); Blamefree stays pure Python.")
        return 1
    clean(quiet=True)
    sources = [str(source_path(name).relative_to(ROOT)) for name in COMPILED_MODULES]
    previous = Path.cwd()
    os.chdir(ROOT)
    try:
        with tempfile.TemporaryDirectory(prefix="blamefree-speedups-") as scratch:
            modules = mypycify(
                sources, opt_level="3", group_name=GROUP, target_dir=scratch, multi_file=True
            )
            # setuptools reads the pyproject.toml of its working folder: build from scratch.
            os.chdir(scratch)
            setup(
                name="blamefree-speedups",
                package_dir={"": str(SRC)},
                ext_modules=modules,
                script_args=[
                    "-q",
                    "build_ext",
                    "--inplace",
                    "--build-temp",
                    scratch,
                    "--parallel",
                    str(os.cpu_count() or 1),
                ],
            )
    except (SystemExit, Exception) as err:  # noqa: BLE001  (setuptools exits on compiler errors)
        clean(quiet=True)
        print(f"speedups: the build failed ({err}); Blamefree stays pure Python.")
        return 1
    finally:
        os.chdir(previous)
    _write_manifest()
    print(f"speedups: compiled {len(COMPILED_MODULES)} ingest modules")
    return 0


def _compiler_available() -> bool:
    return any(shutil.which(name) for name in (os.environ.get("CC", "cc"), "cc", "gcc", "clang"))


def _write_manifest() -> None:
    lines = [
        f"{name} {hashlib.sha256(source_path(name).read_bytes()).hexdigest()}"
        for name in COMPILED_MODULES
    ]
    MANIFEST.write_text("\n".join(lines) + "\n", encoding="utf-8")


def clean(*, quiet: bool = False) -> int:
    """Remove every compiled module, the runtime library and the manifest."""
    removed = 0
    for path in [*SRC.glob(f"{GROUP}__mypyc*"), *(SRC / "blamefree").rglob("*.so"), MANIFEST]:
        if path.exists():
            path.unlink()
            removed += 1
    if not quiet:
        print(f"speedups: removed {removed} files")
    return 0


def status() -> int:
    """Print whether the compiled modules are in use; 0 when they are."""
    if active():
        print("speedups: compiled ingest modules in use")
        return 0
    print("speedups: pure Python (not built, built from other sources, or disabled)")
    return 1


def main() -> int:
    command = sys.argv[1] if len(sys.argv) > 1 else ""
    actions = {"build": build, "status": status, "clean": clean}
    if command not in actions:
        print(__doc__.splitlines()[2])
        return 2
    return actions[command]()


if __name__ == "__main__":
    sys.exit(main())
