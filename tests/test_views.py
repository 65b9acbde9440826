"""The view a figure is drawn in: chosen by the drawing when the entry leaves it out, or two views for a turn."""

from __future__ import annotations

import json

import pytest
import yaml
from conftest import FIGURE, exercise_text
from test_site import build_site, make_project

from stretchguide.figures import figure_problems, render_pose_svg, views_of
from stretchguide.figures.__main__ import preview
from stretchguide.figures.views import _chosen, chosen_view
from stretchguide.loader import load_catalog
from stretchguide.sheet.pictures import draw, picture_for, svg_uri
from stretchguide.site.pictures import view_label

ALT = "Standing tall, the person moves as the test describes."


def standing(end_angles: dict, start_angles: dict | None = None, **more) -> dict:
    start = {"posture": "standing", **({"angles": start_angles} if start_angles else {})}
    return {"alt": ALT, "start": start, "end": {"posture": "standing", "angles": end_angles}, **more}


SIDE_BEND = standing({"lower_back_side_bend": 20, "upper_back_side_bend": 20})
FORWARD_BEND = standing({"lower_back_bend": 40, "upper_back_bend": 30})
# The right arm (the far one from the side) raised out to the side: seen from the side it moves
# only behind the trunk, so the side view, though it would measure the same, shows nothing.
FAR_ARM_BEHIND_TRUNK = standing({"right_shoulder_raise_sideways": 100}, {"right_shoulder_raise_sideways": 80})
HEAD_TURN = standing({"neck_turn": 30})
TWO_VIEWS = FIGURE.replace("view: front", "view: [front, side]")


# Choosing


def test_a_side_to_side_move_is_drawn_from_the_front():
    assert views_of(SIDE_BEND) == ("front",)


def test_a_forward_bend_is_drawn_from_the_side():
    assert views_of(FORWARD_BEND) == ("side",)


def test_a_movement_hidden_behind_the_trunk_does_not_count_for_that_view():
    assert views_of(FAR_ARM_BEHIND_TRUNK) == ("front",)


def test_a_rowing_machine_drawn_only_from_the_side_keeps_the_side_view():
    # A head turn, which the front would show best, on the machine's seat.
    seated = {"posture": "supine", "trunk_lean": 90, "angles": {"hip_bend": 45, "knee_bend": 125}}
    rowing = {
        "alt": "Sitting on a rowing machine, the person turns the head to the left.",
        "props": ["rowing_machine"],
        "anchor": "feet",
        "start": seated,
        "end": {**seated, "angles": {**seated["angles"], "neck_turn": 60}},
    }
    assert views_of({key: value for key, value in rowing.items() if key != "props"}) != ("side",)
    assert views_of(rowing) == ("side",)


def test_the_same_entry_always_gets_the_same_view():
    first = chosen_view(SIDE_BEND)
    _chosen.cache_clear()
    assert chosen_view(json.loads(json.dumps(SIDE_BEND))) == first


def test_an_entrys_own_view_is_kept_even_where_another_shows_more():
    assert views_of({**SIDE_BEND, "view": "side"}) == ("side",)


def test_two_views_are_drawn_in_the_order_the_entry_gives():
    assert views_of({**SIDE_BEND, "view": ["side", "front"]}) == ("side", "front")


def test_the_check_judges_a_figure_without_a_view_in_the_view_it_chooses():
    # From the side a head turn moves only 2 cm, too little; the drawing chooses the front.
    assert figure_problems(HEAD_TURN) == []
    assert figure_problems({**HEAD_TURN, "view": "side"}) != []


def test_the_check_wants_each_of_two_views_to_show_the_movement():
    assert figure_problems({**HEAD_TURN, "view": ["front", "side"]}) == [
        (
            ("end",),
            "seen from the `side` view nothing moves more than 2 cm between start and end, too little to see; "
            "try `view: front`, where it moves 7 cm",
        )
    ]


def test_the_preview_says_which_view_it_chose_and_why(tmp_path, capsys):
    entry = tmp_path / "side-bend.md"
    entry.write_text(f"---\n{yaml.safe_dump({'figure': SIDE_BEND})}---\n", encoding="utf-8")
    page, _ = preview([entry])
    assert "<h2>side-bend, seen from the front view (chosen: shows the most movement) (light)</h2>" in page
    assert capsys.readouterr().out == f"{entry}: view: front (chosen: shows the most movement)\n"


