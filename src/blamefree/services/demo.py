"""The example incidents that make a fresh install look like a product, not an empty page."""

from __future__ import annotations

from pathlib import Path

from blamefree.services.postmortems import read_document
from blamefree.store import Store


def examples_folder() -> Path | None:
    """The `examples/` folder of a source checkout, or the copy shipped in the wheel."""
    checkout = Path(__file__).resolve().parents[3] / "examples"
    packaged = Path(__file__).resolve().parents[1] / "_examples"
    for folder in (checkout, packaged):
        if folder.is_dir() and any(folder.glob("*.md")):
            return folder
    return None


def seed_examples(store: Store, folder: Path | None = None) -> list[str]:
    """Load each example postmortem whose id is not stored yet; returns the ids loaded.

    Examples someone has since edited in the app are left alone, so restarting `make run`
    never overwrites work.
    """
    source = folder or examples_folder()
    if source is None:
        return []
    documents = [read_document(path) for path in sorted(source.glob("*.md"))]
    loaded = []
    with store.transaction(actor="demo") as uow:
        for pm in documents:
            if not uow.postmortems.exists(pm.id):
                uow.postmortems.add(pm)
                loaded.append(pm.id)
    return loaded
