"""Line and record streams over evidence files (gzip opened transparently).

Every generator here owns an open file. They live in this module, which is never compiled
(see `blamefree.ingest.speedups`), because CPython closes an abandoned generator when it is
dropped, running its `with` block's exit and so closing the file at once, while a compiled
generator is freed without that step. A reader that stops at a malformed line in the middle
of a file must not leave the file open.
"""

from __future__ import annotations

import codecs
import gzip
import io
from collections.abc import Iterator
from pathlib import Path

BOM = b"\xef\xbb\xbf"
GZIP_MAGIC = b"\x1f\x8b"


def open_binary(path: Path) -> io.BufferedIOBase:
    """Open a file for binary streaming, decompressing `.gz` transparently."""
    with path.open("rb") as probe:
        magic = probe.read(2)
    if magic == GZIP_MAGIC:
        return gzip.open(path, "rb")
    return path.open("rb")


BLOCK_BYTES = 1 << 20


def line_blocks(path: Path) -> Iterator[list[bytes]]:
    """Raw lines (ends kept, a UTF-8 byte order mark removed) in lists of about 1 MB.

    For the hot loops of the log readers: they number and walk each block themselves, in
    compiled code when built, instead of resuming this generator for every line.
    """
    with open_binary(path) as handle:
        lines = handle.readlines(BLOCK_BYTES)
        if lines:
            lines[0] = lines[0].removeprefix(BOM)
        while lines:
            yield lines
            lines = handle.readlines(BLOCK_BYTES)


def raw_line_blocks(path: Path) -> Iterator[list[bytes]]:
    """Raw lines exactly as the file holds them (ends and any byte order mark kept), in
    lists of about 1 MB, for compiled loops that strip and number them themselves."""
    with open_binary(path) as handle:
        lines = handle.readlines(BLOCK_BYTES)
        while lines:
            yield lines
            lines = handle.readlines(BLOCK_BYTES)


def stripped_lines(path: Path) -> Iterator[tuple[int, bytes]]:
    """Numbered non-blank lines (1-based), surrounding whitespace removed."""
    with open_binary(path) as handle:
        for number, raw in enumerate(handle, 1):
            line = raw.strip()
            if number == 1:
                line = line.removeprefix(BOM).strip()
            if line:
                yield number, line


def text_lines(path: Path) -> Iterator[tuple[int, str]]:
    """Numbered lines decoded as UTF-8 (undecodable bytes replaced), line ends removed."""
    with open_binary(path) as handle:
        for number, raw in enumerate(handle, 1):
            if number == 1:
                raw = raw.removeprefix(BOM)
            yield number, raw.decode("utf-8", "replace").rstrip("\r\n")


def separated_records(path: Path, separator: str) -> Iterator[str]:
    """The text between separators (e.g. git log's 0x1e), streamed in 64 KiB blocks."""
    pending = ""
    decoder = codecs.getincrementaldecoder("utf-8")("replace")
    with open_binary(path) as handle:
        while True:
            block = handle.read(65536)
            if not block:
                break
            pending += decoder.decode(block)
            *complete, pending = pending.split(separator)
            yield from complete
    if pending.strip():
        yield pending
