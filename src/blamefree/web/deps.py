"""Typed dependencies shared by routes."""

from __future__ import annotations

from typing import Annotated

from fastapi import Depends, Request

from blamefree.store import Store


def get_store(request: Request) -> Store:
    """The application's store."""
    store: Store = request.app.state.store
    return store


AppStore = Annotated[Store, Depends(get_store)]
