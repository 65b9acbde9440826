"""Checks on a figure that the JSON Schema cannot express: props that fit the postures,
body parts that rest where the posture says (feet on the floor, hands under the shoulders),
nothing through the floor or the foam roller, forearms that stay on the door frame, spine
angles that add up to something a person can do, and a movement large enough to see in the
chosen view.
"""

from __future__ import annotations

from collections.abc import Mapping

from .arrows import arrow_problem
from .geometry import distance_to_segment
from .movement import held, motion
from .pose import Body, radius_along, resolve
from .postures import KNEELING, ON_BACK, ON_HANDS_AND_KNEES, POSTURES_BY_NAME
from .projection import VIEWS, flatten
from .props import (
    FOREARM_WIDTH,
    PLACES,
    ROLLER_RADIUS,
    SEATED_PLACES,
    door_face,
    door_post,
    lifts_body,
    normalise,
    roller_centre,
)
from .skeleton import HEAD_RADIUS, JOINTS_BY_NAME, SEGMENTS, SIDES, nose
from .svg import NOSE_RADIUS, behind_head, frames_of, limb_layers, limbs_in_front
from .touches import (
    CONTACT_PARTS,
    PIECE_WORDS,
    SUPPORTS,
    TOUCH_TOLERANCE,
    WIDTHS,
    lowest,
    moved_on_purpose,
    rest_gap,
    touch_entry,
    touch_problems,
)
from .views import asked_views, travel, view_problems, views_of

FLOOR_TOLERANCE = 5.0  # cm a resting part may float above the floor before we say so
LYING = ("supine", "supine_knees_bent", "prone", "prone_on_elbows", "side-lying")

SPINE_LIMITS = {"bend": (-55, 100), "turn": (-80, 80), "side_bend": (-50, 50)}
THROUGH_TOLERANCE = 1.5  # cm a part may press into the floor or a prop (soft tissue, a soft mat)
VISIBLE_CHANGE = 4.0  # cm the part that moves most must travel between start and end: a chin tuck is about 5


def figure_problems(figure: Mapping) -> list[tuple[tuple, str]]:
    problems: list[tuple[tuple, str]] = []
    problems += view_problems(figure)
    problems += _prop_problems(figure)
    problems += _spine_problems(figure)
    problems += _posture_field_problems(figure)
    problems += _sit_back_problems(figure)
    if problems:
        return problems
    if _same(figure["start"], figure["end"]):
        problems.append((("end",), "the end pose is the same as the start pose, so the figure would not move"))
    bodies = motion(figure, 1, lifts_body(figure))
    names = {name for name, _ in normalise(figure)}
    for which, body in (("start", bodies[0]), ("end", bodies[-1])):
        problems += _contact_problems(figure[which], body, which)
        problems += _floor_problems(body, which)
        problems += touch_problems(figure[which], body, which, names)
        if "foam_roller" in names:
            problems += _roller_problems(body, which)
    if not problems:
        problems += _on_the_way_problems(figure)
    if not problems and "doorway" in names:
        problems += _doorway_problems(figure)
    if not problems:
        problems += _visibility_problems(figure, bodies[0], bodies[-1])
    if not problems:
        # Judged on the frames the page draws, as the arrow itself is.
        whys = dict.fromkeys(arrow_problem(figure, frames_of(figure), view) for view in views_of(figure))
        problems += [(("arrow",), why) for why in whys if why]
    return problems


def face_cover(figure: Mapping, which: str) -> str | None:
    """The limb piece drawn over the face (the nose or an eye) in this pose, in the figure's (first) view, if any."""
    view = views_of(figure)[0]
    bodies = frames_of(figure)
    flats = [flatten(body, view) for body in bodies]
    shown = flats[0 if which == "start" else -1]
    front = limbs_in_front(flats, shown, view)
    # A near arm's piece that passes behind the head is drawn under it (a hand on the back of the head).
    sides = limb_layers(flats, view)
    under = behind_head(shown, {limb for limb in front if limb.endswith("arm") and sides[limb] == "near"})
    # The nose, the eyes that show, and the middle of the face between the nose and the head's centre.
    middle = ((shown.nose[0] + shown.head[0]) / 2, (shown.nose[1] + shown.head[1]) / 2)
    face = [shown.nose, middle, *(eye for eye in shown.eyes if eye is not None)]
    for segment in SEGMENTS:
        if segment.drawn and segment.limb in front and segment.name not in under:
            piece = shown.pieces[segment.name]
            if any(distance_to_segment(spot, piece.start, piece.end) < piece.width / 2 for spot in face):
                return segment.name
    return None


