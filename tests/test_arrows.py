"""Arrows on a figure: a loop for a roll (`arrow: {part: ..., path: circle}`) beside today's plain `arrow: <part>`."""

from __future__ import annotations

import math
import re
from itertools import pairwise

import pytest
from conftest import FIGURE

from stretchguide.figures import figure_problems, render_pose_svg
from stretchguide.figures.arrows import CLEARANCE, arrow_path, arrow_svg
from stretchguide.figures.geometry import distance_to_segment
from stretchguide.figures.projection import flatten, to_page
from stretchguide.figures.skeleton import HEAD_RADIUS, SEGMENTS_BY_NAME
from stretchguide.figures.svg import frames_of

# Shoulders lifted and forward at the start, down and back at the end: a backward roll.
BACKWARD_ROLL = {
    "alt": "Standing with the arms hanging, the person rolls the shoulders up, back and down.",
    "view": "side",
    "arrow": {"part": "left_shoulder", "path": "circle"},
    "start": {"posture": "standing", "angles": {"shoulder_blade_lift": 30, "shoulder_blade_squeeze": -20}},
    "end": {"posture": "standing", "angles": {"shoulder_blade_lift": -10, "shoulder_blade_squeeze": 25}},
}
FORWARD_ROLL = {**BACKWARD_ROLL, "start": BACKWARD_ROLL["end"], "end": BACKWARD_ROLL["start"]}
REACH = {
    "alt": "Standing, the person raises both arms forward and up overhead.",
    "view": "side",
    "arrow": "left_hand",
    "start": {"posture": "standing"},
    "end": {"posture": "standing", "angles": {"shoulder_raise_forward": 170}},
}


def loop(figure: dict, view: str = "side") -> list[tuple[float, float]]:
    points, why = arrow_path(figure, frames_of(figure), view)
    assert points, why
    return points


