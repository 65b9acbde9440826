"""Props as small drawing functions: chair, mat, wall, doorway, roller, ball, band, dumbbell, block, rower.

Sizes are real ones in centimetres (seat 44 cm high, roller 15 cm across, ball 7 cm). Each
prop places itself from the body: the chair under the pelvis, the wall behind the back, the
roller under the upper back. Props that move with the body come back as per-frame shapes.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field

from .geometry import Vec, add, scale, sub
from .pose import SEAT_BELOW_HIP, SEAT_HEIGHT, Body, Underneath
from .projection import FACE_ON, Point, facing, to_page
from .skeleton import HEAD_RADIUS, SEGMENTS_BY_NAME, SIDES
from .svgtext import attrs, num

PROP_NAMES = (
    "mat",
    "chair",
    "wall",
    "doorway",
    "foam_roller",
    "massage_ball",
    "resistance_band",
    "dumbbell",
    "yoga_block",
    "rowing_machine",
)

# Where each prop can go; the first is the default.
PLACES: dict[str, tuple[str, ...]] = {
    "mat": ("under_body",),
    "chair": ("under_pelvis", "against_back", "in_front"),
    "wall": ("behind", "in_front"),
    "doorway": ("at_forearms",),
    "foam_roller": ("under_upper_back",),
    "massage_ball": ("behind_shoulder_blade",),
    "resistance_band": ("anchored_in_front", "between_hands"),
    "dumbbell": ("in_hands", "in_left_hand", "in_right_hand"),
    "yoga_block": ("under_head",),
    "rowing_machine": ("under_pelvis",),
}

ROLLER_RADIUS = 7.5
BALL_RADIUS = 3.5
BALL_PRESSED = 0.4  # how far the ball sinks into the back
CHAIR_BACK = 44.0  # backrest height above the seat
SEATED_PLACES = ("under_pelvis", "against_back")  # the chair's places where the person sits on it
BACKREST_GAP = 0.5  # between a backrest sat against and the back
DOOR_HEIGHT = 205.0
POST_WIDTH = 12.0  # a door post's face, seen from the side
POST_FACE = 8.0  # a door post's width across the doorway
JAMB_DEPTH = 12.0  # how deep the frame is, front to back (the wall's thickness)
FOREARM_WIDTH = SEGMENTS_BY_NAME["left_forearm"].width
HALF_CHEST = SEGMENTS_BY_NAME["upper_back"].width / 2  # from the spine line to the skin of the back
WALL_HEIGHT = 212.0
ROWER_SEAT = 32.0  # the sliding seat's top above the floor
PROP_LINE = 2.6  # how thick a prop's outline is drawn
BALL_LINE = 1.4  # the ball's outline, thinner: it is small
THICK_LINE = 4.0  # a solid part drawn as one thick line: a foot plate, a rowing seat
FLYWHEEL_RADIUS = 16.0


@dataclass
class MovingCircle:
    centres: list[Point]
    r: float
    css: str
    inner_r: float = 0.0


@dataclass
class MovingLine:
    starts: list[Point]
    ends: list[Point]
    width: float
    css: str
    # The side ("left", "right") of the hand a band's strand starts in: the strand is drawn over
    # that arm and under the trunk and head, so it is seen to reach the hand.
    held_in: str = ""


@dataclass
class Layout:
    """Everything a view needs about props: static SVG behind and in front, moving shapes."""

    back: list[str] = field(default_factory=list)
    front: list[str] = field(default_factory=list)
    moving_back: list[MovingCircle | MovingLine] = field(default_factory=list)
    moving_front: list[MovingCircle | MovingLine] = field(default_factory=list)
    points: list[Point] = field(default_factory=list)  # to size the picture


def normalise(figure: Mapping) -> list[tuple[str, str]]:
    """The figure's props as (name, place) pairs, with the usual place filled in."""
    places = figure.get("places") or {}
    return [(name, places.get(name) or PLACES[name][0]) for name in figure.get("props") or ()]


def _frame_axis(body: Body, segment: str, axis: int) -> Vec:
    frame = body.segments[segment].frame
    return (frame[0][axis], frame[1][axis], frame[2][axis])


