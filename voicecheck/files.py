"""Reading the user's files without surprises, and naming them for people.

Every input (a draft, an export, a guide, a pack) is read the same bounded way: only a
regular file is read (a FIFO would block forever, /dev/zero never ends), its size is
checked before reading and the read stops at the limit, and what goes wrong becomes one
sentence. File names that are not valid UTF-8 are shown with their odd bytes escaped
(bad\\xffname.txt) so reports and JSON stay valid UTF-8; the path itself is still used to
open the file.
"""

from __future__ import annotations

import errno
import os
import stat
import sys
from pathlib import Path


class ReadError(ValueError):
    """Why a file was not read, as the end of a sentence whose subject the caller names
    ("is a FIFO (named pipe), not a file", "cannot be read: Permission denied")."""


def kind(mode: int) -> str:
    """What a non-regular file is, in a few words."""
    if stat.S_ISDIR(mode):
        return "a folder"
    if stat.S_ISFIFO(mode):
        return "a FIFO (named pipe)"
    if stat.S_ISSOCK(mode):
        return "a socket"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "a device"
    return "not a regular file"


def size_text(n: int) -> str:
    for unit, size in (("GiB", 1 << 30), ("MiB", 1 << 20)):
        if n >= size:
            return f"{n / size:.1f} {unit}"
    return f"{max(1, n // 1024)} KiB"


def too_large(size: int, limit: int) -> str:
    return f"is too large ({size_text(size)}; the limit is {size_text(limit)})"


def reason(exc: OSError) -> str:
    """An OSError as the user should read it (no Python class names, no echo of paths)."""
    if exc.errno == errno.ELOOP:
        return "symbolic link loop"
    if exc.errno == errno.ENAMETOOLONG:
        return "file name too long"
    return exc.strerror or str(exc)


def _open(path: str | Path) -> tuple[int, os.stat_result]:
    """An open descriptor on a regular file (opening never blocks, even on a FIFO)."""
    try:
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOCTTY", 0)
                     | getattr(os, "O_BINARY", 0))
    except OSError as exc:
        raise ReadError(f"cannot be read: {reason(exc)}") from None
    except ValueError:  # a NUL in the name
        raise ReadError("cannot be read: the name contains a NUL character") from None
    try:
        st = os.fstat(fd)
    except OSError as exc:
        os.close(fd)
        raise ReadError(f"cannot be read: {reason(exc)}") from None
    if not stat.S_ISREG(st.st_mode):
        os.close(fd)
        raise ReadError(f"is {kind(st.st_mode)}, not a file")
    return fd, st


def regular_size(path: str | Path) -> int:
    """The size of a regular file (for readers that open it themselves), or ReadError."""
    fd, st = _open(path)
    os.close(fd)
    return st.st_size


def read_regular(path: str | Path, limit: int) -> bytes:
    """The bytes of a regular file of at most `limit` bytes, or ReadError."""
    fd, st = _open(path)
    try:
        if st.st_size > limit:
            raise ReadError(too_large(st.st_size, limit))
        return _read_at_most(fd, limit)
    except OSError as exc:
        raise ReadError(f"cannot be read: {reason(exc)}") from None
    finally:
        os.close(fd)


def read_stdin(limit: int) -> bytes:
    """Standard input, at most `limit` bytes, or ReadError."""
    try:
        data = sys.stdin.buffer.read(limit + 1)
    except OSError as exc:
        raise ReadError(f"cannot be read: {reason(exc)}") from None
    if len(data) > limit:
        raise ReadError(f"is too large (over {size_text(limit)}, the limit)")
    return data


def _read_at_most(fd: int, limit: int) -> bytes:
    chunks, total = [], 0
    while True:
        chunk = os.read(fd, min(1 << 20, limit + 1 - total))
        if not chunk:
            return b"".join(chunks)
        chunks.append(chunk)
        total += len(chunk)
        if total > limit:
            raise ReadError(f"is too large (over {size_text(limit)}, the limit)")


def display_name(name: str | os.PathLike[str]) -> str:
    """A file name as text that is always valid UTF-8: bytes that are not (carried as
    surrogate escapes) are shown as \\xff."""
    text = os.fspath(name)
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        try:
            raw = text.encode("utf-8", "surrogateescape")
        except UnicodeEncodeError:  # a lone surrogate that is no escaped byte
            return text.encode("utf-8", "backslashreplace").decode("utf-8")
        return raw.decode("utf-8", "backslashreplace")
    return text