def centre_of(points: list[tuple[float, float]]) -> tuple[float, float]:
    """The centre of the circle through the first, a middle and the last point."""
    (ax, ay), (bx, by), (cx, cy) = points[0], points[len(points) // 2], points[-1]
    d = 2 * (ax * (by - cy) + bx * (cy - ay) + cx * (ay - by))
    ux = ((ax**2 + ay**2) * (by - cy) + (bx**2 + by**2) * (cy - ay) + (cx**2 + cy**2) * (ay - by)) / d
    uy = ((ax**2 + ay**2) * (cx - bx) + (bx**2 + by**2) * (ax - cx) + (cx**2 + cy**2) * (bx - ax)) / d
    return ux, uy


def turned(points: list[tuple[float, float]]) -> float:
    """Degrees the path goes round its centre, counterclockwise as the reader sees it (the page's y grows down)."""
    cx, cy = centre_of(points)
    angles = [math.degrees(math.atan2(cy - y, x - cx)) for x, y in points]
    return sum((b - a + 180) % 360 - 180 for a, b in pairwise(angles))


def moves_at_the_top(points: list[tuple[float, float]]) -> float:
    """Which way the path goes across the page at its highest point: + right, - left."""
    top = min(range(len(points) - 1), key=lambda i: points[i][1])
    return points[top + 1][0] - points[top][0]


def head_tip(svg: str) -> tuple[float, float]:
    x, y = re.search(r'class="arrow-head" d="M(\S+) (\S+?)L', svg).groups()
    return float(x), float(y)


def head_length(svg: str) -> float:
    """From the head's point to the middle of its base."""
    head = re.search(r'class="arrow-head" d="M(\S+) (\S+)L(\S+) (\S+)L(\S+) (\S+)Z"', svg).groups()
    tx, ty, ax, ay, bx, by = map(float, head)
    return math.dist((tx, ty), ((ax + bx) / 2, (ay + by) / 2))


def test_a_circle_arrow_goes_round_most_of_a_circle():
    points = loop(BACKWARD_ROLL)
    centre = centre_of(points)
    radii = [math.dist(point, centre) for point in points]
    assert 270 <= abs(turned(points)) < 360
    assert max(radii) - min(radii) < 0.01


def test_seen_from_the_side_a_backward_roll_loops_up_and_over_toward_the_back():
    # The person faces right: their back is to the left.
    points = loop(BACKWARD_ROLL)
    assert moves_at_the_top(points) < 0
    assert turned(points) > 0


def test_a_forward_roll_loops_the_other_way():
    points = loop(FORWARD_ROLL)
    assert moves_at_the_top(points) > 0
    assert turned(points) < 0


def test_seen_from_the_other_side_a_backward_roll_goes_over_the_top_toward_the_back_there():
    # The person faces left: their back is to the right.
    assert moves_at_the_top(loop(BACKWARD_ROLL, "other_side")) > 0


def test_the_loops_head_points_on_round_the_circle():
    for figure in (BACKWARD_ROLL, FORWARD_ROLL):
        points = loop(figure)
        (cx, cy), (x, y) = centre_of(points), points[-1]
        tip = head_tip(arrow_svg(figure, frames_of(figure), "side"))
        # Counterclockwise as seen, a point goes round at right angles to its radius: (dy, -dx) on the page.
        sense = 1 if turned(points) > 0 else -1
        tangent = (sense * (y - cy), -sense * (x - cx))
        ahead = (tip[0] - x, tip[1] - y)
        cosine = (ahead[0] * tangent[0] + ahead[1] * tangent[1]) / (math.hypot(*ahead) * math.hypot(*tangent))
        assert cosine > 0.9


def test_a_loops_head_is_larger_than_a_plain_arrows_so_its_way_round_shows_on_a_card():
    loop_head = head_length(arrow_svg(BACKWARD_ROLL, frames_of(BACKWARD_ROLL), "side"))
    plain_head = head_length(arrow_svg(REACH, frames_of(REACH), "side"))
    assert loop_head > 1.3 * plain_head


def test_a_loop_is_about_the_size_of_the_head():
    points = loop(BACKWARD_ROLL)
    assert math.dist(points[0], centre_of(points)) == pytest.approx(HEAD_RADIUS, abs=1.0)


def test_the_loop_keeps_clear_of_the_body():
    end = flatten(frames_of(BACKWARD_ROLL)[-1], "side")
    pieces = [(p.start, p.end, p.width / 2) for name, p in end.pieces.items() if SEGMENTS_BY_NAME[name].drawn]
    pieces.append((end.head, end.head, HEAD_RADIUS))
    for point in loop(BACKWARD_ROLL):
        assert all(distance_to_segment(point, a, b) >= r + CLEARANCE for a, b, r in pieces)


def test_a_backward_rolls_loop_sits_just_behind_the_shoulder():
    shoulder = to_page("side", frames_of(BACKWARD_ROLL)[-1].landmark("left_shoulder"))
    centre = centre_of(loop(BACKWARD_ROLL))
    assert centre[0] < shoulder[0]
    assert math.dist(centre, shoulder) < 40


def test_the_sheets_framed_picture_makes_room_for_the_whole_loop():
    svg = render_pose_svg(BACKWARD_ROLL, "end", slug="roll", framed=True)
    left, top, width, height = map(float, re.search(r'viewBox="([^"]+)"', svg).group(1).split())
    # The drawing is moved into place by the group that starts with the floor line.
    shift, drop = map(float, re.search(r'<g transform="translate\((\S+) (\S+)\)"><line class="floor"', svg).groups())
    for x, y in loop(BACKWARD_ROLL):
        assert left < x + shift < left + width
        assert top < y + drop < top + height


def test_a_circle_seen_from_the_front_is_named_not_silently_dropped():
    assert figure_problems({**BACKWARD_ROLL, "view": "front"}) == [
        (
            ("arrow",),
            "`arrow: {part: left_shoulder, path: circle}` is not drawn: seen from the `front` view the left shoulder "
            "moves only 1 cm across the picture, so a circle cannot show which way it rolls; "
            "draw it from the side (`view: side`), or leave out `path: circle`",
        )
    ]


@pytest.mark.parametrize("written", [{"part": "left_hand"}, {"part": "left_hand", "path": "follow"}])
def test_an_arrow_written_with_its_part_and_no_circle_is_the_plain_arrow(written):
    bodies = frames_of(REACH)
    assert arrow_svg({**REACH, "arrow": written}, bodies, "side") == arrow_svg(REACH, bodies, "side")
    assert arrow_svg(REACH, bodies, "side")


@pytest.mark.parametrize(
    ("arrow", "message"),
    [
        (
            "{part: left_shoulder, path: circel}",
            "13:38: figure.arrow.path: 'circel' is not one of: follow, circle; did you mean 'circle'?",
        ),
        ("{path: circle}", "13:10: figure.arrow.part: is missing: The body part the arrow goes with."),
    ],
)
def test_a_bad_arrow_is_named_at_its_place(content, arrow, message):
    figure = FIGURE.replace("view: front", f"view: front\n  arrow: {arrow}")
    assert content.problems_with_figure(figure) == [f"content/exercises/chin-tucks.md:{message}"]