def roller_centre(body: Body) -> Vec:
    """Across the upper back, just below the shoulder blades (not under the lower back).

    Straight below that spot rather than along the back's tilt: as the back arches over the
    roller the spot hardly moves, so the roller stays put instead of rolling toward the hips.
    """
    upper = body.segments["upper_back"]
    spot = add(upper.start, scale(sub(upper.end, upper.start), 0.65))
    return add(spot, (0.0, -(HALF_CHEST + ROLLER_RADIUS), 0.0))


def ball_centre(body: Body) -> Vec:
    """Beside the shoulder blade, on the back (on the near side of the spine)."""
    upper = body.segments["upper_back"]
    spot = add(upper.start, scale(sub(upper.end, upper.start), 0.62))
    back = scale(_frame_axis(body, "upper_back", 0), -1.0)
    side = _frame_axis(body, "upper_back", 2)
    # On the back's surface (half the chest's depth behind the spine), pressed in only a
    # little: the whole ball shows between the back and the wall, not half inside the body.
    return add(add(spot, scale(back, HALF_CHEST + BALL_RADIUS - BALL_PRESSED)), scale(side, 6.0))


def grip(body: Body, side: str) -> Vec:
    """Where a hand holds a band or a dumbbell: the middle of the hand."""
    hand = body.segments[f"{side}_hand"]
    return add(hand.start, scale(sub(hand.end, hand.start), 0.5))


@dataclass
class Context:
    view: str
    bodies: list[Body]
    place: str

    def page(self, p: Vec) -> Point:
        return to_page(self.view, p)

    @property
    def facing(self) -> int:
        return facing(self.view) or 1

    def forward(self, p: Vec) -> float:
        """How far forward (the way the person faces) a point is on the page."""
        return self.page(p)[0] * self.facing

    def rear_of_trunk(self, body: Body) -> float:
        values = []
        for name, half in (("lower_back", 10.0), ("upper_back", 11.0)):
            placed = body.segments[name]
            values += [self.forward(placed.start) - half, self.forward(placed.end) - half]
        values.append(self.forward(body.point("head")) - 11.5)
        return min(values)

    def front_of_body(self, body: Body) -> float:
        return max(self.forward(p.end) for p in body.segments.values())


def _rect(x: float, y: float, w: float, h: float, css: str, rx: float = 0.0) -> str:
    return f"<rect{attrs(x=x, y=y, width=w, height=h, rx=rx or None, class_=css)}/>"


def _path(d: str, css: str) -> str:
    return f"<path{attrs(d=d, class_=css)}/>"


def _line(a: Point, b: Point, css: str) -> str:
    return f"<line{attrs(x1=a[0], y1=a[1], x2=b[0], y2=b[1], class_=css)}/>"


def draw_mat(ctx: Context, out: Layout) -> None:
    points = [ctx.page(p.end) for b in ctx.bodies for p in b.segments.values()]
    xs = [p[0] for p in points]
    if ctx.view == "above":
        # The whole mat lies flat on the page, a little larger than the person on it.
        ys = [p[1] for p in points]
        left, right, top, bottom = min(xs) - 22.0, max(xs) + 22.0, min(ys) - 20.0, max(ys) + 20.0
        out.back.append(_rect(left, top, right - left, bottom - top, "prop prop-wash", rx=3.0))
        out.points += [(left, top), (right, bottom)]
        return
    if ctx.view in FACE_ON:
        left, right = min(min(xs) - 12.0, -32.0), max(max(xs) + 12.0, 32.0)
    else:
        left, right = min(xs) - 14.0, max(xs) + 14.0
    out.back.append(_rect(left, -2.2, right - left, 2.2, "prop-fill", rx=1.1))
    out.points += [(left, 0.0), (right, 0.0)]


