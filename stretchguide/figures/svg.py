"""Write the figure as SVG: a static pose, or a gentle CSS-only loop from start to end and back.

The body is a tree of nested groups, one per segment, each turned about its joint, so the
animation is real joint movement and the joints never come apart. Near limbs cut a thin
gap (an SVG mask) into what lies behind them, so an arm in front of the trunk stays
readable. The body uses currentColor; props use currentColor at lower opacity.
"""

from __future__ import annotations

import itertools
import json
import math
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from functools import lru_cache

from .arrows import BLADE_VIEWS, TIP, arrow_cut_svg, arrow_path, arrow_svg, head_size
from .geometry import along_segment, closest_between_segments, distance_to_segment
from .movement import motion
from .pose import Body
from .projection import Flat, Piece, Point, flatten
from .props import BALL_LINE, PROP_LINE, THICK_LINE, Layout, MovingCircle, MovingLine, lay_out, lifts_body
from .skeleton import BLADE_CORNERS, HEAD_RADIUS, SEGMENTS, SEGMENTS_BY_NAME, SIDES
from .svgtext import attrs, css_ident, num, safe_id, text

WIDTH, HEIGHT = 260.0, 240.0  # centimetres of the scene shown; the same for every figure
# A framed picture (a sheet's) shows the movement's own extent instead, this much around it...
FRAME_MARGIN = 6.0
# ...and at most this much larger than the fixed scene, so a small movement is not blown up; a
# body on hands and knees, about a metre tall with the margin, still fills the frame's height.
FRAME_ZOOM = 2.5
# ...in the movement's own shape, never narrower than the scene's and at most this much wider than
# tall: a person lying down is about 3.4:1, and in a near-square frame is drawn a third as tall as
# one standing. At 1.8:1 a lying body fills the frame at FRAME_ZOOM; wider would only take more of
# the sheet's line from its steps (the sheet widens a picture only as far as its page holds it).
FRAME_WIDEST = 1.8
FLOOR_LINE = 1.6  # the floor line's thickness
FLOOR_Y = 226.0
FLOOR_INSET = 2.0  # the least room between the floor line's ends and the picture's edges
GAP = 2.2  # clear space a near limb cuts into what is behind it
STEPS = 10  # frames between start and end
DURATION_S = 8
# Loops before the figure rests, then half a loop more so it rests on the end pose (the middle
# of the loop), the same picture its plain attributes show and the still shows.
LOOPS = 3
GHOST_OPACITY = 0.22
BAND_COLOUR = "#d9572b"
NOSE_RADIUS = 3.6
EYE_RADIUS = 1.9
HALF_TRUNK = SEGMENTS_BY_NAME["upper_back"].front_width / 2  # from the spine to the side of the chest
TAPER = 0.72  # a limb piece's width at its far joint, as a share of its width at the near one
# A near limb piece this far (in head radii) behind the head's centre where it crosses the head
# lies behind it: a hand on the back of the head seen from the front or turned three-quarter.
BEHIND_HEAD = 0.5

CHILDREN: dict[str, list[str]] = {s.name: [] for s in SEGMENTS}
for _segment in SEGMENTS:
    if _segment.parent:
        CHILDREN[_segment.parent].append(_segment.name)

LIMBS = ("left_leg", "right_leg", "left_arm", "right_arm")
WHOLE_LIMB_VIEWS = ("front", "back", "above")  # views where a whole limb, not its joint, says near or far
FACELESS_VIEWS = ("back",)  # views that see the back of the head: no nose, no eyes
BLADE_ROUND = 3.0  # the line round a shoulder blade's corners, which rounds them
BLADE_RIM = 0.6  # the page's colour between a shoulder blade and the back around it
# The tops of the shoulders, from the base of the neck to each shoulder joint, drawn with the
# trunk: a shrug lifts the shoulder line itself, not only the arms hanging from it.
SHOULDERS = frozenset(f"{side}_collarbone" for side in ("left", "right"))
TRUNK_PARTS = frozenset(s.name for s in SEGMENTS if s.limb in ("trunk", "head")) | SHOULDERS
DRAWN = frozenset(s.name for s in SEGMENTS if s.drawn) | SHOULDERS


@dataclass(frozen=True)
class Local:
    """A segment's transform relative to its parent group, in one frame."""

    along: float  # move along the parent (its drawn length)
    turn: float  # degrees relative to the parent's direction
    length: float
    width: float


def local_frames(flats: list[Flat]) -> dict[str, list[Local]]:
    """Per segment, per frame: where it sits inside its parent's group."""
    out: dict[str, list[Local]] = {}
    absolute: dict[str, list[float]] = {}
    for segment in SEGMENTS:
        angles, locals_ = [], []
        for i, flat in enumerate(flats):
            piece = flat.pieces[segment.name]
            parent_angle = absolute[segment.parent][i] if segment.parent else 0.0
            angle = piece.angle if piece.length > 0.05 else parent_angle
            if angles:  # keep turning the short way round between frames
                angle += 360 * round((angles[-1] - angle) / 360)
            angles.append(angle)
            along = flat.pieces[segment.parent].length if segment.parent else 0.0
            locals_.append(Local(along, angle - parent_angle, piece.length, piece.width))
        absolute[segment.name] = angles
        out[segment.name] = locals_
    return out


def unwrapped(angles: list[float]) -> list[float]:
    """Angles made continuous, so an animation turns the short way round."""
    out: list[float] = []
    for angle in angles:
        if out:
            angle += 360 * round((out[-1] - angle) / 360)
        out.append(angle)
    return out


def in_head_frame(flat: Flat, point: Point) -> Point:
    """A point on the page as seen from inside the head's group (its own turned frame)."""
    piece = flat.pieces["head"]
    angle = math.radians(piece.angle if piece.length > 0.05 else 0.0)
    dx, dy = point[0] - piece.start[0], point[1] - piece.start[1]
    c, s = math.cos(-angle), math.sin(-angle)
    return (dx * c - dy * s, dx * s + dy * c)


