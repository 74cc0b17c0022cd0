"""Settings from the environment (BLAMEFREE_*) and the project file `.blamefree.toml`.

Environment settings say where things run (database, host); `.blamefree.toml` says how a
team works (lint rules, severity policy, working hours). Both are read once at start-up and
passed down; nothing below the CLI and web layers reads the environment itself.
"""

from __future__ import annotations

import tomllib
from pathlib import Path
from typing import Any

from pydantic_settings import BaseSettings, SettingsConfigDict

from blamefree.domain.errors import InvalidInput

PROJECT_FILE = ".blamefree.toml"
DEFAULT_DATABASE_URL = "sqlite:///./blamefree.db"


class Settings(BaseSettings):
    """Where Blamefree keeps its data and how the web app listens."""

    model_config = SettingsConfigDict(env_prefix="BLAMEFREE_", extra="ignore")

    database_url: str = DEFAULT_DATABASE_URL
    host: str = "127.0.0.1"
    port: int = 8000
    base_url: str = "http://127.0.0.1:8000"


def find_project_file(start: Path | None = None) -> Path | None:
    """The nearest `.blamefree.toml` in `start` or one of its parents, if any."""
    here = (start or Path.cwd()).resolve()
    for folder in (here, *here.parents):
        candidate = folder / PROJECT_FILE
        if candidate.is_file():
            return candidate
    return None


def load_project_config(path: Path | None = None) -> dict[str, Any]:
    """Read `.blamefree.toml` (the given file, or the nearest one); {} when there is none.

    Each package validates its own table (`[lint]`, `[policy]`, `[meeting]`), so a typo in
    one table is reported by the package that owns it, naming the key.
    """
    file = path if path is not None else find_project_file()
    if file is None:
        return {}
    try:
        with file.open("rb") as handle:
            return tomllib.load(handle)
    except tomllib.TOMLDecodeError as err:
        raise InvalidInput(f"{file}: not valid TOML ({err}); fix the file or remove it") from err
    except OSError as err:
        raise InvalidInput(f"{file}: cannot be read ({err.strerror})") from err