def _segment_words(name: str) -> str:
    return name.replace("_", " ").replace("shin", "lower leg")


def _floor_problems(body: Body, which: str) -> list[tuple[tuple, str]]:
    """Every drawn part and the head stay above the floor (the hands, feet, shins and
    forearms are named by the contact check, with its own words)."""
    down = (0.0, -1.0, 0.0)
    problems = []
    for segment in SEGMENTS:
        if not segment.drawn or segment.name.split("_", 1)[-1] in WIDTHS:
            continue
        placed = body.segments[segment.name]
        lowest = min(placed.start[1], placed.end[1]) - radius_along(segment.name, placed, down)
        if lowest < -THROUGH_TOLERANCE:
            problems.append(
                ((which, "angles"), f"the {_segment_words(segment.name)} goes {-lowest:.0f} cm through the floor")
            )
    head = body.point("head")[1] - HEAD_RADIUS
    if head < -THROUGH_TOLERANCE:
        problems.append(((which, "angles"), f"the head goes {-head:.0f} cm through the floor"))
    # The nose stands out of the head's circle: face down, it is what would poke through the mat.
    face = nose(body.segments)[1] - NOSE_RADIUS
    if head >= -THROUGH_TOLERANCE and face < -THROUGH_TOLERANCE:
        problems.append(
            (
                (which, "angles"),
                f"the face goes {-face:.0f} cm through the floor; turn it to the side (neck_turn) "
                "or tip the head so the forehead rests on the floor (neck_bend)",
            )
        )
    return problems


def _on_the_way_problems(figure: Mapping) -> list[tuple[tuple, str]]:
    """A part resting on the same support at the start and the end stays there on the way, in
    every frame the page plays (judged with the same tolerance as the start and the end)."""
    problems = []
    between = frames_of(figure)[1:-1]
    for (side, piece), support in held(figure).items():
        gaps = [rest_gap(body, side, piece, support) for body in between]
        off = max(gaps, key=abs, default=0.0)
        tolerance = FLOOR_TOLERANCE if support == "floor" else TOUCH_TOLERANCE
        if abs(off) <= tolerance:
            continue
        words = f"{side} {PIECE_WORDS.get(piece, piece)}"
        how = (
            f"lifts {off:.0f} cm off"
            if off > 0
            else f"goes {-off:.0f} cm {'through' if support == 'floor' else 'into'}"
        )
        named = touch_entry(figure["end"], side, piece)
        where = ("end", "touches", named) if named else ("end", "angles")
        problems.append(
            (
                where,
                f"on the way from start to end the {words} {how} {SUPPORTS[support]} it rests on at both; "
                "change the end angles so it can stay there as the figure moves",
            )
        )
    return problems


def _doorway_problems(figure: Mapping) -> list[tuple[tuple, str]]:
    """The forearms rest on the door frame in every frame the page plays: the frame stands where
    they are at the start, so a forearm that tilts or slides away leaves the frame in mid-air."""
    bodies = frames_of(figure)
    face = door_face(bodies[0])
    problems = []
    for side in SIDES:
        post = door_post(bodies[0], side)
        offs = [_off_the_frame(body, side, face, post) for body in bodies]
        worst = max(range(len(offs)), key=offs.__getitem__)
        if offs[worst] <= TOUCH_TOLERANCE:
            continue
        when = {0: "at the start", len(bodies) - 1: "at the end"}.get(worst, "on the way from start to end")
        which = "start" if worst == 0 else "end"
        problems.append(
            (
                (which, "angles"),
                f"{when} the {side} forearm and hand are {offs[worst]:.0f} cm off the door frame, which stands at "
                "the forearms of the start pose; keep both forearms upright, level with each other and in the same "
                "place, the arms sweeping back as the chest leans through",
            )
        )
    return problems