def limb_layers(flats: list[Flat], view: str) -> dict[str, str]:
    """`near` or `far` per limb, decided over the whole movement so it keeps its shade.

    From the side, only where the limb joins the trunk counts: a far arm reaching across
    the body stays the far arm (its shade says which arm it is). From the front or above,
    the whole limb counts: arms crossed over the chest are in front of it.
    """
    layers = {}
    trunk = sum(f.depths["upper_back"] + f.depths["lower_back"] for f in flats) / (2 * len(flats))
    for limb in LIMBS:
        pieces = [s for s in SEGMENTS if s.limb == limb]
        whole = view in WHOLE_LIMB_VIEWS
        names = [s.name for s in pieces if s.drawn] if whole else [next(s.name for s in pieces if not s.drawn)]
        depth = sum(f.depths[n] for f in flats for n in names) / (len(names) * len(flats))
        layers[limb] = "near" if depth >= trunk - 1.0 else "far"
    return layers


def near_arms_back_to_front(flats: list[Flat], sides: Mapping[str, str]) -> list[str]:
    """The near arms, the one behind first: where the two overlap on the page, the one nearer the
    reader there comes last. Decided over the whole movement, so the order stays the same in every
    frame; arms that never overlap keep their order."""
    near = [limb for limb in LIMBS if sides[limb] == "near" and limb.endswith("arm")]
    if len(near) != 2:
        return near
    pieces = [[s.name for s in SEGMENTS if s.limb == limb and s.drawn] for limb in near]
    ahead = 0.0  # how much nearer the first limb is than the second, summed where they overlap
    for flat in flats:
        for a, b in itertools.product(*pieces):
            pa, pb = flat.pieces[a], flat.pieces[b]
            apart, ta, tb = closest_between_segments((pa.start, pa.end), (pb.start, pb.end))
            if apart < (pa.width + pb.width) / 2:
                (a0, a1), (b0, b1) = flat.seen[a], flat.seen[b]
                ahead += (a0 + (a1 - a0) * ta) - (b0 + (b1 - b0) * tb)
    return near[::-1] if ahead > 0 else near


def threaded_out(flat: Flat, view: str) -> set[str]:
    """Arms whose hand comes out past the near side of the body, as one threaded under the
    chest toward the reader does: seen from the side, it lies in front of the near knee."""
    if view in WHOLE_LIMB_VIEWS:
        return set()
    near_side = max(flat.depths["left_collarbone"], flat.depths["right_collarbone"])
    return {f"{side}_arm" for side in ("left", "right") if flat.depths[f"{side}_hand"] > near_side + HALF_TRUNK}


def behind_head(flat: Flat, limbs: set[str]) -> set[str]:
    """The pieces of these limbs that cross the head on the page behind it, as a hand resting on
    the back of the head does seen from the front or turned: the head is drawn over them."""
    head, (near, _) = flat.head, flat.seen["head"]
    found = set()
    for segment in SEGMENTS:
        if not segment.drawn or segment.limb not in limbs:
            continue
        piece = flat.pieces[segment.name]
        if distance_to_segment(head, piece.start, piece.end) >= HEAD_RADIUS + piece.width / 2:
            continue
        # How near the piece is where it crosses the head: at its point closest to the head's centre.
        along = along_segment(head, piece.start, piece.end)
        start, end = flat.seen[segment.name]
        if start + (end - start) * along < near - BEHIND_HEAD * HEAD_RADIUS:
            found.add(segment.name)
    return found


def limbs_in_front(all_flats: list[Flat], shown: Flat, view: str) -> set[str]:
    """The limbs drawn over the trunk and the head in the pose shown."""
    sides = limb_layers(all_flats, view)
    return {limb for limb in LIMBS if sides[limb] == "near"} | threaded_out(shown, view)


