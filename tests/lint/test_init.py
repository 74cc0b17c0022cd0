"""The public surface of `blamefree.lint`: `__all__` is complete, sorted and importable."""

from __future__ import annotations

import blamefree.lint as lint


def test_all_is_sorted_and_every_name_exists() -> None:
    assert list(lint.__all__) == sorted(lint.__all__)
    for name in lint.__all__:
        assert hasattr(lint, name), name


def test_the_editor_api_is_public() -> None:
    assert {"lint_text", "lint_postmortem", "Finding", "LintConfig"} <= set(lint.__all__)
