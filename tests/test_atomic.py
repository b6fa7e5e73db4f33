"""Atomic writes keep the file's mode, symlinks and hard links; a file that changed since
it was read is not overwritten."""

from __future__ import annotations

import os
import stat
from pathlib import Path

import pytest

from voicecheck.atomic import ChangedOnDisk, write_atomic
from voicecheck.guide import save_text


def test_changed_since_read_is_not_overwritten(tmp_path: Path) -> None:
    p = tmp_path / "a.txt"
    p.write_bytes(b"one")
    seen = p.stat()
    p.write_bytes(b"two, longer")
    with pytest.raises(ChangedOnDisk):
        write_atomic(p, b"three", expect=seen)
    assert p.read_bytes() == b"two, longer"


def test_new_file_gets_the_umask_mode_not_0600(tmp_path: Path) -> None:
    p = tmp_path / "new.txt"
    write_atomic(p, b"x")
    assert stat.S_IMODE(p.stat().st_mode) == 0o666 & ~_umask()


def _umask() -> int:
    old = os.umask(0)
    os.umask(old)
    return old


def test_saving_a_guide_keeps_its_mode_and_link(tmp_path: Path) -> None:
    real = tmp_path / "brand.yaml"
    real.write_text("version: 1\n", encoding="utf-8")
    real.chmod(0o644)
    link = tmp_path / "current.yaml"
    link.symlink_to(real)
    save_text("version: 1\nlanguage: en\n", link)
    assert link.is_symlink() and stat.S_IMODE(real.stat().st_mode) == 0o644
    assert real.read_text(encoding="utf-8").endswith("language: en\n")
    assert (tmp_path / "current.yaml.bak").read_text(encoding="utf-8") == "version: 1\n"
