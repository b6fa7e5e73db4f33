"""Saving never loses or changes a user's file (issue 16, family 7): atomic backup, no
temp files left behind, a full disk fails cleanly, mode and symlinks are kept."""

from __future__ import annotations

import errno
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from voicecheck import atomic
from voicecheck.guide import load_guide, save_text

OLD = "version: 1\nbrand: {name: 清泉茶饮}\nlanguage: zh-Hans\n"
NEW = "version: 1\nbrand: {name: ClearSpring}\nlanguage: en\n"


def leftovers(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if p.name.endswith(".tmp"))


def test_backup_is_the_previous_file_and_mode_is_kept(tmp_path: Path) -> None:
    g = tmp_path / "g.yaml"
    g.write_text(OLD, encoding="utf-8")
    g.chmod(0o644)
    save_text(NEW, g)
    assert g.read_text(encoding="utf-8") == NEW
    assert (tmp_path / "g.yaml.bak").read_text(encoding="utf-8") == OLD
    assert g.stat().st_mode & 0o777 == 0o644  # mkstemp's 0600 used to replace it
    g.chmod(0o664)
    save_text(OLD, g)
    assert g.stat().st_mode & 0o777 == 0o664
    assert (tmp_path / "g.yaml.bak").read_text(encoding="utf-8") == NEW
    assert leftovers(tmp_path) == []


def test_a_new_file_gets_the_umask_mode(tmp_path: Path) -> None:
    old = os.umask(0o022)
    try:
        save_text(NEW, tmp_path / "new.yaml")
    finally:
        os.umask(old)
    assert (tmp_path / "new.yaml").stat().st_mode & 0o777 == 0o644
    assert not (tmp_path / "new.yaml.bak").exists()


def test_a_symlinked_guide_stays_a_symlink(tmp_path: Path) -> None:
    (tmp_path / "shared").mkdir()
    real = tmp_path / "shared" / "brand.yaml"
    real.write_text(OLD, encoding="utf-8")
    link = tmp_path / "brand.yaml"
    link.symlink_to(real)
    save_text(NEW, link)
    assert link.is_symlink() and os.readlink(link) == str(real)
    assert real.read_text(encoding="utf-8") == NEW
    assert (tmp_path / "brand.yaml.bak").read_text(encoding="utf-8") == OLD
    assert not (tmp_path / "brand.yaml.bak").is_symlink()


def test_a_full_disk_fails_cleanly(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """No hard links (a FAT stick) and no room for the backup's copy: the save fails, the
    guide and its previous backup are untouched, nothing partial is left."""
    g = tmp_path / "g.yaml"
    g.write_text(OLD, encoding="utf-8")
    (tmp_path / "g.yaml.bak").write_text("version: 1\n", encoding="utf-8")

    def no_links(*args: object) -> None:
        raise OSError(errno.EPERM, "hard links not supported")

    def disk_full(src: object, dst: object, *args: object) -> None:
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(atomic.os, "link", no_links)
    monkeypatch.setattr(atomic.shutil, "copyfileobj", disk_full)
    with pytest.raises(OSError) as err:
        save_text(NEW, g)
    assert err.value.errno == errno.ENOSPC
    assert g.read_text(encoding="utf-8") == OLD
    assert (tmp_path / "g.yaml.bak").read_text(encoding="utf-8") == "version: 1\n"
    assert leftovers(tmp_path) == []


def test_a_folder_or_device_is_not_replaced(tmp_path: Path) -> None:
    (tmp_path / "g.yaml").mkdir()
    with pytest.raises(OSError):
        save_text(NEW, tmp_path / "g.yaml")
    assert (tmp_path / "g.yaml").is_dir() and leftovers(tmp_path) == []


_SAVER = """
import sys
from voicecheck.guide import save_text
texts = [sys.argv[2] * 1, sys.argv[3]]
i = 0
while True:
    save_text(texts[i % 2] + "# " + "x" * 200000 + "\\n", sys.argv[1])
    i += 1
"""


def test_killed_saves_leave_whole_guides_and_no_temp_files(tmp_path: Path) -> None:
    """kill -9 in the middle of saving, again and again: the guide and its .bak are
    always whole guides, and the next save removes what the dead ones left."""
    g = tmp_path / "g.yaml"
    g.write_text(OLD, encoding="utf-8")
    for k in range(12):
        proc = subprocess.Popen([sys.executable, "-c", _SAVER, str(g), OLD, NEW])
        time.sleep(0.3 + 0.037 * k)  # import, then some saves, cut at varied points
        proc.send_signal(signal.SIGKILL)
        proc.wait()
        for path in (g, tmp_path / "g.yaml.bak"):
            if path.exists():
                assert load_guide(path).version == 1
    save_text(OLD, g)
    assert leftovers(tmp_path) == []


def test_a_hard_linked_guide_keeps_its_links_and_gets_a_whole_backup(tmp_path: Path) -> None:
    g = tmp_path / "g.yaml"
    g.write_text(OLD, encoding="utf-8")
    other = tmp_path / "team-copy.yaml"
    os.link(g, other)
    save_text(NEW, g)
    assert other.read_text(encoding="utf-8") == NEW and os.path.samefile(g, other)
    assert (tmp_path / "g.yaml.bak").read_text(encoding="utf-8") == OLD
    assert not os.path.samefile(g, tmp_path / "g.yaml.bak")
