"""The view from behind: no face, the shoulder blades drawn on the back, and their arrows on it."""

from __future__ import annotations

import math
import re
import xml.etree.ElementTree as ElementTree
from pathlib import Path

import pytest
import yaml

from stretchguide.figures import figure_problems, render_figure_svg, render_pose_svg, views_of
from stretchguide.figures.arrows import arrow_cut_svg, arrow_paths, arrow_svg
from stretchguide.figures.projection import flatten
from stretchguide.figures.skeleton import HEAD_RADIUS
from stretchguide.figures.svg import frames_of

REPO = Path(__file__).resolve().parent.parent
SVG = "{http://www.w3.org/2000/svg}"
ENTRY = REPO / "content" / "exercises" / "shoulder-blade-squeezes.md"
SQUEEZE = {
    "alt": "Seen from behind, sitting on a chair, the person draws the shoulder blades together.",
    "view": "back",
    "props": ["chair"],
    "arrow": "shoulder_blades",
    "start": {"posture": "seated_on_chair", "angles": {"shoulder_blade_squeeze": -15}},
    "end": {"posture": "seated_on_chair", "angles": {"shoulder_blade_squeeze": 25, "shoulder_blade_lift": -8}},
}
NUMBER = re.compile(r"-?\d+(?:\.\d+)?")


def entry_figure() -> dict:
    return yaml.safe_load(ENTRY.read_text(encoding="utf-8").split("---\n", 2)[1])["figure"]


def blades(svg: str) -> list[list[tuple[float, float]]]:
    """Each shoulder blade drawn in the picture, as its corners on the page: the path's points taken
    through its transform, in the coordinates of the body (the picture's own offset is the same for both)."""
    root = ElementTree.fromstring(svg)
    found = []
    for group in root.iter(f"{SVG}g"):
        if group.get("class") != "blade":
            continue
        for path in group.iter(f"{SVG}path"):
            a, b, c, d, e, f = map(float, NUMBER.findall(path.get("transform")))
            values = list(map(float, NUMBER.findall(path.get("d"))))
            points = list(zip(values[::2], values[1::2], strict=True))
            found.append([(a * u + c * v + e, b * u + d * v + f) for u, v in points])
    return found


def gap(corners: list[list[tuple[float, float]]]) -> float:
    """The space across the page between the two blades, at their closest."""
    left, right = sorted(corners, key=lambda blade: min(x for x, _ in blade))
    return min(x for x, _ in right) - max(x for x, _ in left)


def face_spots(svg: str) -> list[ElementTree.Element]:
    """What the picture draws on the head besides the head itself (a nose), and cuts out of it (eyes)."""
    root = ElementTree.fromstring(svg)
    spots = []
    for group in root.iter(f"{SVG}g"):
        circles = group.findall(f"{SVG}circle")
        if any(math.isclose(float(c.get("r")), HEAD_RADIUS) for c in circles):
            spots += [c for c in circles if not math.isclose(float(c.get("r")), HEAD_RADIUS)]
    for mask in root.iter(f"{SVG}mask"):
        if mask.get("id").endswith("-face"):
            spots += list(mask.iter(f"{SVG}circle"))
    return spots


def test_the_back_view_draws_no_face():
    for svg in (
        render_figure_svg(SQUEEZE, slug="behind"),
        render_pose_svg(SQUEEZE, "end", slug="behind"),
        render_pose_svg(SQUEEZE, "movement", slug="behind"),
    ):
        assert face_spots(svg) == []
    # The same figure from the front has its face (a nose and two eyes): the test would see one.
    assert len(face_spots(render_pose_svg({**SQUEEZE, "view": "front"}, "end", slug="front"))) >= 3


