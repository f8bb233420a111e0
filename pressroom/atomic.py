"""Atomic file writes: write a temporary file beside the target, fsync, then rename over it.

A reader (or a crash) sees the old file or the new one, never half of one.
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path


def write_atomic(path: Path | str, data: str | bytes, *, encoding: str = "utf-8",
                 mode: int | None = None, sync: bool = True) -> Path:
    """Replace *path* with *data* atomically. ``sync=False`` skips the per-file fsync for a
    caller writing many files that calls :func:`sync_folder` once at the end."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    payload = data.encode(encoding) if isinstance(data, str) else data
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(payload)
            if sync:
                handle.flush()
                os.fsync(handle.fileno())
        if mode is not None:
            os.chmod(tmp, mode)
        elif path.exists():
            os.chmod(tmp, path.stat().st_mode & 0o7777)
        else:
            umask = os.umask(0)
            os.umask(umask)
            os.chmod(tmp, 0o666 & ~umask)
        os.replace(tmp, path)
    except BaseException:
        try:
            os.unlink(tmp)
        except FileNotFoundError:
            pass
        raise
    return path


def sync_folder(folder: Path | str) -> None:
    """Make the renames in *folder* durable (one fsync of the folder, where the OS allows it)."""
    if hasattr(os, "O_DIRECTORY"):
        fd = os.open(folder, os.O_RDONLY | os.O_DIRECTORY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)


def create_exclusive(path: Path | str, data: str, *, encoding: str = "utf-8") -> bool:
    """Write a new file only if none exists; False (and nothing written) when it does."""
    path = Path(path)
    if path.exists():
        return False
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = write_atomic(path.with_name(f".{path.name}.new"), data, encoding=encoding)
    try:
        os.link(tmp, path)  # fails if the target appeared meanwhile: never overwrite
    except FileExistsError:
        return False
    finally:
        os.unlink(tmp)
    return True
