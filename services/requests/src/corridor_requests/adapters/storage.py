"""Where document bytes live: a content-addressed store behind a small interface.

Why: the database keeps a document's metadata and access rules; the bytes go to a store addressed by
their SHA-256, so the same file uploaded twice is kept once and a reader can verify what it got.
The default is the local disk under GC_DATA_DIR; an object store would implement the same protocol.
Bytes are written before the metadata row commits, so a row never points at missing content (an
aborted upload leaves at most an unreferenced blob, harmless and collectable).
"""

from __future__ import annotations

import asyncio
import hashlib
import os
import tempfile
from pathlib import Path
from typing import Protocol


class DocumentStorage(Protocol):
    async def put(self, content: bytes) -> str:
        """Store the bytes; return their lower-case hex SHA-256 (the address)."""

    async def get(self, sha256: str) -> bytes:
        """The bytes stored under the address; FileNotFoundError if there are none."""


class LocalDiskStorage:
    """Blobs at <root>/<aa>/<bb>/<sha256>, written atomically (temp file, fsync, rename)."""

    def __init__(self, root: Path) -> None:
        self.root = Path(root)

    def _path(self, sha256: str) -> Path:
        if len(sha256) != 64 or not all(ch in "0123456789abcdef" for ch in sha256):
            raise ValueError("not a SHA-256 address")
        return self.root / sha256[:2] / sha256[2:4] / sha256

    async def put(self, content: bytes) -> str:
        sha256 = hashlib.sha256(content).hexdigest()
        await asyncio.to_thread(self._write, self._path(sha256), content)
        return sha256

    async def get(self, sha256: str) -> bytes:
        return await asyncio.to_thread(self._path(sha256).read_bytes)

    @staticmethod
    def _write(path: Path, content: bytes) -> None:
        if path.exists():
            return  # same address, same bytes
        path.parent.mkdir(parents=True, exist_ok=True)
        handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=".upload-")
        try:
            with os.fdopen(handle, "wb") as out:
                out.write(content)
                out.flush()
                os.fsync(out.fileno())
            os.replace(temporary, path)
        except BaseException:
            Path(temporary).unlink(missing_ok=True)
            raise