def test_a_squeeze_draws_the_shoulder_blades_closer_together_and_a_little_lower_at_the_end():
    start = blades(render_pose_svg(SQUEEZE, "start", slug="s"))
    end = blades(render_pose_svg(SQUEEZE, "end", slug="e"))
    assert len(start) == len(end) == 2
    assert gap(end) < gap(start) - 6, (gap(start), gap(end))
    assert gap(end) > 2  # together, but not one on the other
    tops = [min(y for _, y in blade) for blade in start], [min(y for _, y in blade) for blade in end]
    assert all(e > s for s, e in zip(*tops, strict=True))  # set down: lower on the page
    # The blades lie on the upper back, between the shoulders and below them.
    for body, drawn in ((frames_of(SQUEEZE)[0], start), (frames_of(SQUEEZE)[-1], end)):
        flat = flatten(body, "back")
        shoulders = sorted(flat.pieces[f"{side}_collarbone"].end[0] for side in ("left", "right"))
        top = flat.pieces["upper_back"].end[1]
        assert all(shoulders[0] < x < shoulders[1] and y > top for blade in drawn for x, y in blade)


def test_the_shoulder_blades_move_in_the_animation_and_show_only_from_behind():
    svg = render_figure_svg(SQUEEZE, slug="loop")
    root = ElementTree.fromstring(svg)
    paths = [p for g in root.iter(f"{SVG}g") if g.get("class") == "blade" for p in g.iter(f"{SVG}path")]
    # Those that move: the start pose held still inside the figure has its own, still.
    paths = [p for p in paths if "anim" in (p.get("class") or "").split()]
    assert len(paths) == 2
    style = root.find(f"{SVG}style").text
    for path in paths:
        moving = next(name for name in path.get("class").split() if name.startswith("a-"))
        keyframes = re.search(rf"@keyframes loop-motion-{moving[2:]}\{{(.*?)\}}\}}", style).group(1)
        assert len(set(re.findall(r"matrix\([^)]*\)", keyframes))) > 5
    for view in ("side", "front", "three_quarter"):
        assert 'class="blade"' not in render_figure_svg({**SQUEEZE, "view": view}, slug=view)


def test_the_shoulder_blades_arrows_lie_on_the_back_and_point_to_the_spine():
    bodies = frames_of(SQUEEZE)
    paths, why = arrow_paths(SQUEEZE, bodies, "back")
    assert why == "" and len(paths) == 2
    spine = flatten(bodies[-1], "back").pieces["upper_back"].end[0]
    for path in paths:
        assert abs(path[-1][0] - spine) < abs(path[0][0] - spine) - 5
    # Cut out of the back, not drawn over it; a still of the start has none.
    assert arrow_svg(SQUEEZE, bodies, "back") == ""
    assert arrow_cut_svg(SQUEEZE, bodies, "back").count("<path") == 4
    for which, count in (("end", 2), ("movement", 2), ("start", 0)):
        root = ElementTree.fromstring(render_pose_svg(SQUEEZE, which, slug=which))
        assert not [p for p in root.iter(f"{SVG}path") if p.get("class") == "arrow"]
        face = next(m for m in root.iter(f"{SVG}mask") if m.get("id").endswith("-face"))
        assert len([p for p in face.iter(f"{SVG}path") if p.get("fill") == "none"]) == count, which
    # From the side a shoulder blade's arrow goes beside the body, as every other arrow does.
    side = {**SQUEEZE, "view": "side", "arrow": "left_shoulder_blade"}
    assert arrow_cut_svg(side, frames_of(side), "side") == ""


@pytest.mark.parametrize("arrow", ["left_shoulder_blade", "right_shoulder_blade"])
def test_one_shoulder_blade_gets_one_arrow(arrow):
    paths, _ = arrow_paths({**SQUEEZE, "arrow": arrow}, frames_of(SQUEEZE), "back")
    assert len(paths) == 1
    assert (paths[0][-1][0] < 0) == (arrow == "left_shoulder_blade")  # the person's left is on the reader's left


def test_the_entry_is_drawn_from_behind_and_has_no_problems():
    figure = entry_figure()
    assert views_of(figure)[0] == "back"
    assert figure_problems(figure) == []
    start = blades(render_pose_svg(figure, "start", slug="s"))
    end = blades(render_pose_svg(figure, "end", slug="e"))
    assert gap(end) < gap(start) - 6
