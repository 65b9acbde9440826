"""Flatten a placed body onto the page for one view: side (person faces right), three-quarter, front, back or above."""

from __future__ import annotations

import math
from dataclasses import dataclass, field

from .geometry import Vec
from .pose import Body, radius_along
from .skeleton import HEAD_RADIUS, SEGMENTS, SIDES, eyes, nose, shoulder_blade

Point = tuple[float, float]

# The three-quarter view: from the side, turned this far toward the person's front, so
# turns of the chest and arms across the body show as well as bends.
THREE_QUARTER = math.radians(40)

# Where the camera looks from, and which world axis runs left to right on the page: always square
# to the camera, or the drawing shears (an arm reaching toward the reader would seem to reach forward).
CAMERA: dict[str, Vec] = {
    "side": (0.0, 0.0, 1.0),
    "other_side": (0.0, 0.0, -1.0),
    "front": (1.0, 0.0, 0.0),
    "back": (-1.0, 0.0, 0.0),  # behind the person, who faces away: the shoulder blades show
    "above": (0.0, 1.0, 0.0),  # looking down at someone lying on the floor
    "three_quarter": (math.sin(THREE_QUARTER), 0.0, math.cos(THREE_QUARTER)),
}
ACROSS: dict[str, Vec] = {
    "side": (1.0, 0.0, 0.0),
    "other_side": (-1.0, 0.0, 0.0),
    "front": (0.0, 0.0, 1.0),
    "back": (0.0, 0.0, -1.0),  # the front view mirrored: the person's left is on the reader's left
    "above": (1.0, 0.0, 0.0),
    "three_quarter": (math.cos(THREE_QUARTER), 0.0, -math.sin(THREE_QUARTER)),
}
# Near and far limbs are told apart as in the side view: turned toward the front, every
# limb reaching forward would count as near.
LAYERS_AS = {"three_quarter": "side"}
DOWN: dict[str, Vec] = {view: (0.0, -1.0, 0.0) for view in CAMERA} | {"above": (0.0, 0.0, 1.0)}
VIEWS = tuple(CAMERA)
FACE_ON = ("front", "back")  # the views square to the person's front or back: props are drawn face-on
EYE_SHOWS = 0.05  # an eye is drawn while it is at least this far (in head radii) on the reader's side


def facing(view: str) -> int:
    """Which way the person faces on the page: +1 right, -1 left, 0 toward the reader or away."""
    across = ACROSS[view][0]
    return 0 if abs(across) < 0.5 else (1 if across > 0 else -1)


def to_page(view: str, p: Vec) -> Point:
    """World centimetres to page units (y grows downward on the page)."""
    across, down = ACROSS[view], DOWN[view]
    return (
        p[0] * across[0] + p[1] * across[1] + p[2] * across[2],
        p[0] * down[0] + p[1] * down[1] + p[2] * down[2],
    )


def depth(view: str, p: Vec) -> float:
    """How near the point is to the viewer."""
    camera = CAMERA[view]
    return p[0] * camera[0] + p[1] * camera[1] + p[2] * camera[2]


@dataclass(frozen=True)
class Piece:
    """One body segment as drawn on the page in one frame."""

    start: Point
    end: Point
    width: float

    @property
    def length(self) -> float:
        return math.hypot(self.end[0] - self.start[0], self.end[1] - self.start[1])

    @property
    def angle(self) -> float:
        return math.degrees(math.atan2(self.end[1] - self.start[1], self.end[0] - self.start[0]))


@dataclass(frozen=True)
class Flat:
    """The whole body on the page in one frame."""

    pieces: dict[str, Piece]
    head: Point
    nose: Point
    depths: dict[str, float]
    # Each eye on the page, or None where it is turned away behind the head.
    eyes: tuple[Point | None, Point | None] = (None, None)
    # The corners of the left and the right shoulder blade on the page (see `skeleton.BLADE_CORNERS`).
    blades: tuple[tuple[Point, ...], ...] = ()
    # How near each segment's two joints are to the viewer in this very view (`depths` tells near and
    # far limbs apart as in the side view when seen three-quarter), and the head's centre as `head`.
    seen: dict[str, tuple[float, float]] = field(default_factory=dict)


def flatten(body: Body, view: str) -> Flat:
    pieces = {}
    depths = {}
    seen = {}
    for segment in SEGMENTS:
        placed = body.segments[segment.name]
        start, end = to_page(view, placed.start), to_page(view, placed.end)
        dx, dy = end[0] - start[0], end[1] - start[1]
        norm = math.hypot(dx, dy)
        if segment.front_width and norm > 1e-6:
            # Thickness across the drawn line: the oval trunk looks wider from the front.
            across, down = ACROSS[view], DOWN[view]
            px, py = -dy / norm, dx / norm
            direction = (across[0] * px + down[0] * py, across[1] * px + down[1] * py, across[2] * px + down[2] * py)
            width = 2 * radius_along(segment.name, placed, direction)
        else:
            width = segment.width
        pieces[segment.name] = Piece(start, end, width)
        depths[segment.name] = depth(LAYERS_AS.get(view, view), placed.end)
        seen[segment.name] = (depth(view, placed.start), depth(view, placed.end))
    centre = body.point("head")
    eyes_seen = tuple(
        to_page(view, eye) if depth(view, eye) - depth(view, centre) > EYE_SHOWS * HEAD_RADIUS else None
        for eye in eyes(body.segments)
    )
    blades = tuple(tuple(to_page(view, p) for p in shoulder_blade(body.segments, side)) for side in SIDES)
    seen["head"] = (depth(view, centre), depth(view, centre))
    return Flat(pieces, to_page(view, centre), to_page(view, nose(body.segments)), depths, eyes_seen, blades, seen)  # type: ignore[arg-type]