def draw_chair(ctx: Context, out: Layout) -> None:
    first = ctx.bodies[0]
    seat = -SEAT_HEIGHT
    # Sat against, the backrest reaches the middle of the back, where the upper back bends: it can arch over the top.
    back = -first.segments["lower_back"].end[1] if ctx.place == "against_back" else seat - CHAIR_BACK
    if ctx.view in FACE_ON:
        centre = ctx.page(first.landmark("pelvis"))[0]
        lo, hi = centre - 22.0, centre + 22.0
        # Seen from behind too the backrest is drawn behind the body: in front, its top rail would
        # cross the back where the shoulder blades are drawn.
        out.back.append(
            _path(
                f"M{num(lo + 3)} {num(back)}V{num(seat)}M{num(hi - 3)} {num(back)}V{num(seat)}M{num(lo + 3)} {num(back + 4)}H{num(hi - 3)}",
                "prop",
            )
        )
        out.back.append(
            _path(f"M{num(lo)} {num(seat)}H{num(hi)}M{num(lo + 2)} {num(seat)}V0M{num(hi - 2)} {num(seat)}V0", "prop")
        )
        out.points += [(lo, back), (hi, 0.0)]
        return
    f = ctx.facing
    if ctx.place == "in_front":
        # Facing the person: the seat's front edge just behind the elbows, the back away, and
        # the front leg clear of the head that hangs between the arms in front of the seat.
        elbows = min(ctx.forward(b.landmark(n)) for b in ctx.bodies for n in ("left_elbow", "right_elbow"))
        head = max(ctx.forward(b.landmark("head")) for b in ctx.bodies) + HEAD_RADIUS + 4.0
        near = min(elbows - 3.0, max(elbows - 8.0, head))
        rear, front, lean = near + 42.0, near, 4.0
    elif ctx.place == "against_back":
        # The backrest just behind the back in the start, from the middle of the back down to the
        # seat's rear edge, never into the lower back.
        pelvis = ctx.forward(first.landmark("pelvis"))
        top = ctx.forward(first.segments["lower_back"].end) - HALF_CHEST - BACKREST_GAP
        rear = min(top, pelvis - SEGMENTS_BY_NAME["lower_back"].width / 2 - BACKREST_GAP)
        front, lean = rear + 44.0, top - rear
    else:
        pelvis = ctx.forward(first.landmark("pelvis"))
        rear, front, lean = pelvis - 22.0, pelvis + 22.0, -5.0
    r, fr, top = rear * f, front * f, (rear + lean) * f
    d = f"M{num(top)} {num(back)}L{num(r)} {num(seat)}V0M{num(r)} {num(seat)}H{num(fr)}M{num(fr - 2 * f)} {num(seat)}V0"
    out.back.append(_path(d, "prop"))
    out.points += [(top, back), (fr, 0.0), (r, 0.0)]


def _hatched_wall(x: float, away: int, out: Layout) -> None:
    """A wall seen edge-on: a line with short hatching on the side away from the person."""
    ticks = "".join(f"M{num(x)} {num(-y)}l{num(8 * away)} 8" for y in range(14, int(WALL_HEIGHT), 16))
    out.back.append(_path(f"M{num(x)} 0V{num(-WALL_HEIGHT)}", "prop"))
    out.back.append(_path(ticks, "prop thin"))
    out.points += [(x + 8 * away, -WALL_HEIGHT), (x, 0.0)]


def draw_wall(ctx: Context, out: Layout) -> None:
    if ctx.view in FACE_ON:
        out.back.append(_rect(-75.0, -WALL_HEIGHT, 150.0, WALL_HEIGHT, "prop-wash"))
        out.points += [(-75.0, -WALL_HEIGHT), (75.0, 0.0)]
        return
    f = ctx.facing
    if ctx.place == "in_front":
        x = max(ctx.front_of_body(b) for b in ctx.bodies) + 1.0
        _hatched_wall(x * f, f, out)
        return
    x = min(ctx.rear_of_trunk(b) for b in ctx.bodies)
    _hatched_wall(x * f, -f, out)


def ball_on_wall(bodies: list[Body]) -> Vec:
    """Where the ball rests on the wall, the same in every frame: the back rolls over it.

    Halfway between its spots on the back at the start and the end (a rolling ball travels
    half as far as the back), and as far back as the back ever reaches, so it touches the
    wall and the back throughout."""
    spots = [ball_centre(b) for b in bodies]
    x = min(spot[0] for spot in spots)
    return (x, (spots[0][1] + spots[-1][1]) / 2, spots[0][2])


