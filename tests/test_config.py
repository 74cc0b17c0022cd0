"""Settings come from BLAMEFREE_* variables; team conventions from the nearest .blamefree.toml."""

from __future__ import annotations

from pathlib import Path

import pytest

from blamefree.config import (
    DEFAULT_DATABASE_URL,
    Settings,
    find_project_file,
    load_project_config,
)
from blamefree.domain import InvalidInput


def test_settings_default_to_the_embedded_database(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("BLAMEFREE_DATABASE_URL", raising=False)
    assert Settings().database_url == DEFAULT_DATABASE_URL == "sqlite:///./blamefree.db"


def test_settings_read_the_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("BLAMEFREE_DATABASE_URL", "postgresql+psycopg://db/blamefree")
    monkeypatch.setenv("BLAMEFREE_PORT", "9000")
    settings = Settings()
    assert (settings.database_url, settings.port) == ("postgresql+psycopg://db/blamefree", 9000)


def test_project_file_is_found_in_a_parent_folder(tmp_path: Path) -> None:
    (tmp_path / ".blamefree.toml").write_text('[lint]\ndisable = ["BL001"]\n', encoding="utf-8")
    nested = tmp_path / "postmortems" / "2026"
    nested.mkdir(parents=True)

    assert find_project_file(nested) == tmp_path / ".blamefree.toml"
    assert load_project_config(tmp_path / ".blamefree.toml") == {"lint": {"disable": ["BL001"]}}


def test_no_project_file_means_no_settings(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    assert find_project_file() is None  # no .blamefree.toml in /tmp or above
    assert load_project_config() == {}


def test_broken_toml_names_the_file(tmp_path: Path) -> None:
    broken = tmp_path / ".blamefree.toml"
    broken.write_text("[lint\n", encoding="utf-8")

    with pytest.raises(InvalidInput, match=r"\.blamefree\.toml: not valid TOML"):
        load_project_config(broken)