class Writer:
    """Builds one SVG document; `frames` has one entry for a still, many for the loop."""

    def __init__(
        self,
        figure: Mapping,
        view: str,
        bodies: list[Body],
        svg_id: str,
        shown: list[int],
        ghosted: bool = False,
        framed: bool = False,
        widest: float = FRAME_WIDEST,
    ):
        self.figure = figure
        self.ghosted = ghosted  # a still with the start pose faint behind it
        # Framed to the movement's own extent (a sheet's picture), not the scene every figure shares.
        self.framed = framed
        self.widest = max(widest, WIDTH / HEIGHT)  # the widest shape its frame may take; never narrower than the scene
        self.bodies = bodies
        self.view = view
        # Props and the picture's framing come from the whole movement, so the start and
        # end stills line up with each other and with the animation.
        self.all_flats = [flatten(b, self.view) for b in bodies]
        layout = lay_out(figure, self.view, bodies)
        self.flats = [self.all_flats[i] for i in shown]
        self.id = svg_id
        self.animated = len(shown) > 1
        self.base = len(shown) - 1  # the frame the plain (unanimated) attributes show: the end
        self.locals = local_frames(self.flats)
        for shape in layout.moving_back + layout.moving_front:
            if isinstance(shape, MovingCircle):
                shape.centres = [shape.centres[i] for i in shown]
            else:
                shape.starts = [shape.starts[i] for i in shown]
                shape.ends = [shape.ends[i] for i in shown]
        self.layout: Layout = layout
        self.keyframes: list[str] = []
        self.rules: list[str] = []
        self.named: set[str] = set()
        self.strand_masks: dict[str, str] = {}  # mask id to mask, for the strands of a band

    # -- animation bookkeeping -------------------------------------------------------
    def varies(self, values: list[float], tolerance: float = 0.05) -> bool:
        return self.animated and max(values) - min(values) > tolerance

    def animate(self, key: str, css_values: list[str]) -> str:
        """Register keyframes for `key`; return the class name that plays them."""
        name = f"a-{key}"
        if name in self.named:
            return name
        self.named.add(name)
        n = len(css_values) - 1
        stops: list[tuple[float, str]] = [(0.0, css_values[0])]
        stops += [(12 + 32 * i / n, css_values[i]) for i in range(n + 1)]
        stops += [(62 + 32 * i / n, css_values[n - i]) for i in range(n + 1)]
        stops.append((100.0, css_values[0]))
        # Each value once, with every offset it holds at (the way there and back pass the same
        # poses): the same keyframes as one rule per offset, in about 40 % fewer bytes.
        offsets: dict[str, list[str]] = {}
        for p, v in stops:
            offsets.setdefault(v, []).append(f"{num(p)}%")
        body = "".join(f"{','.join(at)}{{{v}}}" for v, at in offsets.items())
        self.keyframes.append(f"@keyframes {self.id}-{key}{{{body}}}")
        self.rules.append(f"#{css_ident(self.id)} .{name}{{animation-name:{self.id}-{key}}}")
        return name

    # -- the body ----------------------------------------------------------------------
    def group_open(self, name: str) -> str:
        frames = self.locals[name]
        b = frames[self.base]
        if name == "pelvis":
            points = [f.pieces["pelvis"].start for f in self.flats]
            transform = f"translate({num(points[self.base][0])} {num(points[self.base][1])})"
            css = None
            if self.varies([p[0] for p in points] + [p[1] + 1e4 for p in points]):
                css = self.animate(name, [f"transform:translate({num(x)}px,{num(y)}px)" for x, y in points])
            return f"<g{attrs(transform=transform, class_=self.classes(css))}>"
        transform = (
            f"translate({num(b.along)} 0) rotate({num(b.turn)})" if b.along > 0.005 else f"rotate({num(b.turn)})"
        )
        css = None
        if self.varies([f.along for f in frames]) or self.varies([f.turn for f in frames], 0.2):
            css = self.animate(
                safe_id(name),
                [f"transform:translate({num(f.along)}px,0) rotate({num(f.turn)}deg)" for f in frames],
            )
        return f"<g{attrs(transform=transform, class_=self.classes(css))}>"

    @staticmethod
    def classes(*names: str | None) -> str | None:
        """The class list; `anim` (the shared timing) goes with a keyframes class, which comes first."""
        moving, *others = names
        shown = (["anim", moving] if moving else []) + [n for n in others if n]
        return " ".join(shown) if shown else None

    def draw_segment(self, name: str, extra: float) -> str:
        segment = SEGMENTS_BY_NAME[name]
        frames = self.locals[name]
        b = frames[self.base]
        out = []
        if segment.drawn and segment.limb in LIMBS:
            out.append(self.limb_volume(name, extra))
        elif segment.drawn or name in SHOULDERS:
            lengths = [f.length for f in frames]
            widths = [f.width + 2 * extra for f in frames]
            width_css = None
            if self.varies(widths, 0.3):
                width_css = self.animate(
                    f"{safe_id(name)}-w{int(extra * 10)}", [f"stroke-width:{num(w)}px" for w in widths]
                )
            longest = max(max(lengths), 0.01)
            if not self.varies(lengths, 0.3):
                out.append(
                    f"<line{attrs(x2=b.length, stroke_width=b.width + 2 * extra, class_=self.classes(width_css))}/>"
                )
            else:
                r = b.width / 2 + extra
                scale = self.animate(
                    f"{safe_id(name)}-len", [f"transform:scaleX({num(max(v, 0.01) / longest, 4)})" for v in lengths]
                )
                tip = self.animate(f"{safe_id(name)}-tip", [f"transform:translate({num(v)}px,0)" for v in lengths])
                out.append(
                    f"<line{attrs(x2=longest, stroke_width=b.width + 2 * extra, stroke_linecap='butt', transform=f'scale({num(max(b.length, 0.01) / longest, 4)} 1)', class_=self.classes(scale))}/>"
                )
                out.append(f"<circle{attrs(r=r, stroke='none')}/>")
                out.append(
                    f"<circle{attrs(r=r, stroke='none', transform=f'translate({num(b.length)} 0)', class_=self.classes(tip))}/>"
                )
        if name == "head":
            out.append(f"<circle{attrs(cx=b.length, r=HEAD_RADIUS + extra, stroke='none')}/>")
            if self.view not in FACELESS_VIEWS:
                out.append(self.nose(extra))
        return "".join(out)

    def limb_volume(self, name: str, extra: float) -> str:
        """A limb piece as a tapered volume: round at both joints, thinner toward the far end.

        When the drawn length changes between frames (a limb turning toward the reader) the
        straight part is scaled along its length and the far joint travels with the tip, so
        the widths never stretch.
        """
        frames = self.locals[name]
        b = frames[self.base]
        r0 = SEGMENTS_BY_NAME[name].width / 2
        r1 = r0 * TAPER
        stroke = {"stroke": "none"} if not extra else {"stroke_width": 2 * extra, "stroke_linejoin": "round"}
        lengths = [f.length for f in frames]
        longest = max(max(lengths), 0.01)
        moving = self.varies(lengths, 0.3)
        span = longest if moving else b.length
        side = f"M0 {num(-r0)}L{num(span)} {num(-r1)}V{num(r1)}L0 {num(r0)}Z"
        ends = [f"<circle{attrs(r=r0 + extra, stroke='none')}/>"]
        if not moving:
            out = f"<path{attrs(d=side, **stroke)}/>"
            ends.append(f"<circle{attrs(cx=b.length, r=r1 + extra, stroke='none')}/>")
            return out + "".join(ends)
        scale = self.animate(
            f"{safe_id(name)}-len", [f"transform:scaleX({num(max(v, 0.01) / longest, 4)})" for v in lengths]
        )
        tip = self.animate(f"{safe_id(name)}-tip", [f"transform:translate({num(v)}px,0)" for v in lengths])
        out = f"<path{attrs(d=side, transform=f'scale({num(max(b.length, 0.01) / longest, 4)} 1)', class_=self.classes(scale), **stroke)}/>"
        ends.append(
            f"<circle{attrs(r=r1 + extra, stroke='none', transform=f'translate({num(b.length)} 0)', class_=self.classes(tip))}/>"
        )
        return out + "".join(ends)

    def nose(self, extra: float) -> str:
        """The face bump, in the head group's own frame."""
        spots = [in_head_frame(flat, flat.nose) for flat in self.flats]
        base = spots[self.base]
        css = None
        if self.varies([p[0] for p in spots] + [p[1] + 1e4 for p in spots], 0.2):
            css = self.animate("nose", [f"transform:translate({num(x)}px,{num(y)}px)" for x, y in spots])
        return f"<circle{attrs(r=NOSE_RADIUS + extra, stroke='none', transform=f'translate({num(base[0])} {num(base[1])})', class_=self.classes(css))}/>"

    def eyes(self, name: str, extra: float) -> str:
        """The eyes, in the head group's own frame: they follow the head's turn in every view.

        An eye turned away behind the head shrinks to nothing at the head's centre.
        """
        if name != "head":
            return ""
        out = []
        for which in (0, 1):
            spots = []
            for flat in self.flats:
                eye = flat.eyes[which]
                if eye is None:
                    spots.append((flat.pieces["head"].length, 0.0, 0.0))
                    continue
                spots.append((*in_head_frame(flat, eye), 1.0))
            if not self.animated and not spots[self.base][2]:
                continue
            x, y, shown = spots[self.base]
            css = None
            if self.varies([p[0] for p in spots] + [p[1] + 1e4 for p in spots] + [p[2] + 2e4 for p in spots], 0.2):
                css = self.animate(
                    f"eye{which}-{int(extra * 10)}",
                    [f"transform:translate({num(a)}px,{num(b)}px) scale({num(k)})" for a, b, k in spots],
                )
            transform = f"translate({num(x)} {num(y)})" + ("" if shown else " scale(0)")
            out.append(f"<circle{attrs(r=EYE_RADIUS + extra, transform=transform, class_=self.classes(css))}/>")
        return "".join(out)

    def face(self, trunk: str, arrow: str, mask_id: str = "") -> tuple[str, str]:
        """The trunk and head layer with the eyes cut out of the head (from behind: the shoulder
        blades and the `arrow` cut out of the back, the blades drawn in the cut in a lighter tone),
        and the mask that cuts them."""
        mask_id = mask_id or f"{self.id}-face"
        if self.view in FACELESS_VIEWS:
            cut = self.blades(BLADE_RIM) + arrow
            paper_cut, blades = cut, self.blades(0.0)
            cut = f'<g stroke="#000">{cut}</g>'
        else:
            cut = self.tree("pelvis", {"head"}, EYE_RADIUS * 0.25, part=self.eyes)
            paper_cut, blades = self.tree("pelvis", {"head"}, part=self.eyes), ""
        mask = (
            f'<mask id="{mask_id}" maskUnits="userSpaceOnUse" x="-400" y="-400" width="800" height="800">'
            f'<rect x="-400" y="-400" width="800" height="800" fill="#fff"/><g fill="#000">{cut}</g></mask>'
        )
        # As for the gaps: where masks do not work (print), paper-white eyes show instead.
        paper = f'<g fill="#fff" stroke="none">{paper_cut}</g>'
        if blades:
            paper = f'<g fill="#fff" stroke="#fff">{paper_cut}</g>'
            blades = f'<g class="blade">{blades}</g>'
        return mask, f'<g mask="url(#{mask_id})">{trunk}{paper}</g>{blades}'

    def blades(self, extra: float) -> str:
        """The shoulder blades as seen from behind: each a rounded triangle, carried from frame to
        frame by one affine transform (a flat shape seen straight on moves only so), `extra` wider
        all round."""
        if self.view not in BLADE_VIEWS:
            return ""
        out = []
        for index, side in enumerate(SIDES):
            # Drawn out from the spine toward the reader's left for both, so the transform never mirrors.
            away = 1.0 if side == "left" else -1.0
            d = "M" + "L".join(f"{num(out * away)} {num(up)}" for out, up in BLADE_CORNERS) + "Z"
            matrices = [self.blade_matrix(flat, index, away) for flat in self.flats]
            base = matrices[self.base]
            css = None
            if self.varies([v + 1e4 * i for m in matrices for i, v in enumerate(m)]):
                css = self.animate(
                    f"blade{index}", [f"transform:matrix({','.join(num(v, 4) for v in m)})" for m in matrices]
                )
            transform = f"matrix({' '.join(num(v, 4) for v in base)})"
            out.append(
                f"<path{attrs(d=d, transform=transform, stroke_width=BLADE_ROUND + 2 * extra, stroke_linejoin='round', class_=self.classes(css))}/>"
            )
        return "".join(out)

    @staticmethod
    def blade_matrix(flat: Flat, index: int, away: float) -> tuple[float, ...]:
        """The affine transform from a shoulder blade's own coordinates (out from the spine, up) to the page,
        from three of its points: a flat shape, seen straight on, keeps straight lines and their ratios."""
        corners = flat.blades[index]
        (x0, y0), (x1, y1), (x2, y2) = corners[:3]
        (u0, v0), (u1, v1), (u2, v2) = ((out * away, up) for out, up in BLADE_CORNERS[:3])
        # Solve [a c; b d] [du dv] = [dx dy] for the two edges from the first corner.
        du1, dv1, du2, dv2 = u1 - u0, v1 - v0, u2 - u0, v2 - v0
        det = du1 * dv2 - du2 * dv1
        dx1, dy1, dx2, dy2 = x1 - x0, y1 - y0, x2 - x0, y2 - y0
        a, c = (dx1 * dv2 - dx2 * dv1) / det, (du1 * dx2 - du2 * dx1) / det
        b, d = (dy1 * dv2 - dy2 * dv1) / det, (du1 * dy2 - du2 * dy1) / det
        return (a, b, c, d, x0 - a * u0 - c * v0, y0 - b * u0 - d * v0)

    def tree(self, name: str, keep: set[str], extra: float = 0.0, part: Callable | None = None) -> str:
        """The nested groups from `name` down; only segments in `keep` are drawn (by `part`)."""
        draw = part or self.draw_segment
        inner = draw(name, extra) if name in keep else ""
        for child in CHILDREN[name]:
            if self.reaches(child, keep):
                inner += self.tree(child, keep, extra, part)
        return self.group_open(name) + inner + "</g>"

    def reaches(self, name: str, keep: set[str]) -> bool:
        return name in keep or any(self.reaches(c, keep) for c in CHILDREN[name])

    def body(self, arrow: str = "") -> tuple[str, str]:
        """The body layers (far limbs, trunk, near limbs) and the masks that cut the gaps; `arrow`:
        what the trunk has cut out of it (an arrow on the back)."""
        # Decided over the whole movement, so a limb keeps its shade in the start and the end.
        sides = limb_layers(self.all_flats, self.view)
        # A far arm threaded out past the near side keeps its shade but lies in front in the
        # frames where it is out; the loop shows that copy only then, over the one behind.
        out_in = [threaded_out(flat, self.view) for flat in self.flats]
        out = set().union(*out_in)
        shown = (
            self.animate("out", [f"opacity:{int(bool(o & out))}" for o in out_in])
            if out and self.varies([float(bool(o & out)) for o in out_in])
            else None
        )
        order = [
            ("far", [limb for limb in LIMBS if sides[limb] == "far" and (shown or limb not in out)]),
            ("trunk", ["trunk", "head"]),
            ("near", [limb for limb in LIMBS if sides[limb] == "near" and limb.endswith("leg")]),
            # Each near arm is its own layer, the nearer one last: where two cross (eagle arms, a hand
            # drawing the other arm across), the nearer one cuts its gap into the other.
            *(("near", [limb]) for limb in near_arms_back_to_front(self.all_flats, sides)),
            ("out", [limb for limb in LIMBS if sides[limb] == "far" and limb in out]),
        ]
        # A near arm that passes behind the head (a hand on the back of the head, seen from the front
        # or turned) lies under it: the head is drawn once more, last, like a near limb with its gap,
        # in the frames where it does.
        near_arms = {limb for limb in LIMBS if sides[limb] == "near" and limb.endswith("arm")}
        behind_in = [behind_head(flat, near_arms) for flat in self.flats]
        behind_shown = (
            self.animate("behind-head", [f"opacity:{int(bool(b))}" for b in behind_in])
            if any(behind_in) and self.varies([float(bool(b)) for b in behind_in])
            else None
        )
        if any(behind_in):
            order.append(("head", ["head"]))
        defs, drawn = [], ""
        for index, (kind, limbs) in enumerate(order):
            keep = (
                set(TRUNK_PARTS)
                if kind == "trunk"
                else {"head"}
                if kind == "head"
                else {s.name for s in SEGMENTS if s.limb in limbs} - SHOULDERS
            )
            if not keep:
                continue
            layer = self.tree("pelvis", keep)
            css = {"far": "far", "out": "far", "trunk": "trunk", "head": "trunk"}.get(kind)
            layer = f"<g{attrs(class_=css)}>{layer}</g>"
            if kind == "far":
                # The trunk is not quite opaque: without this a far arm would show through it
                # like a second, ghostly arm.
                mask_id = f"{self.id}-behind-trunk"
                defs.append(self.cut_out(mask_id, set(TRUNK_PARTS)))
                layer = f'<g mask="url(#{mask_id})">{layer}</g>'
            if kind == "trunk" or (kind == "head" and self.view not in FACELESS_VIEWS):
                mask, layer = self.face(layer, arrow, f"{self.id}-face-{kind}" if kind == "head" else "")
                defs.append(mask)
                if self.framed:
                    # The trunk is not quite opaque, and print has no masks: on a sheet a paper-white
                    # copy under it keeps the far limbs and the props behind it from showing through.
                    layer = f'<g fill="#fff" stroke="#fff">{self.tree("pelvis", keep)}</g>{layer}'
            # The threaded arm's copy in front, its gap and its paper outline come and go together.
            hidden_at_rest = not out_in[self.base] & out
            only_when_out = (
                f"<g{attrs(class_=self.classes(shown), opacity=0 if hidden_at_rest else None)}>"
                if kind == "out" and shown
                else ""
            )
            if kind == "head" and behind_shown:
                hidden_at_rest = not behind_in[self.base]
                only_when_out = f"<g{attrs(class_=self.classes(behind_shown), opacity=0 if hidden_at_rest else None)}>"
            if only_when_out:
                layer = f"{only_when_out}{layer}</g>"
            if kind in ("near", "out", "head") and drawn:
                mask_id = f"{self.id}-gap-{index}"
                cut = self.tree("pelvis", keep, GAP)
                cut = f"{only_when_out}{cut}</g>" if only_when_out else cut
                defs.append(
                    f'<mask id="{mask_id}" maskUnits="userSpaceOnUse" x="-400" y="-400" width="800" height="800">'
                    f'<rect x="-400" y="-400" width="800" height="800" fill="#fff"/>'
                    f'<g fill="#000" stroke="#000" stroke-linecap="round">{cut}</g></mask>'
                )
                # Renderers without masks (print) get a paper-white outline instead; where
                # masks work, that outline lies well inside the cut and never shows.
                paper = f'<g fill="#fff" stroke="#fff">{self.tree("pelvis", keep, GAP * 0.7)}</g>'
                paper = f"{only_when_out}{paper}</g>" if only_when_out else paper
                drawn = f'<g mask="url(#{mask_id})">{drawn}{paper}</g>'
            drawn += layer
        return "".join(
            defs
        ), f'<g class="body" fill="currentColor" stroke="currentColor" stroke-linecap="round">{drawn}</g>'

    def cut_out(self, mask_id: str, keep: set[str], shown: set[str] | None = None) -> str:
        """A mask that hides whatever it is put on where the `keep` segments are drawn, except
        where the `shown` segments are drawn over them."""
        over = f'<g fill="#fff" stroke="#fff">{self.tree("pelvis", shown)}</g>' if shown else ""
        return (
            f'<mask id="{mask_id}" maskUnits="userSpaceOnUse" x="-400" y="-400" width="800" height="800">'
            f'<rect x="-400" y="-400" width="800" height="800" fill="#fff"/>'
            f'<g fill="#000" stroke="#000" stroke-linecap="round">{self.tree("pelvis", keep)}</g>{over}</mask>'
        )

    # -- props, ghost, arrow -----------------------------------------------------------
    def moving(self, shapes: list[MovingCircle | MovingLine], key: str) -> str:
        out = []
        for i, shape in enumerate(shapes):
            if isinstance(shape, MovingCircle):
                c = shape.centres[self.base]
                css = None
                if self.varies([p[0] for p in shape.centres] + [p[1] + 1e4 for p in shape.centres]):
                    css = self.animate(
                        f"{key}{i}", [f"transform:translate({num(x)}px,{num(y)}px)" for x, y in shape.centres]
                    )
                inner = f"<circle{attrs(r=shape.r)}/>"
                if shape.inner_r:
                    inner += f"<circle{attrs(r=shape.inner_r)}/>"
                out.append(
                    f"<g{attrs(transform=f'translate({num(c[0])} {num(c[1])})', class_=self.classes(css, shape.css))}>{inner}</g>"
                )
            else:
                pieces = [Piece(a, b, shape.width) for a, b in zip(shape.starts, shape.ends, strict=True)]
                angles = unwrapped([q.angle for q in pieces])
                # Drawn at full length and scaled down: a browser may paint a scaled line
                # once and stretch the picture, which blurs it if it was drawn small.
                longest = max(max(q.length for q in pieces), 0.01)
                p, angle = pieces[self.base], angles[self.base]
                css = None
                if self.varies(
                    [q.start[0] for q in pieces] + [q.start[1] + 1e4 for q in pieces] + [a + 2e4 for a in angles]
                ):
                    css = self.animate(
                        f"{key}{i}",
                        [
                            f"transform:translate({num(q.start[0])}px,{num(q.start[1])}px) rotate({num(a)}deg) scaleX({num(max(q.length, 0.01) / longest, 4)})"
                            for q, a in zip(pieces, angles, strict=True)
                        ],
                    )
                transform = f"translate({num(p.start[0])} {num(p.start[1])}) rotate({num(angle)}) scale({num(max(p.length, 0.01) / longest, 4)} 1)"
                held = shape.held_in and self.strand_mask(shape.held_in)
                line = f'<g{attrs(transform=transform, class_=self.classes(css, shape.css, held and held[1]))}><line x2="{num(longest)}"/></g>'
                out.append(f'<g mask="url(#{held[0]})">{line}</g>' if held else line)
        return "".join(out)

    def strand_mask(self, side: str) -> tuple[str, str | None]:
        """The mask a band's strand held in the `side` hand is drawn through, and its extra class.

        The strand lies over the arm that holds it, so it is seen to reach the hand, and under
        the trunk and the head, which it passes beside. A strand held in the far hand lies
        under the near limbs as well, and is drawn fainter."""
        layers = limb_layers(self.all_flats, self.view)
        far = layers[f"{side}_arm"] == "far"
        mask_id = f"{self.id}-strand-{side}"
        if mask_id not in self.strand_masks:
            near_limbs = {s.name for s in SEGMENTS if s.limb in LIMBS and layers[s.limb] == "near"} - SHOULDERS
            cover = set(TRUNK_PARTS) | near_limbs if far else set(TRUNK_PARTS)
            # A near hand held in front of the chest shows its strand over itself.
            self.strand_masks[mask_id] = self.cut_out(mask_id, cover, shown=set() if far else {f"{side}_hand"})
        return mask_id, "far-band" if far else None

    def ghost(self) -> str:
        """The start pose, faint and still, behind the end pose whenever the figure rests."""
        flat = self.all_flats[0]
        parts = []
        for segment in SEGMENTS:
            if segment.name in DRAWN:
                p = flat.pieces[segment.name]
                parts.append(
                    f"<line{attrs(x1=p.start[0], y1=p.start[1], x2=p.end[0], y2=p.end[1], stroke_width=p.width)}/>"
                )
        parts.append(f"<circle{attrs(cx=flat.head[0], cy=flat.head[1], r=HEAD_RADIUS, stroke='none')}/>")
        return f'<g class="ghost" fill="currentColor" stroke="currentColor" stroke-linecap="round">{"".join(parts)}</g>'

    def extent(self, axis: int = 0) -> tuple[float, float]:
        """The picture's span across (axis 0) or down (axis 1) the page, over the whole movement."""
        values = [pt[axis] for pt in self.layout.points]
        for flat in self.all_flats:
            for piece in flat.pieces.values():
                for end in (piece.start, piece.end):
                    values += [end[axis] - piece.width / 2, end[axis] + piece.width / 2]
            values += [flat.head[axis] - HEAD_RADIUS, flat.head[axis] + HEAD_RADIUS]
        return min(values), max(values)

    def frame(self) -> tuple[float, float, float, float]:
        """The part of the drawing a framed picture shows (left, top, width, height, before the
        drawing is moved into place): body, props and arrow over the whole movement, so the start
        and end pictures share it, with a margin, in the movement's own shape between the scene's
        and `widest`, and centred across. The floor stays a margin above the bottom edge, as in
        the scene every figure shares: room to spare goes above the person, not under the floor."""
        (left, right), (top, bottom) = self.extent(0), self.extent(1)
        path, _ = arrow_path(self.figure, self.bodies, self.view)
        # The arrow's head reaches past its path's last point by at most its length and its point.
        head = head_size(self.figure) + TIP
        reaches = [(flat.nose, NOSE_RADIUS) for flat in self.all_flats] + [(p, head) for p in path or []]
        for (x, y), r in reaches:
            left, right = min(left, x - r), max(right, x + r)
            top, bottom = min(top, y - r), max(bottom, y + r)
        if self.view != "above":
            bottom = max(bottom, FLOOR_LINE / 2)  # the floor line stays in the picture
        wide, tall = right - left + 2 * FRAME_MARGIN, bottom - top + 2 * FRAME_MARGIN
        height = max(tall, wide / self.widest, HEIGHT / FRAME_ZOOM)
        width = min(max(wide, height * WIDTH / HEIGHT), height * self.widest)
        high = (top + bottom - height) / 2 if self.view == "above" else bottom + FRAME_MARGIN - height
        return (left + right - width) / 2, high, width, height

    # -- the document ----------------------------------------------------------------
    def write(self, title: str, arrow: str = "", held_start: str = "", cut_arrow: str = "") -> str:
        """The SVG document; `held_start` is the start pose as `nested()` draws it, for an animated figure;
        `cut_arrow` is an arrow on the back, cut out of it."""
        if self.animated and cut_arrow:
            cut_arrow = f'<g class="still-only">{cut_arrow}</g>'
        defs, body = self.body(cut_arrow)
        back = "".join(self.layout.back) + self.moving(self.layout.moving_back, "pb")
        front = "".join(self.layout.front) + self.moving(self.layout.moving_front, "pf")
        defs += "".join(self.strand_masks.values())
        ghost = self.ghost() if self.animated or self.ghosted else ""
        if back or ghost:
            # The body is drawn in see-through tones, so what lies behind it (a chair back, the
            # faint start pose) is cut away where the body is, instead of crossing it.
            behind = f"{self.id}-behind-body"
            defs += self.cut_out(behind, DRAWN | {"head"})
            back = f'<g mask="url(#{behind})">{back}{ghost}</g>'
        if self.animated and arrow:
            arrow = f'<g class="still-only">{arrow}</g>'
        low, high = self.extent()
        shift = WIDTH / 2 - (low + high) / 2
        if self.view == "above":
            # Seen from above there is no floor line: the floor is the page.
            top, bottom = self.extent(1)
            drop = HEIGHT / 2 - (top + bottom) / 2
        else:
            drop = FLOOR_Y
        view_box = (0.0, 0.0, WIDTH, HEIGHT)
        if self.framed:
            left, top, width, height = self.frame()
            view_box = (left + shift, top + drop, width, height)
        # The floor runs across the whole picture, just inside its edges: in a narrow frame (a body on
        # hands and knees seen from the front) no nearer than a thick line's round end reaches.
        x, _, width, _ = view_box
        inset = max(4 * width / WIDTH, FLOOR_INSET)
        floor = (
            ""
            if self.view == "above"
            else f'<line class="floor" x1="{num(x - shift + inset)}" x2="{num(x + width - shift - inset)}"/>'
        )
        sid = css_ident(self.id)

        def held(poses: str, *classes: str) -> str:
            # The pose markers come first in the document, so everything drawn is among their later siblings.
            markers = [f"#{css_ident(f'{self.id}-{pose}')}:target~" for pose in poses.split()]
            return ",".join(f"{marker}* {name},{marker}{name}" for marker in markers for name in classes)

        style = [
            f"#{sid}{{overflow:visible}}",
            # Standing alone (an <img> or a file) the SVG picks its own ink for light and dark.
            f"#{sid}:root{{color:#1f2933}}",
            f"@media (prefers-color-scheme:dark){{#{sid}:root{{color:#e8e8e8}}}}",
            f"#{sid} .far{{opacity:.45}}",
            # Three tones, near limbs darkest: an arm across the trunk stays an arm.
            f"#{sid} .trunk{{opacity:.8}}",
            f"#{sid} .floor{{stroke:currentColor;stroke-width:1.6;stroke-linecap:round;opacity:.5}}",
            f"#{sid} .prop,#{sid} .band{{fill:none;stroke:currentColor;stroke-width:{num(PROP_LINE)};stroke-linecap:round;stroke-linejoin:round;opacity:.55}}",
            f"#{sid} .thin{{stroke-width:1.4}}",
            f"#{sid} .thick{{stroke-width:{num(THICK_LINE)}}}",
            f"#{sid} .band{{stroke-width:2.4;stroke-linecap:butt;opacity:.8}}",
            f"#{sid} .far-band{{opacity:.4}}",
            f"#{sid} .prop-fill{{fill:currentColor;stroke:none;opacity:.35}}",
            f"#{sid} .prop-solid{{fill:currentColor;stroke:none;opacity:.6}}",
            f"#{sid} .prop-wash{{fill:currentColor;fill-opacity:.07}}",
            f"#{sid} .arrow{{fill:none;stroke:currentColor;stroke-width:2.2;stroke-linecap:round;stroke-linejoin:round;opacity:.6}}",
            f"#{sid} .arrow-head{{fill:currentColor;stroke:none;opacity:.6}}",
        ]
        if self.view in BLADE_VIEWS:
            # The shoulder blades, lighter than the back they lie on, on paper and on a dark page alike.
            style.append(f"#{sid} .blade{{opacity:.4}}")
        if any(shape.css == "ball" for shape in self.layout.moving_front):
            # A colour no body part has, outlined: a small ball, not a far elbow.
            style.append(f"#{sid} .ball{{fill:#f2a93b;stroke:currentColor;stroke-width:{num(BALL_LINE)}}}")
        if any("elastic" in shape.css for shape in self.layout.moving_front):
            # A band in a colour of its own, mid-toned so it shows on the paper, on the body
            # and on the dark page alike: it stays a band where it crosses a forearm.
            style.append(f"#{sid} .elastic{{stroke:{BAND_COLOUR}}}")
        if ghost:
            style.append(f"#{sid} .ghost{{opacity:{num(GHOST_OPACITY)}}}")
        if self.animated:
            # While it moves, the ghost and the arrow would only blur the movement; once it
            # rests (the page's script says so with is-still), or for readers who prefer less
            # motion, the figure is the still: the end pose over the start, with the arrow.
            resting = f"#{sid} .ghost,#{sid} .still-only"
            style += [
                f"#{sid} .anim{{animation-duration:{DURATION_S}s;animation-timing-function:linear;animation-iteration-count:{num(LOOPS + 0.5)}}}",
                *self.rules,
                *self.keyframes,
                f"{resting}{{display:none}}",
                f".is-still {resting.replace(',', ',.is-still ')}{{display:inline}}",
                f"#{sid}:hover *,#{sid}:focus *,#{sid}.is-paused *,.is-paused #{sid} *{{animation-play-state:paused}}",
                f"@media (prefers-reduced-motion:reduce){{#{sid} *{{animation:none!important}}{resting}{{display:inline}}}}",
                # Opened at #<id>-start or #<id>-end (a printed page's two pictures), the figure is one
                # pose, still: the start pose drawn inside it, or the end without its animation; at
                # #<id>-movement (the exercise page's still, before it plays) it is the still of the
                # movement, as readers who prefer less motion see it. Never a paused animation: a
                # picture in an <img> may not have started its animations yet.
                f"#{sid} .held-start{{display:none}}",
                f"{held('start', '.held-start')}{{display:inline}}",
                f"#{css_ident(f'{self.id}-start')}:target~g{{display:none}}",  # the moving figure; not the start's own groups
                f"{held('end movement', '.anim')}{{animation-name:none}}",
                f"{held('end', '.ghost')}{{display:none}}",
                f"{held('movement', '.ghost')},{held('end movement', '.still-only')}{{display:inline}}",
            ]
        title_id = f"{self.id}-title"
        return (
            f'<svg xmlns="http://www.w3.org/2000/svg" id="{self.id}" class="stretch-figure" viewBox="{" ".join(num(v) for v in view_box)}" '
            f'width="{num(HEIGHT * 2 * view_box[2] / view_box[3])}" height="{num(HEIGHT * 2)}" role="img" aria-labelledby="{title_id}">'
            f'<title id="{title_id}">{text(title)}</title>'
            f"<style>{''.join(style)}</style>"
            + ("".join(f'<g id="{self.id}-{pose}"/>' for pose in POSES) if self.animated else "")
            + (f"<defs>{defs}</defs>" if defs else "")
            + f'<g transform="translate({num(shift)} {num(drop)})">{floor}'
            f"{back}{body}{front}{arrow}</g>{held_start}</svg>\n"
        )

    def nested(self) -> str:
        """This still as an <svg> inside another figure's, on the same framing: hidden until asked for."""
        document = self.write("")
        inner = document[document.index("<style>") : document.rindex("</svg>")]
        return f'<svg id="{self.id}" class="held-start" viewBox="0 0 {num(WIDTH)} {num(HEIGHT)}" width="{num(WIDTH)}" height="{num(HEIGHT)}">{inner}</svg>'


