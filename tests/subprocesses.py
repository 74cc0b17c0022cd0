"""Run Python code in a fresh interpreter, for tests that need a clean import state.

Used where a setting must be read before any module is imported (`BLAMEFREE_PURE_PYTHON`),
which the test process itself has long done.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def run_python(code: str, **env: str) -> str:
    """The standard output of `python -c code` run from the repository root with `env` added."""
    result = subprocess.run(
        [sys.executable, "-c", code],
        capture_output=True,
        text=True,
        check=True,
        env={**os.environ, **env},
        cwd=ROOT,
    )
    return result.stdout
