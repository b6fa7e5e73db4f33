"""Cold `voicecheck check` on a fixed 300-character post, and where the time goes.

Run: .venv/bin/python benchmarks/cold_check.py [--runs N]
Prints wall time of fresh processes (what a user waits for) and an in-process
breakdown: imports, guide load, first check (loads jieba), a warm check.
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

POST = (
    "亲们！清泉茶饮夏日新品「白桃乌龙」今天正式上市啦！全网最低价，史上最好喝的乌龙茶，"
    "错过再等一年！最近很多朋友问我们新口味什么时候到，第一次尝试的朋友可以先买小包装。"
    "我们精选福建高山乌龙，搭配当季白桃，冷泡三小时，清爽不甜腻。成为VIP会员还能领取"
    "专属优惠券，详情请看评论区置顶。Best ever summer drink!!! 点击链接立即购买，手慢无！"
    "门店地址和营业时间请查看小程序。#清泉新品# #夏日限定# #白桃乌龙# 欢迎大家来店里试喝，"
    "告诉我们你最喜欢哪一款。ClearSpring Tea 陪你度过每个夏天。"
    "活动时间：7月1日至7月31日，每天10:00-22:00，数量有限，售完即止。"
)


def fresh_process_times(path: Path, runs: int) -> list[float]:
    exe = Path(sys.executable).parent / "voicecheck"
    times = []
    for _ in range(runs):
        t = time.perf_counter()
        subprocess.run([str(exe), "check", "--format", "json", str(path)],
                       capture_output=True, check=False)
        times.append(time.perf_counter() - t)
    return times


def breakdown() -> dict[str, float]:
    """In a fresh interpreter, so imports are really cold."""
    code = """
import time, json
t0 = time.perf_counter()
from voicecheck.engine import check
from voicecheck.guide import load_guide
t1 = time.perf_counter()
g = load_guide(None)
t2 = time.perf_counter()
check(POST, g, "weibo")
t3 = time.perf_counter()
check(POST + " ", g, "weibo")
t4 = time.perf_counter()
print(json.dumps({"import": t1 - t0, "guide load": t2 - t1, "first check": t3 - t2,
                  "warm check": t4 - t3}))
""".replace("POST", repr(POST))
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    import json

    return json.loads(out.stdout)


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--runs", type=int, default=5)
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "post.txt"
        path.write_text(POST, encoding="utf-8")
        times = fresh_process_times(path, args.runs)
    print(f"post: {len(POST)} characters")
    print(f"cold `voicecheck check` x{args.runs}: min {min(times):.2f} s, "
          f"median {statistics.median(times):.2f} s, max {max(times):.2f} s")
    for name, secs in breakdown().items():
        print(f"  {name:12s} {secs * 1000:7.0f} ms")


if __name__ == "__main__":
    main()
