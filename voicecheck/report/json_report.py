"""JSON as docs/report-format.md describes it: one object per post, an array for several."""

from __future__ import annotations

import json

from ..findings import Report


def render(reports: list[Report], as_array: bool) -> str:
    data = [r.to_dict() for r in reports]
    return json.dumps(data if as_array else data[0], ensure_ascii=False, indent=2)
