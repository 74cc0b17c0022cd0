"""Build, check or remove the compiled modules (optional speedups).

Usage: .venv/bin/python tools/speedups.py build|status|clean

The timeline engine's readers and merger, and the linter's document model, word index and
sentence analysis, are plain, strictly typed Python. mypyc (shipped with mypy) compiles the
same source files to C extension modules that CPython loads in place of the .py files: a big
timeline build takes about a third less CPU, a lint run about a tenth less. Nothing else
changes: the .py files stay the source of truth, and each package falls back to them when
its compiled modules are missing, were built from other sources, or BLAMEFREE_PURE_PYTHON=1
is set (see `blamefree.speedups`).

`build` compiles each group of `blamefree.speedups.GROUPS` in place (the .so files beside
the sources, plus one shared runtime library per group in src/) and writes the group's
manifest with the SHA-256 of every compiled source, so an edited source is never shadowed by
a stale binary. It needs a C compiler and Python's headers; without them it says so and exits
1, and Blamefree keeps working in pure Python.
"""

from __future__ import annotations

import os
import shutil
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SRC = ROOT / "src"
sys.path.insert(0, str(SRC))

from blamefree.speedups import GROUPS, CompiledGroup  # noqa: E402  (needs src on the path)


def build() -> int:
    """Compile every group in place; 0 when all of them built, 1 otherwise."""
    try:
        from mypyc.build import mypycify  # noqa: F401  (checked here, used in _build_group)
        from setuptools import setup  # noqa: F401
    except ImportError as err:
        print(
            f"speedups: cannot build ({err}); install mypy and setuptools (pip install "
            "'.[speedups]'). Blamefree works without them, only slower."
        )
        return 1
    if not _compiler_available():
        print("speedups: no C compiler found (cc/gcc); Blamefree stays pure Python.")
        return 1
    failed = [group for group in GROUPS if not _build_group(group)]
    return 1 if failed else 0


def _build_group(group: CompiledGroup) -> bool:
    from mypyc.build import mypycify
    from setuptools import setup

    _clean_group(group)
    sources = [str(group.source_path(name).relative_to(ROOT)) for name in group.modules]
    previous = Path.cwd()
    os.chdir(ROOT)
    try:
        with tempfile.TemporaryDirectory(prefix="blamefree-speedups-") as scratch:
            modules = mypycify(
                sources, opt_level="3", group_name=group.name, target_dir=scratch, multi_file=True
            )
            # setuptools reads the pyproject.toml of its working folder: build from scratch.
            os.chdir(scratch)
            setup(
                name=f"{group.name}-speedups",
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
        _clean_group(group)
        print(f"speedups: the {group.package} build failed ({err}); it stays pure Python.")
        return False
    finally:
        os.chdir(previous)
    lines = [f"{name} {digest}" for name, digest in group.source_hashes().items()]
    group.manifest.write_text("\n".join(lines) + "\n", encoding="utf-8")
    print(f"speedups: compiled {len(group.modules)} {group.package} modules")
    return True


def _compiler_available() -> bool:
    return any(shutil.which(name) for name in (os.environ.get("CC", "cc"), "cc", "gcc", "clang"))


def _clean_group(group: CompiledGroup) -> int:
    """Remove the group's compiled modules, runtime library and manifest; how many files."""
    removed = 0
    for path in [*SRC.glob(f"{group.name}__mypyc*"), *group.package_dir.rglob("*.so")]:
        path.unlink()
        removed += 1
    if group.manifest.exists():
        group.manifest.unlink()
        removed += 1
    return removed


def clean() -> int:
    """Remove every compiled module, runtime library and manifest."""
    removed = sum(_clean_group(group) for group in GROUPS)
    print(f"speedups: removed {removed} files")
    return 0


def status() -> int:
    """Print which groups run compiled; 0 when all of them do."""
    code = 0
    for group in GROUPS:
        if group.wanted():
            print(f"speedups: compiled {group.package} modules in use")
        else:
            print(
                f"speedups: {group.package} runs as pure Python (not built, built from other "
                "sources, or disabled)"
            )
            code = 1
    return code


def main() -> int:
    command = sys.argv[1] if len(sys.argv) > 1 else ""
    actions = {"build": build, "status": status, "clean": clean}
    if command not in actions:
        print(__doc__.splitlines()[2])
        return 2
    return actions[command]()


if __name__ == "__main__":
    sys.exit(main())