def draw_wall_for_ball(ctx: Context, out: Layout) -> None:
    if ctx.view not in FACE_ON:
        # The wall's line, drawn thick, touches the ball's outline instead of running through the ball.
        x = ctx.forward(ball_on_wall(ctx.bodies)) - BALL_RADIUS - BALL_LINE / 2 - PROP_LINE / 2
        _hatched_wall(x * ctx.facing, -ctx.facing, out)


def draw_doorway(ctx: Context, out: Layout) -> None:
    first = ctx.bodies[0]
    if ctx.view in FACE_ON:
        centre = ctx.page(first.landmark("pelvis"))[0]
        lo, hi = centre - 46.0, centre + 46.0
        out.back.append(_path(f"M{num(lo)} 0V{num(-DOOR_HEIGHT)}H{num(hi)}V0", "prop thick"))
        out.points += [(lo - 4, -DOOR_HEIGHT - 4), (hi + 4, 0.0)]
        return
    if ctx.view not in ("side", "other_side"):
        _turned_doorway(ctx, first, out)
        return
    # Seen from the side the frame is a post behind the near forearm, which lies on it: the
    # post runs down the forearm's line (hands, not the body, decide where it stands), so
    # the body is beside it at the start and leans through past it at the end.
    near = "left" if ctx.facing > 0 else "right"
    _post_at(ctx, first.segments[f"{near}_forearm"], out)


def _turned_doorway(ctx: Context, body: Body, out: Layout) -> None:
    """The frame turned as the person is: each post a box standing at its forearm, the posts
    and the lintel showing their faces toward the reader and the depth of the jamb beside them,
    so the doorway reads as seen from the side and a little in front, not face-on."""
    posts = [door_post(body, side) for side in SIDES]
    face = door_face(body)
    back = face + JAMB_DEPTH
    half = POST_FACE / 2
    near_z = max(posts) + half
    far_z = min(posts) - half

    def quad(corners: list[Vec]) -> str:
        points = [ctx.page(c) for c in corners]
        return "M" + "L".join(f"{num(x)} {num(y)}" for x, y in points) + "Z"

    top, lintel = DOOR_HEIGHT, DOOR_HEIGHT - POST_WIDTH
    # The faces the reader sees of the jamb's depth: the near post's outer side, the far post's inner side.
    for z, y_top in ((near_z, top), (far_z + POST_FACE, lintel)):
        d = quad([(face, 0.0, z), (back, 0.0, z), (back, y_top, z), (face, y_top, z)])
        out.back.append(_path(d, "prop-fill"))
        out.back.append(_path(d, "prop"))
    # The frame's front: two posts and the lintel, in the plane across the doorway.
    posts_and_lintel = quad(
        [
            (back, 0.0, near_z),
            (back, top, near_z),
            (back, top, far_z),
            (back, 0.0, far_z),
            (back, 0.0, far_z + POST_FACE),
            (back, lintel, far_z + POST_FACE),
            (back, lintel, near_z - POST_FACE),
            (back, 0.0, near_z - POST_FACE),
        ]
    )
    out.back.append(_path(posts_and_lintel, "prop prop-wash"))
    for corner in ((face, top, near_z), (back, 0.0, far_z)):
        out.points.append(ctx.page(corner))


def _hand_side_middle(forearm) -> Vec:
    return scale(add(forearm.start, forearm.end), 0.5)


def door_face(body: Body) -> float:
    """How far forward the door frame's face toward the person stands: where the forearms of the
    first pose rest on it (the frame stays there while the figure moves)."""
    return max(_hand_side_middle(body.segments[f"{side}_forearm"])[0] for side in SIDES) + FOREARM_WIDTH / 2


def door_post(body: Body, side: str) -> float:
    """Where across the doorway one side's post stands: at that forearm in the first pose."""
    return _hand_side_middle(body.segments[f"{side}_forearm"])[2]


def _post_at(ctx: Context, forearm, out: Layout) -> None:
    """A door post standing down a forearm's line, drawn behind the body."""
    x = (ctx.forward(forearm.start) + ctx.forward(forearm.end)) / 2 - 4.0
    left = x if ctx.facing > 0 else -x - POST_WIDTH
    out.back.append(_rect(left, -DOOR_HEIGHT, POST_WIDTH, DOOR_HEIGHT, "prop prop-wash"))
    out.points += [(left, -DOOR_HEIGHT), (left + POST_WIDTH, 0.0)]