def test_the_preview_says_which_view_it_would_choose_beside_the_entrys_own(tmp_path, capsys):
    entry = tmp_path / "side-bend.md"
    entry.write_text(f"---\n{yaml.safe_dump({'figure': {**SIDE_BEND, 'view': 'side'}})}---\n", encoding="utf-8")
    preview([entry])
    assert capsys.readouterr().out == f"{entry}: view: side (left out, the drawing would choose front)\n"


def test_the_sheet_draws_the_first_of_two_views(content):
    content.exercise("chin-tucks", exercise_text("Chin Tucks", level=f"level: beginner\n{TWO_VIEWS}"))
    exercise = load_catalog(content.with_pictures().dir).exercises["chin-tucks"]
    drawn = draw(picture_for(exercise))
    figure = json.loads(json.dumps(exercise.figure, default=dict))
    assert drawn.start == svg_uri(render_pose_svg(figure, "start", slug="chin-tucks", view="front", framed=True))
    assert drawn.start != svg_uri(render_pose_svg(figure, "start", slug="chin-tucks", view="side", framed=True))


# Mistakes, each one line at its place


@pytest.mark.parametrize(
    ("view", "message"),
    [
        ("[front, front]", "12:9: figure.view: lists 'front' more than once"),
        (
            "sideways",
            "12:9: figure.view: 'sideways' is not one of: side, other_side, front, back, above, three_quarter",
        ),
        (
            "[front, sidee]",
            "12:17: figure.view[2]: 'sidee' is not one of: side, other_side, front, back, above, three_quarter; "
            "did you mean 'side'?",
        ),
        ("[front, side, three_quarter]", "12:9: figure.view: may have at most 2 items (has 3)"),
        ("[]", "12:9: figure.view: needs at least 1 item (has 0)"),
        (
            "[side, other_side]",
            "12:9: figure.view: `side` and `other_side` show the same movement, mirrored; "
            "for a second view take `front` or `three_quarter`",
        ),
    ],
)
def test_a_bad_view_is_named_at_its_place(content, view, message):
    figure = FIGURE.replace("view: front", f"view: {view}")
    assert content.problems_with_figure(figure) == [f"content/exercises/chin-tucks.md:{message}"]


# The built site


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    content = make_project(tmp_path_factory.mktemp("views") / "project")
    content.exercise("chin-tucks", exercise_text("Chin Tucks", level=f"level: beginner\n{TWO_VIEWS}"))
    return build_site(content.root)


def test_an_entry_with_two_views_shows_both_on_its_page_each_named(site):
    page = (site / "exercises" / "chin-tucks" / "index.html").read_text(encoding="utf-8")
    assert page.count("data-figure-motion=") == 2
    assert 'data-figure-motion="../../exercises/chin-tucks/figure.svg"' in page
    assert 'data-figure-motion="../../exercises/chin-tucks/figure-side.svg"' in page
    assert '<p class="sg-figure__view">Seen from the front</p>' in page
    assert '<p class="sg-figure__view">Seen from the side</p>' in page
    assert 'alt="The same movement, seen from the side."' in page


@pytest.mark.parametrize(
    ("posture", "view", "label"),
    [
        ("supine_knees_bent", "front", "Seen from the feet"),
        ("supine", "side", "Seen from the side"),
        ("seated_on_chair", "back", "Seen from behind"),
        ("standing", "front", "Seen from the front"),
    ],
)
def test_a_view_is_named_as_the_reader_sees_the_body(posture, view, label):
    assert view_label({"start": {"posture": posture}, "end": {"posture": posture}}, view) == label


def test_the_two_views_are_separate_drawings_whose_ids_never_clash(site):
    folder = site / "exercises" / "chin-tucks"
    first, second = ((folder / name).read_text(encoding="utf-8") for name in ("figure.svg", "figure-side.svg"))
    assert 'id="chin-tucks-motion"' in first
    assert 'id="chin-tucks-side-motion"' in second
    assert sorted(path.name for path in folder.glob("*.svg")) == [
        "end-side.svg",
        "end.svg",
        "figure-side.svg",
        "figure.svg",
    ]


def test_the_card_of_an_entry_with_two_views_shows_the_first(site):
    index = (site / "exercises" / "index.html").read_text(encoding="utf-8")
    assert 'src="../exercises/chin-tucks/end.svg"' in index
    assert "end-side.svg" not in index
