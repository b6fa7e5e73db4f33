"""Cold and warm `voicecheck check` on fixed 300-character posts, and where the time goes.

Run: .venv/bin/python benchmarks/cold_check.py [--runs N]
For a Chinese-only, an English and a mixed post, prints the wall time of fresh
processes (what a user waits for), whether spaCy was imported, and an in-process
breakdown: imports, guide load, first check (loads jieba and, for English, spaCy), and a
warm check (median of 200). Budgets (issue 10): cold Chinese-only <= 1.0 s without
importing spaCy; cold English <= 1.8 s; warm 300-character English <= 5 ms.
"""

from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

POSTS = {
    "zh": (
        "weibo",
        "亲们！清泉茶饮夏日新品「白桃乌龙」今天正式上市啦！全网最低价，史上最好喝的乌龙茶，"
        "错过再等一年！最近很多朋友问我们新口味什么时候到，第一次尝试的朋友可以先买小包装。"
        "我们精选福建高山乌龙，搭配当季白桃，冷泡三小时，清爽不甜腻。成为贵宾会员还能领取"
        "专属优惠券，详情请看评论区置顶。点击链接立即购买，手慢无！"
        "门店地址和营业时间请查看小程序。#清泉新品# #夏日限定# #白桃乌龙# 欢迎大家来店里试喝，"
        "告诉我们你最喜欢哪一款。清泉茶饮陪你度过每个夏天。"
        "活动时间：7月1日至7月31日，每天10:00-22:00，数量有限，售完即止。",
    ),
    "en": (
        "x",
        "Big news, friends! Our White Peach Oolong is finally here, and honestly it's the best "
        "summer drink you'll ever taste. We guarantee results: one cup and you'll feel lighter. "
        "Cold-brewed for three hours with Fujian high-mountain oolong and ripe peaches. "
        "Grab yours today at any ClearSpring store, 10am to 10pm. Hurry, stocks are limited!!!",
    ),
    "mixed": (
        "weibo",
        "亲们！清泉茶饮夏日新品「白桃乌龙」今天正式上市啦！全网最低价，史上最好喝的乌龙茶，"
        "错过再等一年！最近很多朋友问我们新口味什么时候到，第一次尝试的朋友可以先买小包装。"
        "我们精选福建高山乌龙，搭配当季白桃，冷泡三小时，清爽不甜腻。成为VIP会员还能领取"
        "专属优惠券，详情请看评论区置顶。Best ever summer drink!!! 点击链接立即购买，手慢无！"
        "门店地址和营业时间请查看小程序。#清泉新品# #夏日限定# #白桃乌龙# 欢迎大家来店里试喝，"
        "告诉我们你最喜欢哪一款。ClearSpring Tea 陪你度过每个夏天。",
    ),
}
WARM_RUNS = 200

BREAKDOWN = """
import json, statistics, sys, time
t0 = time.perf_counter()
from voicecheck.engine import check
from voicecheck.guide import load_guide
t1 = time.perf_counter()
g = load_guide(None)
t2 = time.perf_counter()
check(POST, g, CHANNEL)
t3 = time.perf_counter()
warm = []
for i in range(RUNS):
    text = POST + " " * (i % 7)  # a new text each time, as typing makes
    s = time.perf_counter()
    check(text, g, CHANNEL)
    warm.append(time.perf_counter() - s)
print(json.dumps({"import": t1 - t0, "guide load": t2 - t1, "first check": t3 - t2,
                  "warm check": statistics.median(warm), "spacy": "spacy" in sys.modules}))
"""


def fresh_process_times(path: Path, channel: str, runs: int) -> list[float]:
    exe = Path(sys.executable).parent / "voicecheck"
    times = []
    for _ in range(runs):
        t = time.perf_counter()
        subprocess.run([str(exe), "check", "-c", channel, "--format", "json", str(path)],
                       capture_output=True, check=False)
        times.append(time.perf_counter() - t)
    return times


def breakdown(post: str, channel: str) -> dict[str, float]:
    """In a fresh interpreter, so imports are really cold."""
    code = (BREAKDOWN.replace("POST", repr(post)).replace("CHANNEL", repr(channel))
            .replace("RUNS", str(WARM_RUNS)))
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    return json.loads(out.stdout)


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--runs", type=int, default=5)
    args = ap.parse_args()
    for name, (channel, post) in POSTS.items():
        with tempfile.TemporaryDirectory() as tmp:
            path = Path(tmp) / "post.txt"
            path.write_text(post, encoding="utf-8")
            fresh_process_times(path, channel, 1)  # jieba's cache and the OS's file cache
            times = fresh_process_times(path, channel, args.runs)
        parts = breakdown(post, channel)
        print(f"{name}: {len(post)} characters, channel {channel}, "
              f"spaCy imported: {'yes' if parts.pop('spacy') else 'no'}")
        print(f"  cold `voicecheck check` x{args.runs}: min {min(times):.2f} s, "
              f"median {statistics.median(times):.2f} s, max {max(times):.2f} s")
        for part, secs in parts.items():
            print(f"  {part:12s} {secs * 1000:8.1f} ms")


if __name__ == "__main__":
    main()
