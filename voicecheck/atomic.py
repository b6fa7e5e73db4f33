"""Replace a file's bytes so that it is never left half-written, keeping what the user
set up around it: its mode and owner, a symlink (the file it points to is written and
the link stays), and other hard links (then the file is rewritten in place, as editors
do, since a rename would split the links)."""

from __future__ import annotations

import contextlib
import os
import stat
import tempfile
from pathlib import Path


class ChangedOnDisk(OSError):
    """The file changed after it was read: writing now would lose that change."""


def _umask() -> int:
    """The process umask, read without changing it (other threads may create files)."""
    with contextlib.suppress(OSError, ValueError):
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("Umask:"):
                return int(line.split()[1], 8)
    return 0o022


def write_atomic(path: str | Path, data: bytes, expect: os.stat_result | None = None) -> None:
    """Write `data` to `path`. `expect`: the file's stat when it was read; ChangedOnDisk if
    its size or modification time differs now."""
    target = Path(os.path.realpath(path))
    try:
        st: os.stat_result | None = target.stat()
    except FileNotFoundError:
        st = None
    if expect is not None and (st is None or (st.st_size, st.st_mtime_ns) != (
            expect.st_size, expect.st_mtime_ns)):
        raise ChangedOnDisk(f"{path} changed on disk since it was read; not written")
    if st is not None and st.st_nlink > 1:
        with open(target, "r+b") as fh:
            fh.write(data)
            fh.truncate()
            fh.flush()
            os.fsync(fh.fileno())
        return
    fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        os.chmod(tmp, stat.S_IMODE(st.st_mode) if st is not None else 0o666 & ~_umask())
        if st is not None and hasattr(os, "chown"):
            with contextlib.suppress(OSError):
                os.chown(tmp, st.st_uid, st.st_gid)
        os.replace(tmp, target)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    with contextlib.suppress(OSError):  # make the rename itself durable
        dir_fd = os.open(target.parent, os.O_RDONLY)
        try:
            os.fsync(dir_fd)
        finally:
            os.close(dir_fd)