def draw_foam_roller(ctx: Context, out: Layout) -> None:
    centres = [ctx.page(roller_centre(b)) for b in ctx.bodies]
    if ctx.view in FACE_ON:
        for c in centres[:1]:
            out.back.append(_rect(c[0] - 45.0, c[1] - ROLLER_RADIUS, 90.0, 2 * ROLLER_RADIUS, "prop", rx=3.0))
        return
    out.moving_back.append(MovingCircle(centres, ROLLER_RADIUS, "prop prop-wash", inner_r=2.5))
    out.points += [(c[0] - ROLLER_RADIUS, c[1]) for c in centres] + [(c[0] + ROLLER_RADIUS, c[1]) for c in centres]


def draw_massage_ball(ctx: Context, out: Layout) -> None:
    draw_wall_for_ball(ctx, out)
    centres = [ctx.page(ball_on_wall(ctx.bodies))] * len(ctx.bodies)
    # In front of the body, outlined and lightly filled (not a body shade), so it reads as
    # a ball between the shoulder blade and the wall, not as a far elbow.
    out.moving_front.append(MovingCircle(centres, BALL_RADIUS, "ball"))


def band_anchor(first: Body) -> Vec:
    """In line with the arms, a little over half a metre beyond the hands."""
    hands = scale(add(grip(first, "left"), grip(first, "right")), 0.5)
    shoulders = first.landmark("shoulders")
    reach = sub(hands, shoulders)
    size = max(1e-6, sum(c * c for c in reach) ** 0.5)
    return add(hands, scale(reach, 55.0 / size))


BAND_CSS = "band elastic"  # a band in its own colour, seen over the forearms that hold it


def draw_resistance_band(ctx: Context, out: Layout) -> None:
    if ctx.place == "between_hands":
        # Held out in front of the body, in front of everything between the hands.
        starts = [ctx.page(grip(b, "left")) for b in ctx.bodies]
        ends = [ctx.page(grip(b, "right")) for b in ctx.bodies]
        out.moving_front.append(MovingLine(starts, ends, 2.5, BAND_CSS))
        return
    anchor = ctx.page(band_anchor(ctx.bodies[0]))
    top = min(anchor[1] - 30.0, -120.0)
    post = anchor[0] if ctx.facing > 0 else anchor[0] - 7.0
    out.back.append(_rect(post, top, 7.0, -top, "prop prop-wash"))
    out.points += [(post + 7.0, top), (post, 0.0)]
    fixed = (anchor[0] + ctx.facing, anchor[1])
    # A strand passes beside the head or the trunk, never through it, so where the drawing
    # overlaps them it is cut away (the picture does that: it knows the near arm from the far).
    for side in ("right", "left"):
        starts = [ctx.page(grip(b, side)) for b in ctx.bodies]
        out.moving_front.append(MovingLine(starts, [fixed] * len(starts), 2.5, BAND_CSS, held_in=side))


def draw_dumbbell(ctx: Context, out: Layout) -> None:
    sides = {"in_hands": ("left", "right"), "in_left_hand": ("left",), "in_right_hand": ("right",)}[ctx.place]
    for side in sides:
        # Seen end-on: a plate around the fist.
        centres = [ctx.page(grip(b, side)) for b in ctx.bodies]
        out.moving_front.append(MovingCircle(centres, 8.0, "prop", inner_r=1.5))


def draw_yoga_block(ctx: Context, out: Layout) -> None:
    head = ctx.page(ctx.bodies[-1].point("head"))
    out.back.append(_rect(head[0] - 12.0, -10.0, 24.0, 10.0, "prop", rx=1.0))


def rowing_seat_top(body: Body) -> float:
    return body.landmark("pelvis")[1] - SEAT_BELOW_HIP


