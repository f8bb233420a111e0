"""Atomic file writes: write a temporary file beside the target, fsync, then rename over it.

A reader (or a crash) sees the old file or the new one, never half of one. What the path names
decides how it is written:

- ``-``: standard output;
- a symbolic link: its target, atomically when that is (or will be) a regular file, and the link
  stays a link;
- a character device or a named pipe (``/dev/null``, ``/dev/stdout``, a FIFO): written straight
  to it, since it cannot be replaced (and must not be: as root, ``/dev/full`` would become a file);
- a folder, a path under a file, another special file, a read-only or full file system: one
  located error (:class:`InputError` for a path that cannot be a file, :class:`OperationalError`
  for the environment), with nothing written and no temporary file left behind.
"""

from __future__ import annotations

import errno
import os
import stat
import sys
import tempfile
from pathlib import Path

from pressroom.errors import InputError, Location, OperationalError, PressroomError

STDOUT = "-"


def write_atomic(path: Path | str, data: str | bytes, *, encoding: str = "utf-8",
                 mode: int | None = None, sync: bool = True, through: bool = True) -> Path:
    """Replace *path* with *data* atomically (see the module docstring for links, devices and
    ``-``). ``sync=False`` skips the per-file fsync for a caller writing many files that calls
    :func:`sync_folder` once at the end. ``through=False`` is for a folder the caller owns (the
    site's output): a link, pipe or device there is itself replaced by a regular file, never
    written through (which could write outside the folder, or block on a pipe)."""
    payload = data.encode(encoding) if isinstance(data, str) else data
    if str(path) == STDOUT:
        _write_stdout(payload)
        return Path(STDOUT)
    path = Path(path)
    shown = str(path)
    target = Path(os.path.realpath(path)) if through and os.path.islink(path) else path
    try:
        info = os.stat(target) if through else os.lstat(target)
    except FileNotFoundError:
        info = None
    except OSError as exc:
        raise write_error(exc, target, shown) from None
    owned = not through and info is not None and not stat.S_ISDIR(info.st_mode)
    if info is not None and not stat.S_ISREG(info.st_mode) and not owned:  # owned: replaced below
        if stat.S_ISCHR(info.st_mode) or stat.S_ISFIFO(info.st_mode):
            _write_stream(target, payload, shown)
            return path
        if stat.S_ISDIR(info.st_mode):
            raise InputError("is a folder, not a file", where=Location(shown))
        raise InputError("is a special file (not a regular file, a character device or a named "
                         "pipe): not written", where=Location(shown))
    try:
        _replace(target, payload, mode=mode, sync=sync)
    except OSError as exc:
        raise write_error(exc, target, shown) from None
    return path


def _replace(path: Path, payload: bytes, *, mode: int | None, sync: bool) -> None:
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
    except FileExistsError:  # something not a folder is in the way
        raise OSError(errno.ENOTDIR, os.strerror(errno.ENOTDIR), str(path.parent)) from None
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(payload)
            handle.flush()  # a full disk must fail here, not silently in close()
            if sync:
                os.fsync(handle.fileno())
        if mode is not None:
            os.chmod(tmp, mode)
        elif path.exists():
            os.chmod(tmp, path.stat().st_mode & 0o7777)
        else:
            os.chmod(tmp, 0o666 & ~_umask())
        os.replace(tmp, path)
    except BaseException:
        try:
            os.unlink(tmp)
        except FileNotFoundError:
            pass
        raise


def write_new(path: Path, payload: bytes, *, mode: int = 0o666) -> None:
    """Write a file into a folder made moments ago by the caller (see :func:`make_folder`): there
    is no file to replace, so no temporary one beside it (the site's first build writes a
    thousand pages this way). A file found there after all is replaced as ever; a failed write
    leaves no part-written file and is worded as :func:`write_atomic` words it."""
    flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_NOFOLLOW", 0)
    try:
        fd = os.open(path, flags, mode)  # the umask applies, as to a new file anywhere
    except FileExistsError:
        write_atomic(path, payload, mode=mode & ~_umask(), sync=False, through=False)
        return
    except OSError as exc:
        raise write_error(exc, path, str(path)) from None
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(payload)
            handle.flush()  # a full disk must fail here, not silently in close()
    except OSError as exc:
        try:
            os.unlink(path)
        except OSError:
            pass
        raise write_error(exc, path, str(path)) from None


def make_folder(path: Path, made: set[Path]) -> None:
    """Make the folder of file *path* and its parents, once per caller (*made* remembers them);
    an error is worded, and located at *path*, as :func:`write_atomic` would word it."""
    folder = path.parent
    if folder in made:
        return
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except FileExistsError:  # something not a folder is in the way
        exc = OSError(errno.ENOTDIR, os.strerror(errno.ENOTDIR), str(folder))
        raise write_error(exc, path, str(path)) from None
    except OSError as exc:
        raise write_error(exc, path, str(path)) from None
    made.add(folder)


