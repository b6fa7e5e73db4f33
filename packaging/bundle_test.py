"""Smoke test of the built bundle (`make bundle-test`), run as a user without Python runs
it: an empty HOME and TMPDIR (a jieba cache left in either would hide a dictionary
missing from the bundle), no venv on PATH, no PYTHON* variables, a working folder
outside the checkout. Each check compares the bundle with the venv given the same
input in the same kind of empty home.

    .venv/bin/python packaging/bundle_test.py dist/voicecheck-VERSION-linux-ARCH.tar.gz

A .tar.gz is unpacked the way a user does (`tar xzf`, into a folder with a space in its
name) and that copy is tested; a folder is tested where it is.

Prints one line per check and `N passed, N failed`; exits 1 when a check failed.
"""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
VENV_CLI = Path(sys.executable).parent / "voicecheck"
TIMEOUT = 300
# One of each language situation; the JSON check also covers every other sample draft.
DRAFTS = {"zh-Hans": "weibo-launch.txt", "en": "x-promo-en.txt",
          "zh-Hant-HK": "fb-hk-weekend.txt", "mixed": "wechat-xhs-mixed-note.txt"}
BAD_GUIDE = "version: 1\nbrand: {name: Test}\nvoice:\n  tone: {formality: [70, 30]}\n"
# English claims only spaCy's Matcher and lemma table find (passive, inflected, words between):
# findings here show the bundle's spaCy works, not just that both runs found nothing.
EN_CLAIMS = "Results are guaranteed: the best shell you'll ever wear, and it cured my cold.\n"
EN_CLAIM_RULES = ["promotion.guarantee", "promotion.absolute-claim", "compliance.health-claim"]