def _off_the_frame(body: Body, side: str, face: float, post: float) -> float:
    """How far the forearm, from the elbow to the fingertips, is from the face of its door post, at the most."""
    ends = (
        body.segments[f"{side}_forearm"].start,
        body.segments[f"{side}_forearm"].end,
        body.segments[f"{side}_hand"].end,
    )
    return max(max(abs(face - FOREARM_WIDTH / 2 - p[0]), abs(p[2] - post)) for p in ends)


def _roller_problems(body: Body, which: str) -> list[tuple[tuple, str]]:
    """No arm or leg passes through the foam roller (the back lies on it, which is the point)."""
    centre = roller_centre(body)
    problems = []
    for segment in SEGMENTS:
        if not segment.drawn or segment.limb == "trunk" or segment.limb == "head":
            continue
        placed = body.segments[segment.name]
        # Seen along the roller's axis (across the body), as the side view draws it.
        gap = distance_to_segment(centre[:2], placed.start[:2], placed.end[:2]) - segment.width / 2 - ROLLER_RADIUS
        if gap < -THROUGH_TOLERANCE:
            problems.append(
                ((which, "angles"), f"the {_segment_words(segment.name)} goes {-gap:.0f} cm into the foam roller")
            )
    return problems


def _visibility_problems(figure: Mapping, start: Body, end: Body) -> list[tuple[tuple, str]]:
    """Each view drawn shows the movement (an entry asking for two views wants both to show it)."""
    return [problem for view in views_of(figure) for problem in _too_small(view, start, end)]


def _too_small(view: str, start: Body, end: Body) -> list[tuple[tuple, str]]:
    change = travel(start, end, view)
    if change >= VISIBLE_CHANGE:
        return []
    others = {v: travel(start, end, v) for v in VIEWS if v not in (view, "above")}
    best = max(others, key=others.__getitem__)
    hint = (
        f"try `view: {best}`, where it moves {others[best]:.0f} cm"
        if others[best] >= VISIBLE_CHANGE
        else "make the movement larger"
    )
    return [
        (
            ("end",),
            f"seen from the `{view}` view nothing moves more than {change:.0f} cm between start and end, "
            f"too little to see; {hint}",
        )
    ]


def _same(a: Mapping, b: Mapping) -> bool:
    return resolve(a)[1] == resolve(b)[1]


def _prop_problems(figure: Mapping) -> list[tuple[tuple, str]]:
    problems = []
    props = list(figure.get("props") or ())
    names = {name for name, _ in normalise(figure)}
    for name, place in (figure.get("places") or {}).items():
        if name not in names:
            problems.append(
                (("places", name), f"says where the {name.replace('_', ' ')} goes, but `props` does not list it")
            )
        elif place not in PLACES[name]:
            problems.append((("places", name), f"a {name.replace('_', ' ')} cannot go `{place}`"))
    for which in ("start", "end"):
        posture = POSTURES_BY_NAME[figure[which]["posture"]]
        if posture.seated and "chair" not in names:
            problems.append(((which, "posture"), "sitting on a chair needs `chair` in props"))
        if "foam_roller" in names and posture.name not in ON_BACK:
            problems.append(
                (
                    (which, "posture"),
                    "the foam roller lies across the back, so both poses need `supine` or `supine_knees_bent`",
                )
            )
    if "massage_ball" in names and "wall" not in names:
        problems.append((("props",), "the massage ball is pressed between the back and a wall: add `wall` to props"))
    if "chair" in names and dict(normalise(figure))["chair"] in SEATED_PLACES:
        for which in ("start", "end"):
            if not POSTURES_BY_NAME[figure[which]["posture"]].seated:
                problems.append(
                    (
                        (which, "posture"),
                        "the chair is under the pelvis but this pose is not `seated_on_chair`; sit on it or set `places: {chair: in_front}`",
                    )
                )
    if "above" in asked_views(figure):
        for index, name in enumerate(props):
            if name != "mat":
                problems.append(
                    (("props", index), f"seen from above only a mat is drawn, not a {name.replace('_', ' ')}")
                )
        for which in ("start", "end"):
            if figure[which]["posture"] not in LYING:
                problems.append(
                    ((which, "posture"), "the view from above is for lying postures; use `side` or `front`")
                )
    if "doorway" in names and "wall" in names:
        problems.append((("props",), "draw either a doorway or a wall, not both"))
    for index, name in enumerate(props):
        if name == "mat" and all(figure[w]["posture"] in ("standing", "seated_on_chair") for w in ("start", "end")):
            problems.append(
                (("props", index), "a mat is for kneeling or lying on; standing and sitting figures do without")
            )
    return problems