def _write_stream(path: Path, payload: bytes, shown: str) -> None:
    """Write to a character device or a named pipe (no temporary file: it cannot be replaced)."""
    try:
        fd = os.open(path, os.O_WRONLY | getattr(os, "O_NOCTTY", 0))
        try:
            view = memoryview(payload)
            while view:
                view = view[os.write(fd, view):]
        finally:
            os.close(fd)
    except OSError as exc:
        raise write_error(exc, path, shown) from None


def _write_stdout(payload: bytes) -> None:
    sys.stdout.flush()
    stream = getattr(sys.stdout, "buffer", None)
    try:
        if stream is None:
            sys.stdout.write(payload.decode("utf-8"))
        else:
            stream.write(payload)
            stream.flush()
    except BrokenPipeError:
        raise OperationalError("standard output was closed before everything was written",
                               where=Location(STDOUT)) from None
    except OSError as exc:
        raise write_error(exc, Path(STDOUT), STDOUT) from None


def write_error(exc: OSError, path: Path, shown: str) -> PressroomError:
    """One located error for a failed write: bad paths are input errors, the rest environment."""
    where = Location(shown)
    code = exc.errno
    if code == errno.EISDIR:
        return InputError("is a folder, not a file", where=where)
    if code == errno.ENOTDIR:
        blocker = _file_in_the_way(path)
        what = f"{blocker} is a file, not a folder" if blocker else "a part of the path is not a folder"
        return InputError(f"cannot write here: {what}", where=where)
    if code in (errno.ENOSPC, getattr(errno, "EDQUOT", errno.ENOSPC)):
        return OperationalError("cannot write: no space left on the device (nothing was written)",
                                where=where)
    if code == errno.EROFS:
        return OperationalError("cannot write: the file system is read-only", where=where)
    if code in (errno.EACCES, errno.EPERM):
        return OperationalError("cannot write: permission denied (a protected or immutable file "
                                "or folder)", where=where)
    if code == errno.ENAMETOOLONG:
        return InputError("cannot write: the file name is too long", where=where)
    if code == errno.ELOOP:
        return InputError("cannot write: too many levels of symbolic links", where=where)
    return OperationalError(f"cannot write: {exc.strerror or exc}", where=where)


def _file_in_the_way(path: Path) -> str | None:
    for parent in reversed(Path(path).parents):
        if os.path.lexists(parent) and not os.path.isdir(parent):
            return str(parent)
    return None


def write_all_atomic(files: list[tuple[Path, bytes]], *, shown=str) -> None:
    """Write several files all or nothing: every target is checked, then every new file is
    written beside its target, and only when all of them are on disk are they renamed into place.

    A folder or special file in the way, a path under a file, a full or read-only file system:
    one located error, no file replaced and no temporary file or new folder left behind.
    *shown* turns a path into the text of the error's location. The caller syncs the folders."""
    targets: list[tuple[Path, str]] = []
    for path, _payload in files:
        target = Path(os.path.realpath(path)) if os.path.islink(path) else path
        try:
            info = os.stat(target)
        except FileNotFoundError:
            info = None
        except OSError as exc:
            raise _batch_error(write_error(exc, target, shown(path))) from None
        if info is not None and not stat.S_ISREG(info.st_mode):
            what = "a folder" if stat.S_ISDIR(info.st_mode) else "a special file"
            raise InputError(f"is {what}, not a file: nothing was written",
                             where=Location(shown(path)))
        targets.append((target, shown(path)))
    created: list[Path] = []
    staged: list[tuple[str, Path]] = []
    done = False
    try:
        for (target, where), (_path, payload) in zip(targets, files):
            try:
                created.extend(_make_folders(target.parent))
                fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp",
                                           dir=target.parent)
                staged.append((tmp, target))
                with os.fdopen(fd, "wb") as handle:
                    handle.write(payload)
                    handle.flush()
                os.chmod(tmp, target.stat().st_mode & 0o7777 if target.exists()
                         else 0o666 & ~_umask())
            except OSError as exc:
                raise _batch_error(write_error(exc, target, where)) from None
        for tmp, target in staged:
            os.replace(tmp, target)
        done = True
    finally:
        if not done:
            for tmp, _target in staged:
                try:
                    os.unlink(tmp)
                except FileNotFoundError:
                    pass
            for folder in reversed(created):
                try:
                    folder.rmdir()
                except OSError:
                    pass


def _batch_error(error: PressroomError) -> PressroomError:
    error.message += " (nothing was written)" if "nothing was written" not in error.message else ""
    return error


def _make_folders(folder: Path) -> list[Path]:
    """Create *folder* and missing parents; the folders created, outermost first."""
    missing = []
    while not folder.is_dir():
        if os.path.lexists(folder):
            raise OSError(errno.ENOTDIR, os.strerror(errno.ENOTDIR), str(folder))
        missing.append(folder)
        folder = folder.parent
    for made in reversed(missing):
        made.mkdir()
    return list(reversed(missing))


def _umask() -> int:
    umask = os.umask(0)
    os.umask(umask)
    return umask


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