class Sandbox:
    """A fresh HOME, TMPDIR and working folder, with copies of the sample drafts, the
    sample export and the example guides (so the same relative paths reach both runs)."""

    def __init__(self, base: Path, name: str) -> None:
        self.root = base / name
        self.home, self.tmp, self.cwd = (self.root / d for d in ("home", "tmp", "work"))
        for folder in (self.home, self.tmp):
            folder.mkdir(parents=True)
        shutil.copytree(ROOT / "assets" / "samples", self.cwd / "samples")
        shutil.copytree(ROOT / "assets" / "sample-export", self.cwd / "sample-export")
        shutil.copytree(ROOT / "styleguides", self.cwd / "styleguides")
        (self.cwd / "bad-guide.yaml").write_text(BAD_GUIDE, encoding="utf-8")
        (self.cwd / "en-claims.txt").write_text(EN_CLAIMS, encoding="utf-8")

    def env(self) -> dict[str, str]:
        return {"HOME": str(self.home), "TMPDIR": str(self.tmp), "PATH": "/usr/bin:/bin",
                "LANG": "C.UTF-8", "QT_QPA_PLATFORM": "offscreen"}

    def run(self, program: Path | str, *args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run([str(program), *args], cwd=self.cwd, env=self.env(),
                              capture_output=True, text=True, timeout=TIMEOUT, check=False)


class Checks:
    def __init__(self) -> None:
        self.passed = self.failed = 0

    def __call__(self, name: str, check: Callable[[], str | None]) -> None:
        try:
            problem = check()
        except Exception as exc:  # a crash in one check must not hide the others
            problem = f"{type(exc).__name__}: {exc}"
        if problem:
            self.failed += 1
            print(f"FAIL {name}: {problem}", flush=True)
        else:
            self.passed += 1
            print(f"ok   {name}", flush=True)


def same_output(bundle: subprocess.CompletedProcess[str], venv: subprocess.CompletedProcess[str],
                normalize: Callable[[str], object] = str) -> str | None:
    if bundle.returncode != venv.returncode:
        return (f"exit {bundle.returncode}, the venv's {venv.returncode}; "
                f"stderr: {bundle.stderr.strip()[-500:]}")
    try:
        got = normalize(bundle.stdout)
    except ValueError as exc:
        return f"unreadable output ({exc}); stderr: {bundle.stderr.strip()[-500:]}"
    if got != normalize(venv.stdout):
        return f"output differs from the venv's:\n{bundle.stdout[:1500]}\n--- venv:\n{venv.stdout[:1500]}"
    return None


def batch_posts(folder: Path) -> list[dict]:
    posts = json.loads((folder / "batch.json").read_text(encoding="utf-8"))
    return sorted(posts, key=lambda post: json.dumps(post.get("source"), sort_keys=True))


def screenshot_problem(png: Path) -> str | None:
    """The window, drawn: a PNG of a window's size with more than a few colours."""
    from PySide6.QtGui import QImage  # PNG is built into QtGui: no application needed

    image = QImage(str(png))
    if image.isNull():
        return f"{png.name} is missing or not an image"
    if image.width() < 800 or image.height() < 500:
        return f"{image.width()}x{image.height()} is not a window"
    colours = {image.pixel(x, y) for x in range(0, image.width(), 7) for y in range(0, image.height(), 7)}
    return None if len(colours) > 20 else f"only {len(colours)} colours: nothing was drawn"


def runs(history_json: str) -> object:
    """`history --format json` without what differs between two sandboxes: where the
    folder is and when it ran."""
    def strip(value: object) -> object:
        if isinstance(value, dict):
            return {k: strip(v) for k, v in value.items() if k not in ("folder", "started", "finished")}
        return [strip(v) for v in value] if isinstance(value, list) else value
    return strip(json.loads(history_json))


def listing(folder: Path) -> set[str]:
    return {str(p.relative_to(folder)) for p in folder.rglob("*")}


def unpacked(archive: Path, base: Path) -> Path:
    """The bundle folder inside the archive, unpacked as a user would."""
    folder = base / "Downloads here"
    folder.mkdir()
    subprocess.run(["tar", "xzf", str(archive), "-C", str(folder)], check=True)
    (bundle,) = folder.iterdir()
    return bundle


def main(argv: list[str]) -> int:
    given = Path(argv[0] if argv else ROOT / "dist" / "voicecheck").resolve()
    if not given.exists():
        print(f"{given}: no bundle here (make bundle builds it)", file=sys.stderr)
        return 2
    check = Checks()
    with tempfile.TemporaryDirectory(prefix="voicecheck-bundle-test-") as base:
        bundle = unpacked(given, Path(base)) if given.is_file() else given
        cli, app = bundle / "voicecheck", bundle / "voicecheck-app"
        print(f"testing {bundle}")
        before = listing(bundle)
        ours, ref = Sandbox(Path(base), "bundle"), Sandbox(Path(base), "venv")

        def both(*args: str) -> tuple[subprocess.CompletedProcess[str], subprocess.CompletedProcess[str]]:
            return ours.run(cli, *args), ref.run(VENV_CLI, *args)

        def version() -> str | None:
            got, want = both("--version")
            return same_output(got, want)

        def drafts_json() -> str | None:
            names = [f"samples/{name}" for name in DRAFTS.values()]
            return same_output(*both("check", "--format", "json", *names), json.loads)

        def english_claims() -> str | None:
            got = ours.run(cli, "check", "--format", "json", "en-claims.txt")
            rules = [f["rule"] for f in json.loads(got.stdout)["findings"]] if got.stdout else []
            if rules != EN_CLAIM_RULES:
                return f"rules {rules}, not {EN_CLAIM_RULES}; stderr: {got.stderr[-500:]}"
            return same_output(got, ref.run(VENV_CLI, "check", "--format", "json", "en-claims.txt"),
                               json.loads)

        def all_samples_json() -> str | None:
            names = sorted(f"samples/{p.name}" for p in (ours.cwd / "samples").iterdir())
            return same_output(*both("check", "--format", "json", *names), json.loads)

        def jieba_dictionary() -> str | None:
            trimmed = list((ours.home / ".cache" / "voicecheck").glob("jieba-*.txt"))
            return None if trimmed else "no trimmed jieba dictionary in the empty HOME's cache"

        def messages_zh() -> str | None:
            return same_output(*both("check", "--lang", "zh-Hant", f"samples/{DRAFTS['mixed']}"))

        def convert() -> str | None:
            results = [same_output(*both("convert", "--to", target, f"samples/{DRAFTS['zh-Hans']}"))
                       for target in ("zh-Hant-TW", "zh-Hant-HK")]
            results.append(same_output(*both("convert", "--to", "zh-Hans",
                                             f"samples/{DRAFTS['zh-Hant-HK']}")))
            return next((r for r in results if r), None)

        def guides_valid() -> str | None:
            for guide in sorted((ours.cwd / "styleguides").glob("*.yaml")):
                got = ours.run(cli, "guide", "validate", f"styleguides/{guide.name}")
                if got.returncode != 0 or not got.stdout.strip().endswith(": ok"):
                    return f"{guide.name}: exit {got.returncode}: {got.stdout}{got.stderr}"
            return None

        def guide_invalid() -> str | None:
            got, want = both("guide", "validate", "bad-guide.yaml")
            if got.returncode != 2 or "bad-guide.yaml:4:" not in got.stderr + got.stdout:
                return f"exit {got.returncode}, no located error: {got.stdout}{got.stderr}"
            return None if got.stderr == want.stderr else f"{got.stderr} != venv's {want.stderr}"

        def batch() -> str | None:
            args = ("batch", "sample-export", "--workers", "2", "--json", "batch.json")
            got, want = both(*args)
            if got.returncode != want.returncode:
                return f"exit {got.returncode}, the venv's {want.returncode}: {got.stderr[-500:]}"
            return None if batch_posts(ours.cwd) == batch_posts(ref.cwd) else "batch JSON differs"

        def learn() -> str | None:  # reads jieba's dictionary and spaCy's English word table
            return same_output(*both("guide", "learn", "sample-export"))

        def history() -> str | None:  # the batch run above, from the history database
            return same_output(*both("history", "--format", "json", "sample-export"), runs)

        def window() -> str | None:
            got = ours.run(app, "--screenshot", "window.png", f"samples/{DRAFTS['zh-Hans']}")
            if got.returncode not in (0, 1):
                return f"exit {got.returncode}: {got.stderr[-800:]}"
            return screenshot_problem(ours.cwd / "window.png")

        def batch_window() -> str | None:  # the Batch workspace runs first; QtCharts' Trends
            got = ours.run(app, "--screenshot", "batch.png", "--tab", "batch",
                           "--batch", "sample-export", f"samples/{DRAFTS['en']}")
            if got.returncode not in (0, 1):
                return f"exit {got.returncode}: {got.stderr[-800:]}"
            return screenshot_problem(ours.cwd / "batch.png")

        def help_pages() -> str | None:
            # help_pages.docs_dir(): three folders up from voicecheck/gui/help_pages.pyc
            pages = {p.name for p in (bundle / "_internal" / "docs").glob("*.md")}
            wanted = {p.name for p in (ROOT / "docs").glob("*.md")}
            return None if pages == wanted else f"Help pages {sorted(pages)}, not {sorted(wanted)}"

        def desktop_entry() -> str | None:
            script = bundle / "install-desktop-entry.sh"
            if not script.is_file():
                return None if sys.platform != "linux" else "no install-desktop-entry.sh"
            got = ours.run(script)
            entries = ours.home / ".local" / "share" / "applications"
            entry = next(entries.glob("*.desktop"), None)
            if got.returncode != 0 or entry is None:
                return f"exit {got.returncode}, no entry: {got.stderr}"
            exec_line = next(x for x in entry.read_text(encoding="utf-8").splitlines()
                             if x.startswith("Exec="))
            if exec_line != f'Exec="{app}" %f':
                return f"{exec_line!r} does not start {app}"
            icons = list((ours.home / ".local" / "share" / "icons").rglob("*.png"))
            if len(icons) < 8:
                return f"{len(icons)} icon sizes installed"
            ours.run(script, "--remove")
            return f"--remove left {entry.name}" if entry.exists() else None

        def unchanged() -> str | None:
            added = sorted(listing(bundle) - before)
            return f"the runs wrote into the bundle: {added[:5]}" if added else None

        check("--version", version)
        check("check --format json: a Chinese, an English, a Hong Kong and a mixed draft", drafts_json)
        check("check --format json: English claims found by spaCy's patterns", english_claims)
        check("check --format json: every sample draft", all_samples_json)
        check("jieba's dictionary came from the bundle", jieba_dictionary)
        check("check --lang zh-Hant: the message catalog", messages_zh)
        check("convert: OpenCC's dictionaries", convert)
        check("guide validate: every example guide", guides_valid)
        check("guide validate: a bad guide names file:line:column, exit 2", guide_invalid)
        check("batch --workers 2 (spawned workers in the bundle)", batch)
        check("history: the batch run recorded in the empty HOME", history)
        check("guide learn: a guide proposed from the sample export", learn)
        check("voicecheck-app --screenshot, offscreen", window)
        check("voicecheck-app --screenshot --tab batch: the sample export run in the app", batch_window)
        check("Help pages where the app looks for them", help_pages)
        check("install-desktop-entry.sh: menu entry and icons for this folder, then --remove",
              desktop_entry)
        check("nothing written into the bundle", unchanged)
    print(f"{check.passed} passed, {check.failed} failed")
    return 1 if check.failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