def _plain(value: object) -> object:
    """Read-only mappings and tuples as plain JSON data, to key the cache."""
    if isinstance(value, Mapping):
        return {str(k): _plain(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_plain(v) for v in value]
    return value


@lru_cache(maxsize=64)
def _movement(key: str) -> tuple[Body, ...]:
    figure = json.loads(key)
    return tuple(motion(figure, STEPS, lifts_body(figure)))


def frames_of(figure: Mapping) -> list[Body]:
    """Every frame of the movement; the page, the card and the sheet draw the same figure,
    so it is worked out once."""
    return list(_movement(json.dumps(_plain(figure), sort_keys=True)))


# What an animated figure holds still at its address #<id>-<pose>: one pose, or the whole movement.
POSES = ("start", "end", "movement")


@lru_cache(maxsize=4096)  # every card and page asks for it: a large catalog's pages ask ten thousand times
def motion_id(slug: str) -> str:
    return f"{safe_id(slug)}-motion"


def pose_fragment(slug: str, pose: str) -> str:
    """The fragment (figure.svg#…) at which the animated figure holds still in `pose`: "start", "end" or
    "movement" (the end pose over the start, faint, with the arrow). `slug` carries a second view's name."""
    if pose not in POSES:
        raise ValueError(f"pose must be one of {POSES}, not {pose!r}")
    return f"{motion_id(slug)}-{pose}"


def render_motion(figure: Mapping, view: str, slug: str) -> str:
    bodies = frames_of(figure)
    writer = Writer(figure, view, bodies, motion_id(slug), list(range(len(bodies))))
    start = Writer(figure, view, bodies, pose_fragment(slug, "start") + "-pose", [0]).nested()
    return writer.write(
        figure["alt"],
        arrow_svg(figure, bodies, writer.view),
        held_start=start,
        cut_arrow=arrow_cut_svg(figure, bodies, writer.view),
    )


STILL_LABELS = {"start": "Start position", "end": "End position", "movement": "End position over the start"}


def render_still(
    figure: Mapping, view: str, which: str, slug: str, framed: bool = False, widest: float = FRAME_WIDEST
) -> str:
    """One pose, or (`movement`) the end pose over the start pose ghosted, with the arrow;
    `framed`: drawn as large as the movement allows, the same frame for each pose, at most `widest` wide for its height."""
    bodies = frames_of(figure)
    shown = [0 if which == "start" else len(bodies) - 1]
    writer = Writer(
        figure,
        view,
        bodies,
        f"{safe_id(slug)}-{which}",
        shown,
        ghosted=which == "movement",
        framed=framed,
        widest=widest,
    )
    arrow = arrow_svg(figure, bodies, writer.view) if which != "start" else ""
    cut = arrow_cut_svg(figure, bodies, writer.view) if which != "start" else ""
    return writer.write(f"{STILL_LABELS[which]}: {figure['alt']}", arrow, cut_arrow=cut)
