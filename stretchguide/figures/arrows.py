"""A curved arrow that traces how one body part travels from the start to the end pose."""

from __future__ import annotations

import itertools
import math
from collections.abc import Mapping

from .pose import Body
from .projection import to_page
from .svgtext import num

OFFSET = 13.0  # keep the arrow clear of the limb it follows


def arrow_svg(figure: Mapping, bodies: list[Body], view: str) -> str:
    hint = figure.get("arrow")
    if not hint:
        return ""
    part = hint if isinstance(hint, str) else hint["follow"]
    path = [to_page(view, body.landmark(part)) for body in bodies]
    trunk = [to_page(view, body.segments["upper_back"].start) for body in bodies]
    centre = (sum(p[0] for p in trunk) / len(trunk), sum(p[1] for p in trunk) / len(trunk))
    travelled = sum(math.dist(a, b) for a, b in itertools.pairwise(path))
    if travelled < 6:
        return ""
    shifted = []
    for i, p in enumerate(path):
        a, b = path[max(i - 1, 0)], path[min(i + 1, len(path) - 1)]
        dx, dy = b[0] - a[0], b[1] - a[1]
        norm = math.hypot(dx, dy) or 1.0
        nx, ny = -dy / norm, dx / norm
        if (p[0] - centre[0]) * nx + (p[1] - centre[1]) * ny < 0:
            nx, ny = -nx, -ny
        shifted.append((p[0] + nx * OFFSET, p[1] + ny * OFFSET))
    # Trim the ends so the arrow sits beside the movement, not on the body.
    cut = max(1, len(shifted) // 6)
    shown = shifted[cut - 1 : len(shifted) - cut + 1] if len(shifted) > 4 else shifted
    d = "M" + "L".join(f"{num(x)} {num(y)}" for x, y in shown)
    (x1, y1), (x2, y2) = shown[-2], shown[-1]
    angle = math.atan2(y2 - y1, x2 - x1)
    size = 6.0
    left = (x2 - size * math.cos(angle - 0.5), y2 - size * math.sin(angle - 0.5))
    right = (x2 - size * math.cos(angle + 0.5), y2 - size * math.sin(angle + 0.5))
    tip = (x2 + 1.5 * math.cos(angle), y2 + 1.5 * math.sin(angle))
    head = f"M{num(tip[0])} {num(tip[1])}L{num(left[0])} {num(left[1])}L{num(right[0])} {num(right[1])}Z"
    return f'<path class="arrow" d="{d}"/><path class="arrow-head" d="{head}"/>'
