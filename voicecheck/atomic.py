"""Replace a file's bytes so that it is never left half-written, keeping what the user
set up around it: its mode and owner, a symlink (the file it points to is written and
the link stays), and other hard links (then the file is rewritten in place, as editors
do, since a rename would split the links).

Otherwise the new bytes go to a temporary file beside the target, are flushed to disk
and renamed over it, so a crash, a kill or a full disk leaves the old file or the new
one. The optional `.bak` is made in one step too (a hard link to the previous file
renamed into place; a fsynced copy where links are not possible), so it is always a
whole earlier version and needs no room on a nearly full disk. Temporary files carry
the writing process's id: a later write of the same file removes those of processes
that died (a kill -9 mid-save).
"""

from __future__ import annotations

import contextlib
import glob
import os
import shutil
import stat
import tempfile
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import BinaryIO

_TMP = ".tmp"


class ChangedOnDisk(OSError):
    """The file changed after it was read: writing now would lose that change."""


def _umask() -> int:
    """The process umask, read without changing it (other threads may create files)."""
    with contextlib.suppress(OSError, ValueError):
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("Umask:"):
                return int(line.split()[1], 8)
    return 0o022


def _prefix(name: str) -> str:
    return f".{name}.{os.getpid()}."


def _clean_stale(folder: Path, name: str) -> None:
    """Remove temporary files of `name` whose writer is no longer running."""
    if os.name != "posix":  # os.kill(pid, 0) would end the process on Windows
        return
    for leftover in folder.glob(f".{glob.escape(name)}.*{_TMP}"):
        pid = leftover.name[len(name) + 2 :].split(".")[0]
        if not pid.isdigit() or int(pid) == os.getpid():
            continue
        try:
            os.kill(int(pid), 0)
        except ProcessLookupError:
            leftover.unlink(missing_ok=True)
        except OSError:  # alive, or not ours to signal: leave it
            continue


def own_temporary(folder: Path, name: str) -> tuple[int, str]:
    """(fd, path) of a new private file in `folder` whose name carries this process's
    id, after removing those of `name` left by processes that no longer run."""
    _clean_stale(folder, name)
    return tempfile.mkstemp(prefix=_prefix(name), suffix=_TMP, dir=folder)


@contextlib.contextmanager
def _temporary(folder: Path, name: str, like: os.stat_result | None
               ) -> Iterator[tuple[BinaryIO, Path]]:
    """A temporary file in `folder` with the mode and owner of `like` (the umask's mode
    for a new file); removed unless the caller renamed it."""
    fd, tmp = tempfile.mkstemp(prefix=_prefix(name), suffix=_TMP, dir=folder)
    path = Path(tmp)
    try:
        os.chmod(tmp, stat.S_IMODE(like.st_mode) if like is not None else 0o666 & ~_umask())
        if like is not None and hasattr(os, "chown"):
            with contextlib.suppress(OSError):
                os.chown(tmp, like.st_uid, like.st_gid)
        with os.fdopen(fd, "wb") as fh:
            yield fh, path
    finally:
        path.unlink(missing_ok=True)


def _sync(fh: BinaryIO) -> None:
    fh.flush()
    os.fsync(fh.fileno())


def _write(fh: BinaryIO, data: bytes | Iterable[str | bytes]) -> None:
    for chunk in [data] if isinstance(data, bytes) else data:
        fh.write(chunk.encode("utf-8") if isinstance(chunk, str) else chunk)
    _sync(fh)


def _backup(target: Path, bak: Path, st: os.stat_result, copy: bool) -> None:
    """The current `target` becomes `bak` in one rename: a hard link to it (the rename
    that follows leaves the old file to the .bak alone), else a copy."""
    if not copy:
        link = bak.with_name(f"{_prefix(bak.name)}link{_TMP}")
        link.unlink(missing_ok=True)
        try:
            os.link(target, link)
        except OSError:  # no hard links here (FAT, some network shares): copy instead
            pass
        else:
            try:
                os.replace(link, bak)
            finally:
                link.unlink(missing_ok=True)
            return
    with _temporary(bak.parent, bak.name, st) as (fh, tmp):
        with open(target, "rb") as src:
            shutil.copyfileobj(src, fh)
        _sync(fh)
        os.replace(tmp, bak)


def write_atomic(path: str | Path, data: bytes | Iterable[str | bytes],
                 expect: os.stat_result | None = None, *, backup: bool = False) -> None:
    """Write `data` (bytes, or chunks: text is written as UTF-8) to `path`. `expect`: the
    file's stat when it was read; ChangedOnDisk if its size or modification time differs
    now. `backup`: keep the previous file as `path.bak` (beside the name given, when that
    is a symlink)."""
    target = Path(os.path.realpath(path))
    named = Path(os.path.abspath(path))
    bak = named.with_name(named.name + ".bak")
    target.parent.mkdir(parents=True, exist_ok=True)
    try:
        st: os.stat_result | None = target.stat()
    except FileNotFoundError:
        st = None
    if st is not None and not stat.S_ISREG(st.st_mode):
        raise IsADirectoryError(f"{path} is not a regular file; not written")
    if expect is not None and (st is None or (st.st_size, st.st_mtime_ns) != (
            expect.st_size, expect.st_mtime_ns)):
        raise ChangedOnDisk(f"{path} changed on disk since it was read; not written")
    _clean_stale(target.parent, target.name)
    if backup:
        _clean_stale(bak.parent, bak.name)
    if st is not None and st.st_nlink > 1:
        if backup:
            _backup(target, bak, st, copy=True)
        with open(target, "r+b") as fh:
            _write(fh, data)
            fh.truncate()
        return
    with _temporary(target.parent, target.name, st) as (fh, tmp):
        _write(fh, data)
        if st is not None and backup:
            _backup(target, bak, st, copy=False)
        os.replace(tmp, target)
    with contextlib.suppress(OSError):  # make the rename itself durable
        dir_fd = os.open(target.parent, os.O_RDONLY)
        try:
            os.fsync(dir_fd)
        finally:
            os.close(dir_fd)
