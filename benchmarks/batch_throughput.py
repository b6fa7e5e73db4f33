"""Batch throughput and memory: a fixed 5,000-post export folder, 1 and 2 workers.

Builds the corpus deterministically in a temp dir (channel sub-folders of .txt/.md,
a CSV with Chinese headers, an XLSX, a JSON list; mixed encodings), then runs
`run_batch` and prints posts/s, wall time and peak memory:
  - parent RSS (resource.getrusage RUSAGE_SELF) and worker RSS (RUSAGE_CHILDREN, the
    largest single child), both ru_maxrss;
  - Python-level peak in the parent (tracemalloc), measured in a separate run because
    tracing slows the run down; shown for 1,000 and 5,000 posts to show it stays flat.

Usage: .venv/bin/python benchmarks/batch_throughput.py [--posts 5000] [--keep DIR]
"""

from __future__ import annotations

import argparse
import csv
import json
import random
import resource
import sys
import tempfile
import time
import tracemalloc
from pathlib import Path

from voicecheck.batch import Skipped, run_batch
from voicecheck.guide import load_guide

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


def post(rng: random.Random, i: int) -> tuple[str, str]:
    d = f"{rng.randint(3, 4)}月{rng.randint(1, 28)}日"
    fields = dict(d=d, z=rng.choice([7, 8, 9]), h=rng.choice([8, 10, 20]),
                  n=rng.randint(10, 30), p=rng.choice([29, 39, 49]))
    r = rng.random()
    if r < 0.6:
        return rng.choice(CHANNELS_ZH), rng.choice(ZH).format(**fields)
    if r < 0.7:
        return "weibo", rng.choice(HANT).format(**fields)
    return rng.choice(CHANNELS_EN), rng.choice(EN).format(**fields)


def build_corpus(root: Path, n: int, seed: int = 20240315) -> None:
    """n posts: 40% single files, 30% CSV rows, 20% XLSX rows, 10% one JSON list."""
    from openpyxl import Workbook

    rng = random.Random(seed)
    posts = [post(rng, i) for i in range(n)]
    n_files, n_csv, n_xlsx = int(n * 0.4), int(n * 0.3), int(n * 0.2)
    files, rows_csv = posts[:n_files], posts[n_files:n_files + n_csv]
    rows_xlsx = posts[n_files + n_csv:n_files + n_csv + n_xlsx]
    rows_json = posts[n_files + n_csv + n_xlsx:]
    for i, (channel, text) in enumerate(files):
        folder = root / f"campaign-{i % 50:02d}" / channel
        folder.mkdir(parents=True, exist_ok=True)
        if i % 3 == 0:
            body = f"---\nauthor: 小林\ndate: 2024-03-{i % 28 + 1:02d}\n---\n{text}"
            (folder / f"post-{i:05d}.md").write_text(body, encoding="utf-8")
        else:
            try:
                data = text.encode("gb18030" if i % 3 == 1 else "utf-8-sig")
            except UnicodeEncodeError:
                data = text.encode("utf-8")
            (folder / f"post-{i:05d}.txt").write_bytes(data)
    with open(root / "weibo-export.csv", "w", encoding="utf-8-sig", newline="") as fh:
        w = csv.writer(fh)
        w.writerow(["发布时间", "平台", "正文", "作者"])
        for i, (channel, text) in enumerate(rows_csv):
            w.writerow([f"2024-03-{i % 28 + 1:02d} 10:00", channel, text, "运营部"])
    wb = Workbook()
    ws = wb.active
    ws.append(["日期", "渠道", "文案", "活动"])
    for i, (channel, text) in enumerate(rows_xlsx):
        ws.append([f"2024-04-{i % 28 + 1:02d}", channel, text, f"spring-{i % 40}"])
    wb.save(root / "planner.xlsx")
    (root / "api-dump.json").write_text(
        json.dumps([{"platform": c, "content": t} for c, t in rows_json], ensure_ascii=False),
        encoding="utf-8")


def run(root: Path, workers: int) -> tuple[int, int, float]:
    guide = load_guide()
    start = time.perf_counter()
    posts = skipped = 0
    for r in run_batch(root, guide, workers=workers):
        if isinstance(r, Skipped):
            skipped += 1
        else:
            posts += 1
    return posts, skipped, time.perf_counter() - start


def traced_peak(root: Path, workers: int) -> int:
    tracemalloc.start()
    run(root, workers)
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    return peak


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--posts", type=int, default=5000)
    ap.add_argument("--keep", type=Path, help="build the corpus here and keep it")
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        root = args.keep or Path(tmp) / "exports"
        root.mkdir(parents=True, exist_ok=True)
        t0 = time.perf_counter()
        build_corpus(root, args.posts)
        print(f"corpus: {args.posts:,} posts built in {time.perf_counter() - t0:.1f}s at {root}")
        for workers in (1, 2):
            posts, skipped, secs = run(root, workers)
            rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
            child = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
            print(f"workers={workers}: {posts:,} posts ({skipped} skipped) in {secs:.1f}s = "
                  f"{posts / secs:,.0f} posts/s; peak RSS parent {rss:.0f} MiB, "
                  f"largest worker {child:.0f} MiB")
        small = Path(tmp) / "small"
        small.mkdir()
        build_corpus(small, 1000)
        for label, folder in (("1,000", small), (f"{args.posts:,}", root)):
            peak = traced_peak(folder, 2) / 1024 / 1024
            print(f"tracemalloc peak in parent (workers=2), {label} posts: {peak:.1f} MiB")
    sys.stdout.flush()


if __name__ == "__main__":
    main()
