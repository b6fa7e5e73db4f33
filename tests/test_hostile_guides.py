"""Broken and hostile guides and packs (issue 16): every one is a located one-line error,
exit code 2, never a traceback, a hang or an echo of a file that is not a guide."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from voicecheck import limits
from voicecheck.cli import main
from voicecheck.guide import GuideError, load_guide

LAUGHS = "".join(f"    - &a{i} [" + ", ".join([f"*a{i - 1}"] * 10) + "]\n" for i in range(1, 9))


def problems(path: Path) -> list[str]:
    with pytest.raises(GuideError) as err:
        load_guide(path)
    return [str(p) for p in err.value.problems]


def write(folder: Path, name: str, text: str) -> Path:
    p = folder / name
    p.write_text(text, encoding="utf-8")
    return p


@pytest.mark.parametrize("text, where, says", [
    ("version: 1\npromotion:\n  claims: [{suggest: [x]}]\n", "3:12", "missing 'text'"),
    ("version: 1\npromotion: {max_emoji: !!int abc}\n", "2:24", "expected a whole number"),
    ("version: 1\npromotion: {max_emoji: !!timestamp x}\n", "2:24", "expected a whole number"),
    ("version: 1\npromotion: {max_emoji: " + "9" * 5000 + "}\n", "2:24",
     "expected a whole number"),
    ("version: " + "1" * 5000 + "\n", "1:10", "expected a whole number"),
    ("version: 1\nterms: " + "[" * 5000 + "\n", "2:", "nesting depth"),
    ("version: 1\nbrand: {name: 5}\n", "2:15", "expected text, got the number '5'"),
    ("version: 1\nterms:\n  - avoid: 5\n", "3:12", "expected text, got the number '5'"),
    ("version: 1\nchannels:\n  5: {max_chars: 10}\n", "3:3", "expected text, got the number"),
    ("version: 1\npromotion:\n  allow:\n    - &a0 [x, x, x, x, x, x, x, x, x, x]\n" + LAUGHS
     + "terms:\n  - avoid: *a8\n", "", "expected text, got a list"),
])
def test_a_broken_value_is_a_located_error(tmp_path: Path, text: str, where: str,
                                           says: str) -> None:
    found = problems(write(tmp_path, "g.yaml", text))
    assert found and all(p.startswith(f"{tmp_path / 'g.yaml'}:") for p in found)
    assert says in found[0] and f"g.yaml:{where}" in found[0]
    assert all("\n" not in p and len(p) < 400 for p in found)


def test_numbers_stay_fine_where_people_write_numbers(tmp_path: Path) -> None:
    g = load_guide(write(tmp_path, "g.yaml", "version: 1\ncompliance:\n  allow_phones: "
                                             "[4008001234, '13800138000']\npromotion:\n"
                                             "  allow: [on, no]\n"))
    assert g.compliance.allow_phones == ["4008001234", "13800138000"]
    assert g.promotion.allow == ["on", "no"]  # words, not booleans



def _touch(path: Path) -> Path:
    path.touch()
    return path


@pytest.mark.parametrize("name, make, says", [
    ("p.yaml", lambda d: (d / "p.yaml").write_bytes("brand: {name: café}\n".encode("latin-1")),
     "pack 'p.yaml' is not valid UTF-8"),
    ("p.yaml", lambda d: (d / "p.yaml").write_bytes("brand: {name: x}\n".encode("utf-16")),
     "is UTF-16 text; save it as UTF-8"),
    ("p.png", lambda d: (d / "p.png").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00" + bytes(500)),
     "pack 'p.png' is not a text file"),
    ("p\x00.yaml", lambda d: None, "the name contains a NUL character"),
    ("p" * 300 + ".yaml", lambda d: None, "not found"),
    ("p.yaml", lambda d: (os.symlink("q.yaml", d / "p.yaml"), os.symlink("p.yaml", d / "q.yaml")),
     "cannot be read: symbolic link loop"),
    ("big.yaml", lambda d: os.truncate(_touch(d / "big.yaml"), 100 * 1024 * 1024),  # sparse
     "is too large (100.0 MiB; the limit is 4.0 MiB)"),
])
def test_a_pack_that_cannot_be_read_is_reported_where_it_is_named(
        tmp_path: Path, name: str, make, says: str) -> None:  # noqa: ANN001
    make(tmp_path)
    g = tmp_path / "g.yaml"
    g.write_text(f'version: 1\nextends: ["{name}"]\n'.replace("\x00", "\\0"), encoding="utf-8")
    found = problems(g)
    assert len(found) == 1 and found[0].startswith(f"{g}:2:11: pack '") and says in found[0]
    assert len(found[0]) < 300


@pytest.mark.skipif(not Path("/proc/self/mem").exists(), reason="needs /proc")
def test_proc_self_mem_as_a_pack(tmp_path: Path) -> None:
    found = problems(write(tmp_path, "g.yaml", "version: 1\nextends: [/proc/self/mem]\n"))
    assert found == [f"{tmp_path / 'g.yaml'}:2:11: pack '/proc/self/mem' cannot be read: "
                     "Input/output error"]


def test_a_file_that_is_not_a_guide_is_never_echoed(tmp_path: Path) -> None:
    secret = write(tmp_path, "passwd", "root:x:0:0:SECRET-ROOT-LINE:/root:/bin/bash\n"
                                       "daemon:x:1:1:daemon:/usr/sbin:/usr/sbin/nologin\n")
    found = problems(write(tmp_path, "g.yaml", f"version: 1\nextends: [{secret}]\n"))
    assert found == [f"{secret}:1:1: not a style guide: the file holds plain text, a guide is "
                     "keys such as version:, brand: and terms:"]
    listed = write(tmp_path, "list.yaml", "- " + "SECRET " * 100 + "\n")
    assert "SECRET" not in problems(write(tmp_path, "h.yaml", f"extends: [{listed}]\n"))[0]
    # a value is quoted, but only its first 40 characters
    long = problems(write(tmp_path, "i.yaml", "version: 1\nlanguage: " + "x" * 500 + "\n"))
    assert long and len(long[0]) < 250


def test_a_chain_of_packs_stops_at_the_depth_limit(tmp_path: Path) -> None:
    for i in range(1200):
        nxt = f"extends: [p{i + 1}.yaml]\n" if i < 1199 else ""
        write(tmp_path, f"p{i}.yaml", f"version: 1\n{nxt}")
    found = problems(write(tmp_path, "g.yaml", "version: 1\nextends: [p0.yaml]\n"))
    assert len(found) == 1
    assert f"packs extend packs more than {limits.MAX_EXTENDS_DEPTH} deep (the limit)" in found[0]


def test_a_diamond_of_packs_merges_each_pack_once(tmp_path: Path) -> None:
    """a and b both extend base: base's term is one term (it was a 'duplicate term'), and
    a deep diamond is as many loads as packs, not 2^depth."""
    write(tmp_path, "base.yaml", "version: 1\nterms:\n  - avoid: [亲们]\npromotion: {allow: [第一次]}\n")
    write(tmp_path, "a.yaml", "version: 1\nextends: [base.yaml]\n")
    write(tmp_path, "b.yaml", "version: 1\nextends: [base.yaml]\n")
    g = load_guide(write(tmp_path, "g.yaml", "version: 1\nextends: [a.yaml, b.yaml]\n"))
    assert [t.avoid for t in g.terms] == [["亲们"]] and g.promotion.allow == ["第一次"]
    levels = 12
    for i in range(levels):
        nxt = f"[l{i + 1}a.yaml, l{i + 1}b.yaml]" if i < levels - 1 else "[]"
        for side in "ab":
            write(tmp_path, f"l{i}{side}.yaml",
                  f"version: 1\nextends: {nxt}\npromotion: {{allow: [w{i}{side}]}}\n")
    deep = load_guide(write(tmp_path, "d.yaml", "version: 1\nextends: [l0a.yaml, l0b.yaml]\n"))
    assert len(deep.promotion.allow) == 2 * levels  # each pack once


def _cli(*args: str, timeout: float = 60) -> subprocess.CompletedProcess[str]:
    """The CLI in a child process, under a time limit: a hang fails the test, not the suite."""
    return subprocess.run([sys.executable, "-m", "voicecheck.cli", *args], capture_output=True,
                          text=True, timeout=timeout)


def test_a_huge_diamond_of_packs_does_not_hang(tmp_path: Path) -> None:
    for i in range(22):
        nxt = f"[l{i + 1}a.yaml, l{i + 1}b.yaml]" if i < 21 else "[]"
        for side in "ab":
            write(tmp_path, f"l{i}{side}.yaml", f"version: 1\nextends: {nxt}\n")
    g = write(tmp_path, "g.yaml", "version: 1\nextends: [l0a.yaml, l0b.yaml]\n")
    done = _cli("guide", "validate", str(g), timeout=30)  # was 2^22 loads
    assert done.returncode == 2 and "Traceback" not in done.stderr
    assert "deep (the limit)" in done.stderr


@pytest.mark.parametrize("device", ["/dev/zero", "/dev/urandom"])
def test_a_device_as_the_guide(device: str) -> None:
    if not Path(device).exists():
        pytest.skip(f"no {device}")
    done = _cli("guide", "validate", device, timeout=30)
    assert done.returncode == 2 and done.stderr == f"error: {device}:1:1: guide is a device, not a file\n"


def test_a_fifo_as_the_guide_or_a_pack(tmp_path: Path) -> None:
    os.mkfifo(tmp_path / "fifo.yaml")
    done = _cli("guide", "validate", str(tmp_path / "fifo.yaml"), timeout=30)
    assert done.returncode == 2 and "is a FIFO (named pipe), not a file" in done.stderr
    g = write(tmp_path, "g.yaml", "version: 1\nextends: [fifo.yaml]\n")
    done = _cli("guide", "validate", str(g), timeout=30)
    assert done.returncode == 2 and f"{g}:2:11: pack 'fifo.yaml' is a FIFO" in done.stderr


def test_guide_errors_exit_2_through_the_cli(tmp_path: Path, capsys) -> None:
    g = write(tmp_path, "g.yaml", "version: 1\npromotion:\n  claims: [{suggest: [x]}]\n")
    assert main(["guide", "validate", str(g)]) == 2
    err = capsys.readouterr().err
    assert err == f"error: {g}:3:12: missing 'text'\n"
