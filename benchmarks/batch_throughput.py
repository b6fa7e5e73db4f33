"""Batch throughput and memory on real text, against raw jieba in the same run.

Posts: the shared load corpus when ../shared/corpus is there (`make_corpus.py DIR N`:
100-400 characters cut from real articles, about 21% English, 40% Simplified, 39%
Traditional), else a fixed template export folder (short, mostly Simplified posts: it
reads faster than real exports). For each repeat, in this order, one after the other:

  - raw single-core `jieba.cut` over the same posts' texts (dictionary loaded first);
  - `run_batch` with 1 worker (this process, warmed first) and with 2 worker processes.

It prints each measurement, the median of each, and the ratio of voicecheck to jieba per
repeat (paired: a shared, loaded machine slows both alike). For 2 workers it gives the
whole run (pool start included: two fresh processes loading jieba) and the steady rate
(from the first report back to the last). Then peak RSS of `voicecheck batch --workers 2`
(a separate process; the parent and the largest worker) at 10,000 posts and, with
--big, at 100,000 posts: memory must stay flat (within 10%).

Usage: .venv/bin/python benchmarks/batch_throughput.py [--posts 2000] [--repeat 3] [--big]
                                                       [--no-rss] [--keep DIR]
"""

from __future__ import annotations

import argparse
import csv
import random
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from voicecheck.batch import Post, Skipped, discover, run_batch
from voicecheck.guide import load_guide

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared" / "corpus"


# ---- posts ------------------------------------------------------------------------------

ZH = [
    "清泉茶饮春季新品今天上市，{d}起全场{z}折，会员再送一杯。",
    "亲们！全网最好喝的茉莉冷泡茶来了，{d}晚{h}点开抢，券码 SPRING{n}。",
    "一杯好茶，慢慢来。{d}到店，第二杯半价，详情见 clearspring.cn/spring",
    "最近天气转暖，我们的乌龙冷泡更清爽了。门店价 ¥{p}，欢迎你来试试。",
    "第一次来清泉？{d}前注册会员，首单立减{p}元。#清泉春茶#",
    "史上最低价！！！家人们冲鸭～限时{z}折，错过等一年 #清泉春茶#",
]
HANT = [
    "清泉茶飲春季新品今天上市，{d}起全館{z}折，會員再送一杯。",
    "第一次來清泉？{d}前註冊會員，首單立減{p}元。",
]
EN = [
    "Our spring cold brew is here: {z}0% off from March {n}, code SPRING{n}. clearspring.cn/spring",
    "New ClearSpring Jasmine Cold Brew, ${p} at every store. Come say hi!",
    "The BEST tea in the world!!! Don't miss out, ends {d}. #ClearSpring",
    "A slower cup for a busy week. Try our oolong, on us with any member order.",
]
CHANNELS_ZH = ["weibo", "xiaohongshu", "wechat", "douyin"]
CHANNELS_EN = ["x", "linkedin", "instagram"]


def _template_post(rng: random.Random) -> tuple[str, str]:
    d = f"{rng.randint(3, 4)}月{rng.randint(1, 28)}日"
    fields = dict(d=d, z=rng.choice([7, 8, 9]), h=rng.choice([8, 10, 20]),
                  n=rng.randint(10, 30), p=rng.choice([29, 39, 49]))
    r = rng.random()
    if r < 0.6:
        return rng.choice(CHANNELS_ZH), rng.choice(ZH).format(**fields)
    if r < 0.7:
        return "weibo", rng.choice(HANT).format(**fields)
    return rng.choice(CHANNELS_EN), rng.choice(EN).format(**fields)


def build_templates(root: Path, n: int, seed: int = 20240315) -> None:
    """n template posts: 40% single files in channel folders, 60% rows of one CSV."""
    rng = random.Random(seed)
    posts = [_template_post(rng) for _ in range(n)]
    files = int(n * 0.4)
    for i, (channel, text) in enumerate(posts[:files]):
        folder = root / f"campaign-{i % 50:02d}" / channel
        folder.mkdir(parents=True, exist_ok=True)
        (folder / f"post-{i:05d}.txt").write_text(text, encoding="utf-8")
    with open(root / "export.csv", "w", encoding="utf-8-sig", newline="") as fh:
        w = csv.writer(fh)
        w.writerow(["平台", "正文"])
        w.writerows(posts[files:])


def build(root: Path, n: int) -> str:
    """n posts in `root`; says which corpus."""
    root.mkdir(parents=True, exist_ok=True)
    if (SHARED / "make_corpus.py").is_file():
        subprocess.run([sys.executable, str(SHARED / "make_corpus.py"), str(root), str(n)],
                       check=True, stdout=subprocess.DEVNULL)
        return "shared corpus (real articles)"
    build_templates(root, n)
    return "template posts (../shared/corpus not found)"


# ---- measuring --------------------------------------------------------------------------

def texts_of(root: Path) -> list[str]:
    return [p.text for p in discover(root) if isinstance(p, Post)]


def jieba_rate(texts: list[str]) -> float:
    import jieba

    jieba.initialize()
    start = time.perf_counter()
    for t in texts:
        for _ in jieba.cut(t):
            pass
    return len(texts) / (time.perf_counter() - start)