def draw_rowing_machine(ctx: Context, out: Layout) -> None:
    """From the side: a rail on the floor, the seat sliding under the pelvis, a foot plate
    behind the soles and the flywheel beyond it, with the chain running to the hands."""
    if ctx.view != "side" and ctx.view != "other_side":
        return
    f = ctx.facing
    first = ctx.bodies[0]
    feet = [ctx.forward(first.segments[f"{side}_foot"].end) for side in ("left", "right")]
    toes = max(feet)
    seats = [ctx.forward(b.landmark("pelvis")) for b in ctx.bodies]
    rail_y = -(ROWER_SEAT - THICK_LINE - PROP_LINE / 2)  # the seat slides on the rail
    rear, front = min(seats) - 30.0, toes + 2.0 * FLYWHEEL_RADIUS + 4.0
    wheel = ((toes + FLYWHEEL_RADIUS + 6.0) * f, rail_y - FLYWHEEL_RADIUS + 4.0)
    out.back.append(
        _path(
            f"M{num(rear * f)} 0V{num(rail_y)}H{num(front * f)}M{num((rear + 4.0) * f)} {num(rail_y)}V0"
            f"M{num(wheel[0])} {num(rail_y)}V0",
            "prop",
        )
    )
    out.back.append(f"<circle{attrs(cx=wheel[0], cy=wheel[1], r=FLYWHEEL_RADIUS, class_='prop prop-wash')}/>")
    # The foot plate, along the soles of the first pose (the feet stay put).
    for side in ("left", "right"):
        foot = first.segments[f"{side}_foot"]
        heel, toe = ctx.page(foot.start), ctx.page(foot.end)
        out.back.append(_line((heel[0] - 3.0 * f, heel[1] + 4.0), (toe[0] + 1.0 * f, toe[1] + 2.0), "prop thick"))
    out.points += [(rear * f, rail_y), (front * f, 0.0), (wheel[0], wheel[1] - FLYWHEEL_RADIUS)]
    # The seat slides with the pelvis; the chain runs from the flywheel to the hands.
    starts, ends = [], []
    for b in ctx.bodies:
        x, top = ctx.page(b.landmark("pelvis"))[0], -rowing_seat_top(b)
        starts.append((x - 16.0 * f, top + THICK_LINE / 2))
        ends.append((x + 14.0 * f, top + THICK_LINE / 2))
    out.moving_back.append(MovingLine(starts, ends, THICK_LINE, "prop thick"))
    hands = [ctx.page(scale(add(grip(b, "left"), grip(b, "right")), 0.5)) for b in ctx.bodies]
    out.moving_back.append(MovingLine(hands, [wheel] * len(hands), 1.6, "band"))


DRAW: dict[str, Callable[[Context, Layout], None]] = {
    "mat": draw_mat,
    "chair": draw_chair,
    "wall": draw_wall,
    "doorway": draw_doorway,
    "foam_roller": draw_foam_roller,
    "massage_ball": draw_massage_ball,
    "resistance_band": draw_resistance_band,
    "dumbbell": draw_dumbbell,
    "yoga_block": draw_yoga_block,
    "rowing_machine": draw_rowing_machine,
}


def lay_out(figure: Mapping, view: str, bodies: list[Body]) -> Layout:
    """Every prop of the figure, in the order that reads best: floor things first."""
    layout = Layout()
    order = {name: i for i, name in enumerate(PROP_NAMES)}
    names = normalise(figure)
    has_ball = any(name == "massage_ball" for name, _ in names)
    for name, place in sorted(names, key=lambda item: order[item[0]]):
        if view == "above" and name != "mat":
            continue  # seen from above only the mat can be drawn; the checks say so
        if name == "wall" and has_ball and view not in FACE_ON:
            continue  # the ball places the wall behind itself
        DRAW[name](Context(view, bodies, place), layout)
    return layout


def lifts_body(figure: Mapping) -> Underneath | None:
    """The prop the body lies or sits on, if any, so the body is lifted onto it."""
    names = {name for name, _ in normalise(figure)}
    if "foam_roller" in names:
        return Underneath(lambda body: roller_centre(body)[1] - ROLLER_RADIUS, lies_back_on=True)
    if "rowing_machine" in names:
        return Underneath(lambda body: rowing_seat_top(body) - ROWER_SEAT, sits_on=True)
    return None
