"""Server-rendered pages, one router per area."""