def _spine_problems(figure: Mapping) -> list[tuple[tuple, str]]:
    problems = []
    for which in ("start", "end"):
        _, angles = resolve(figure[which])
        for motion_name, (low, high) in SPINE_LIMITS.items():
            total = angles.joints.get(f"lower_back_{motion_name}", 0) + angles.joints.get(
                f"upper_back_{motion_name}", 0
            )
            if not low <= total <= high:
                words = motion_name.replace("_", " ")
                problems.append(
                    (
                        (which, "angles"),
                        f"the lower and upper back {words} add up to {total:g} degrees; a back goes from {low} to {high}",
                    )
                )
    return problems


# Pose fields only some postures can take: (those postures, what to say to a pose in another).
POSTURE_FIELDS = {
    "hips_back": (
        KNEELING,
        "the hips sit back over shins on the floor; use a kneeling posture: " + ", ".join(f"`{n}`" for n in KNEELING),
    ),
    "hips_roll": (
        ON_BACK,
        "the hips roll to one side lying on the back; use " + " or ".join(f"`{n}`" for n in ON_BACK),
    ),
    "pelvis_tilt": (
        ON_HANDS_AND_KNEES,
        "the pelvis tips between thighs and hands that stay on the floor; use "
        + " or ".join(f"`{n}`" for n in ON_HANDS_AND_KNEES),
    ),
}


def _posture_field_problems(figure: Mapping) -> list[tuple[tuple, str]]:
    """Hips sit back only over shins on the floor, roll only lying on the back, where the chest stays flat, and
    the pelvis tips only on hands and knees, which hold the trunk up at both ends."""
    return [
        ((which, field), message)
        for field, (postures, message) in POSTURE_FIELDS.items()
        for which in ("start", "end")
        if figure[which].get(field) and figure[which]["posture"] not in postures
    ]


def _sit_back_problems(figure: Mapping) -> list[tuple[tuple, str]]:
    """Kneeling hips sit back no further than the knees bend."""
    knee = JOINTS_BY_NAME["knee"].motions[0]
    problems = []
    for which in ("start", "end"):
        pose = figure[which]
        if not pose.get("hips_back") or pose["posture"] not in KNEELING:
            continue
        _, angles = resolve(pose)
        bends = [angles.joints.get(f"{side}_knee_bend", 0.0) for side in SIDES]
        bend = max(bends) if max(bends) > knee.high else min(bends)
        if not knee.low <= bend <= knee.high:
            problems.append(
                (
                    (which, "hips_back"),
                    f"sitting back this far bends the knees to {bend:g} degrees; a knee bends from {knee.low} to {knee.high}",
                )
            )
    return problems


def _contact_problems(pose: Mapping, body: Body, which: str) -> list[tuple[tuple, str]]:
    posture = POSTURES_BY_NAME[pose["posture"]]
    problems = []
    for contact in posture.contacts:
        for side, part in CONTACT_PARTS.get(contact, ()):
            if moved_on_purpose(pose, side, part):
                continue
            gap = lowest(body, f"{side}_{part}")
            word = PIECE_WORDS.get(part, part)
            if gap > FLOOR_TOLERANCE:
                problems.append(
                    (
                        (which, "angles"),
                        f"the {side} {word} floats {gap:.0f} cm above the floor; in `{posture.name}` it rests on the floor, so change the angles that carry it",
                    )
                )
    for name, _placed in body.segments.items():
        part = name.split("_", 1)[-1]
        if part in WIDTHS and lowest(body, name) < -1.5:
            side = name.split("_", 1)[0]
            word = {"shin": "lower leg"}.get(part, part)
            problems.append(
                ((which, "angles"), f"the {side} {word} goes {-lowest(body, name):.0f} cm through the floor")
            )
    return problems