def batch_rate(root: Path, workers: int, guide) -> tuple[float, float, int]:
    """(posts/s of the whole run, posts/s from the first report on, posts)."""
    start = time.perf_counter()
    first = None
    posts = 0
    for r in run_batch(root, guide, workers=workers):
        if not isinstance(r, Skipped):
            posts += 1
            if first is None:
                first = time.perf_counter()
    end = time.perf_counter()
    steady = (posts - 1) / (end - first) if first is not None and end > first else 0.0
    return posts / (end - start), steady, posts


def _hwm(pid: int) -> float:
    """The process's own peak RSS in MiB (VmHWM: unlike ru_maxrss, which a child
    inherits across fork and exec from its parent, this is its own image's)."""
    try:
        with open(f"/proc/{pid}/status", encoding="ascii") as fh:
            for line in fh:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1]) / 1024
    except OSError:
        pass
    return 0.0


def _descendants(root: int) -> list[int]:
    parents: dict[int, int] = {}
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                stat = (entry / "stat").read_text(encoding="ascii")
            except OSError:
                continue
            parents[int(entry.name)] = int(stat.rsplit(")", 1)[1].split()[1])
    found, todo = [], [root]
    while todo:
        pid = todo.pop()
        kids = [p for p, pp in parents.items() if pp == pid]
        found.extend(kids)
        todo.extend(kids)
    return found


def peak_rss(root: Path) -> dict[str, float]:
    """Peak RSS (MiB) of `voicecheck batch --workers 2` over root: the command and its
    largest worker, read from /proc while it runs (Linux)."""
    with tempfile.TemporaryDirectory() as tmp:
        cmd = [sys.executable, "-c", "import sys; from voicecheck.cli import main; "
               "sys.exit(main(sys.argv[1:]))", "batch", str(root), "--workers", "2",
               "--no-history", "--json", str(Path(tmp) / "out.json")]
        proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        parent = worker = 0.0
        while proc.poll() is None:
            parent = max(parent, _hwm(proc.pid))
            for pid in _descendants(proc.pid):
                worker = max(worker, _hwm(pid))
            time.sleep(0.5)
        if proc.returncode not in (0, 1):  # 1: some posts failed the guide
            raise SystemExit(f"voicecheck batch failed ({proc.returncode})")
    return {"parent": parent, "worker": worker}


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--posts", type=int, default=2000)
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--big", action="store_true", help="also peak RSS at 100,000 posts")
    ap.add_argument("--no-rss", action="store_true", help="skip the memory runs")
    ap.add_argument("--keep", type=Path, help="build the posts here and keep them")
    args = ap.parse_args()
    guide = load_guide()
    with tempfile.TemporaryDirectory() as tmp:
        root = args.keep or Path(tmp) / "posts"
        kind = build(root, args.posts)
        texts = texts_of(root)
        chars = sum(map(len, texts)) / len(texts)
        print(f"{len(texts):,} posts, {chars:.0f} characters on average: {kind}")
        batch_rate(root, 1, guide)  # warm this process (jieba, spaCy, the guide's tables)
        rows = []
        for i in range(args.repeat):
            jb = jieba_rate(texts)
            one, _, _ = batch_rate(root, 1, guide)
            two, two_steady, posts = batch_rate(root, 2, guide)
            rows.append((jb, one, two, two_steady))
            print(f"  run {i + 1}: jieba.cut {jb:,.0f} posts/s | voicecheck 1 worker "
                  f"{one:,.0f} posts/s ({one / jb:.2f}x jieba) | 2 workers {two:,.0f} posts/s "
                  f"whole run, {two_steady:,.0f} steady ({two_steady / jb:.2f}x jieba)")
        med = [statistics.median(c) for c in zip(*rows, strict=True)]
        print(f"median: jieba.cut {med[0]:,.0f}, 1 worker {med[1]:,.0f} "
              f"({statistics.median(r[1] / r[0] for r in rows):.2f}x), 2 workers {med[2]:,.0f} "
              f"whole run / {med[3]:,.0f} steady "
              f"({statistics.median(r[3] / r[0] for r in rows):.2f}x) posts/s")
        print(f"  (this process: peak RSS {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:.0f}"
              " MiB)")
        if args.no_rss:
            return
        sizes = [10_000] + ([100_000] if args.big else [])
        peaks = {}
        for n in sizes:
            folder = Path(tmp) / f"rss-{n}"
            build(folder, n)
            t0 = time.perf_counter()
            peaks[n] = peak_rss(folder)
            print(f"voicecheck batch --workers 2, {n:,} posts: peak RSS parent "
                  f"{peaks[n]['parent']:.0f} MiB, largest worker {peaks[n]['worker']:.0f} MiB "
                  f"({time.perf_counter() - t0:.0f} s)")
        if len(peaks) == 2:
            small, big = peaks[10_000], peaks[100_000]
            growth = max(big[k] / small[k] - 1 for k in small)
            print(f"10k -> 100k posts: peak RSS grows {growth:+.1%} "
                  f"({'flat' if growth <= 0.10 else 'NOT flat'}: within 10%)")


if __name__ == "__main__":
    main()
