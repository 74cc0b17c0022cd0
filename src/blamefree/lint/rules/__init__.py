"""The rule modules; importing this package registers every rule."""

from blamefree.lint.rules import action_items, blame, completeness, hindsight, root_cause, tone

__all__ = ["action_items", "blame", "completeness", "hindsight", "root_cause", "tone"]
