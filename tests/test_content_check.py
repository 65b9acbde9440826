"""The content contract: what the checker accepts, and the exact line it prints for each mistake."""

from __future__ import annotations

import pytest

from stretchguide.check import main as check
from stretchguide.loader import MAX_BYTES, load_catalog
from stretchguide.problems import ContentError
from tests.conftest import FIGURE, VALID_EXERCISE, VALID_SERIES, exercise_text


def problems(content) -> list[str]:
    with pytest.raises(ContentError) as raised:
        load_catalog(content.dir)
    return [str(problem) for problem in raised.value.problems]


def test_a_valid_catalog_passes_with_a_summary_line(content, capsys):
    content.with_pictures()
    assert check(["content"]) == 0
    assert capsys.readouterr().out == "3 exercises, 1 series: OK\n"


def test_a_valid_entry_with_a_bom_and_crlf_line_ends_passes(content):
    content.exercise("shoulder-rolls", b"\xef\xbb\xbf" + exercise_text("Shoulder Rolls").replace("\n", "\r\n").encode())
    catalog = load_catalog(content.dir)
    assert catalog.exercises["shoulder-rolls"].title == "Shoulder Rolls"
    assert catalog.exercises["shoulder-rolls"].body == "Optional prose in Markdown."


def test_a_pure_yaml_entry_is_accepted(content):
    front_matter = exercise_text("Chin Tucks").split("---\n")[1]
    content.exercise("chin-tucks", "").unlink()
    content.exercise("chin-tucks.yml", front_matter)
    assert load_catalog(content.dir).exercises["chin-tucks"].title == "Chin Tucks"


def test_the_catalog_holds_domain_objects(content):
    catalog = load_catalog(content.dir)
    rotation = catalog.exercises["seated-thoracic-rotation"]
    assert rotation.dose.describe() == "Hold 3 s, 8 times, each side, twice a day"
    assert rotation.equipment == ("chair",)
    series = catalog.series["desk-break"]
    assert [item.exercise.slug for item in series.items] == ["seated-thoracic-rotation", "shoulder-rolls", "chin-tucks"]
    assert series.items[1].dose.reps == 5  # the series' dose is merged over the exercise's
    assert series.items[1].dose.hold_seconds == 3
    assert catalog.series_using("chin-tucks") == [series]


def test_a_missing_field_is_named_with_what_belongs_there(content):
    content.exercise("chin-tucks", exercise_text("Chin Tucks").replace("level: beginner\n", ""))
    assert problems(content) == [
        "content/exercises/chin-tucks.md:2:1: level: is missing: How much experience it needs."
    ]


def test_a_wrong_type_says_what_was_expected(content):
    content.exercise("chin-tucks", exercise_text("Chin Tucks", equipment="equipment: chair"))
    assert problems(content) == [
        "content/exercises/chin-tucks.md:7:12: equipment: must be a list (one '- item' per line, or [a, b]), "
        "not the text 'chair'"
    ]


def test_a_number_in_quotes_is_not_a_number(content):
    text = exercise_text("Chin Tucks").replace("reps: 8", 'reps: "8"')
    content.exercise("chin-tucks", text)
    assert problems(content) == [
        "content/exercises/chin-tucks.md:11:9: dose.reps: must be a whole number such as 30, not the text '8'"
    ]


def test_an_unknown_value_lists_the_choices_and_a_guess(content):
    content.exercise("chin-tucks", exercise_text("Chin Tucks", position="position: seeted"))
    assert problems(content) == [
        "content/exercises/chin-tucks.md:6:11: position: 'seeted' is not one of: standing, seated, kneeling, "
        "quadruped, prone, supine, side-lying; did you mean 'seated'?"
    ]


def test_an_unknown_field_is_refused_with_a_suggestion(content):
    content.exercise("chin-tucks", exercise_text("Chin Tucks").replace("title:", "titel:", 1))
    assert problems(content) == ["content/exercises/chin-tucks.md:2:1: titel: unknown field; did you mean 'title'?"]


def test_an_unknown_field_with_no_near_name_lists_the_fields(content):
    content.exercise("chin-tucks", exercise_text("Chin Tucks", level="level: beginner\ncolour: blue"))
    assert problems(content) == [
        "content/exercises/chin-tucks.md:10:1: colour: unknown field; the fields here are: title, aliases, summary, "
        "type, position, equipment, targets, level, dose, steps, cues, mistakes, cautions, avoid_if, related, "
        "sources, reviewed, reviewed_by, figure, image"
    ]


def test_a_duplicate_key_is_refused_where_it_repeats(content):
    content.exercise("chin-tucks", exercise_text("Chin Tucks", level="level: beginner\nlevel: advanced"))
    assert problems(content) == [
        "content/exercises/chin-tucks.md:10:1: yaml: duplicate field 'level' (first given on line 9)"
    ]


def test_anchors_and_aliases_are_refused(content):
    text = exercise_text("Chin Tucks", summary="summary: &s Tuck the chin.", level="level: *s")
    content.exercise("chin-tucks", text)
    assert problems(content) == [
        "content/exercises/chin-tucks.md:4:10: yaml: anchors (&name) are not allowed here; write each value out in full"
    ]


def test_an_alias_alone_is_refused(content):
    content.exercise("chin-tucks", exercise_text("Chin Tucks", level="level: *somewhere"))
    assert problems(content) == [
        "content/exercises/chin-tucks.md:9:8: yaml: aliases (*name) are not allowed here; write the value out in full"
    ]


def test_tags_are_refused_before_anything_is_built(content):
    content.exercise("chin-tucks", exercise_text("Chin Tucks", level="level: !!python/object/apply:os.system [id]"))
    assert problems(content) == [
        "content/exercises/chin-tucks.md:9:8: yaml: tags such as !!python/object/apply:os.system "
        "are not allowed here; write plain values"
    ]


def test_yaml_1_1_yes_no_surprise_is_refused_by_type(content):
    content.exercise("chin-tucks", exercise_text("No"))
    assert problems(content) == [
        "content/exercises/chin-tucks.md:2:8: title: No is read by YAML as a yes/no value, not as written; "
        'put it in quotes ("No") or write what you mean'
    ]


def test_yaml_1_1_date_surprise_is_refused_by_type(content):
    text = exercise_text("Chin Tucks").replace(
        "  - title: Effective", "  - title: 2024-01-02\n    publisher: Effective"
    )
    content.exercise("chin-tucks", text)
    assert problems(content) == [
        "content/exercises/chin-tucks.md:23:12: sources[1].title: 2024-01-02 is read by YAML as a date, "
        'not as written; put it in quotes ("2024-01-02") or write what you mean'
    ]


def test_a_file_name_that_is_not_a_slug_is_refused(content):
    content.exercise("Chin_Tucks.md", exercise_text("Chin Tucks"))
    assert problems(content) == [
        "content/exercises/Chin_Tucks.md:1:1: slug: the file name 'Chin_Tucks.md' is not a valid slug: "
        "use lowercase letters a-z, digits and single hyphens, e.g. thread-the-needle.md"
    ]


def test_the_same_slug_as_md_and_yml_is_refused(content):
    content.exercise("chin-tucks.yml", VALID_EXERCISE.split("---\n")[1])
    assert problems(content) == [
        "content/exercises/chin-tucks.yml:1:1: slug: 'chin-tucks' is already used by content/exercises/chin-tucks.md"
    ]


def test_a_related_slug_must_exist(content):
    content.exercise("chin-tucks", exercise_text("Chin Tucks", level="level: beginner\nrelated: [shoulder-roll]"))
    assert problems(content) == [
        "content/exercises/chin-tucks.md:10:11: related[1]: there is no exercise 'shoulder-roll' in "
        "content/exercises/; did you mean 'shoulder-rolls'?"
    ]


def test_a_series_must_name_existing_exercises_once_each(content):
    content.series(
        "desk-break",
        "title: Desk Break\nsummary: Three moves.\nexercises:\n"
        '  - exercise: chin-tucks\n  - exercise: neck-rolls\n  - exercise: chin-tucks\nreviewed: "2026-11-01"\n',
    )
    assert problems(content) == [
        "content/series/desk-break.yml:5:15: exercises[2].exercise: there is no exercise 'neck-rolls' "
        "in content/exercises/",
        "content/series/desk-break.yml:6:15: exercises[3].exercise: 'chin-tucks' is already item 1 of this series",
    ]


def test_a_series_needs_three_to_six_exercises(content):
    content.series(
        "desk-break",
        'title: Desk Break\nsummary: Two moves.\nexercises:\n  - exercise: chin-tucks\nreviewed: "2026-11-01"\n',
    )
    assert problems(content) == ["content/series/desk-break.yml:4:3: exercises: needs at least 3 items (has 1)"]


def test_a_dose_needs_a_hold_breaths_or_reps(content):
    content.exercise("chin-tucks", exercise_text("Chin Tucks").replace("  reps: 8\n  hold_seconds: 3\n", ""))
    assert problems(content) == [
        "content/exercises/chin-tucks.md:11:3: dose: needs at least one of: hold_seconds, breaths, reps"
    ]


def test_an_empty_file_is_refused(content):
    content.exercise("chin-tucks", "")
    assert problems(content) == [
        "content/exercises/chin-tucks.md:1:1: file: is empty; start from scripts/new_exercise.py or an existing entry"
    ]


def test_a_file_that_is_not_utf8_is_refused_at_the_bad_byte(content):
    content.exercise("chin-tucks", exercise_text("Chin Tucks").replace("Chin Tucks", "Chin T\xfccks").encode("latin-1"))
    assert problems(content) == [
        "content/exercises/chin-tucks.md:2:14: file: is not UTF-8 text (byte 0xfc here); save it with UTF-8 encoding"
    ]


def test_an_oversize_file_is_refused(content):
    content.exercise("chin-tucks", exercise_text("Chin Tucks") + "x" * MAX_BYTES)
    assert problems(content) == [
        "content/exercises/chin-tucks.md:1:1: file: is 256 KiB; an entry may be at most 256 KiB"
    ]


def test_markdown_without_front_matter_is_refused(content):
    content.exercise("chin-tucks", "# Chin tucks\n\nTuck your chin.\n")
    assert problems(content) == [
        "content/exercises/chin-tucks.md:1:1: front matter: the file must start with a line '---', "
        "then the fields, then '---'"
    ]


def test_every_problem_of_a_run_is_reported_and_nothing_is_changed(content, capsys):
    content.with_pictures()
    broken = content.exercise("chin-tucks", exercise_text("Chin Tucks", position="position: seeted", level="level:"))
    content.exercise("shoulder-rolls", "")
    before = {path: path.read_bytes() for path in content.dir.rglob("*") if path.is_file()}
    assert check(["content"]) == 1
    output = capsys.readouterr()
    assert output.out == ""
    assert output.err.splitlines() == [
        "content/exercises/chin-tucks.md:6:11: position: 'seeted' is not one of: standing, seated, kneeling, "
        "quadruped, prone, supine, side-lying; did you mean 'seated'?",
        "content/exercises/chin-tucks.md:9:7: level: is empty: choose one of beginner, intermediate, advanced",
        "content/exercises/shoulder-rolls.md:1:1: file: is empty; start from scripts/new_exercise.py or an existing entry",
        "3 problems in 2 files; nothing was changed.",
    ]
    assert "Traceback" not in output.err
    assert {path: path.read_bytes() for path in content.dir.rglob("*") if path.is_file()} == before
    assert broken.exists()


def test_problems_become_annotations_under_github_actions(content, capsys, monkeypatch):
    monkeypatch.setenv("GITHUB_ACTIONS", "true")
    content.exercise("chin-tucks", exercise_text("Chin Tucks", position="position: seeted"))
    assert check(["content"]) == 1
    assert capsys.readouterr().out.startswith(
        "::error file=content/exercises/chin-tucks.md,line=6,col=11::position: 'seeted' is not one of"
    )


def test_a_picture_that_leaves_the_images_folder_is_refused_at_its_field(content):
    image = (
        "image:\n  file: ../../secrets.png\n  alt: A person stretching.\n  license: CC-BY-4.0\n"
        "  author: A. Person\n  source: own work"
    )
    content.exercise("chin-tucks", exercise_text("Chin Tucks", level=f"level: beginner\n{image}"))
    [problem] = problems(content)
    assert problem.startswith(
        "content/exercises/chin-tucks.md:11:9: image.file: '../../secrets.png' is not in the expected form. "
        "The picture's file name inside content/exercises/images/"
    )


def test_an_exercise_has_either_a_figure_or_an_image(content):
    figure = "figure:\n  alt: Seated on a chair, the person turns the chest to the right.\n  start: {posture: seated_on_chair}\n  end: {posture: seated_on_chair}"
    image = "image:\n  file: x.png\n  alt: A person turns the chest to the right while seated.\n  license: CC0-1.0\n  author: A. Person\n  source: own work"
    content.exercise("chin-tucks", exercise_text("Chin Tucks", level=f"level: beginner\n{figure}\n{image}"))
    [problem] = problems(content)
    assert problem.endswith(": image: an exercise has one picture: keep either figure or image")


def test_the_check_refuses_an_exercise_without_a_picture(content, capsys):
    content.exercise("chin-tucks", exercise_text("Chin Tucks"))
    assert check(["content"]) == 1
    assert capsys.readouterr().err.splitlines()[0] == (
        "content/exercises/chin-tucks.md:2:1: (entry): every exercise needs a picture: describe the start and end "
        "pose under figure: (see docs/pictures.md), or add your own image: with its licence"
    )


def test_a_preview_loads_an_exercise_without_a_picture(content):
    content.exercise("chin-tucks", exercise_text("Chin Tucks"))
    assert load_catalog(content.dir).exercises["chin-tucks"].figure is None


def test_a_slug_the_site_uses_itself_is_refused(content):
    content.exercise("index", exercise_text("Index"))
    assert problems(content) == [
        "content/exercises/index.md:1:1: slug: 'index' is reserved for the site's own pages; choose another file name"
    ]


def test_a_file_with_several_kinds_of_mistake_reports_them_all(content):
    text = exercise_text("Chin Tucks", position="position: seeted", level="level: beginner\nrelated: [shoulder-roll]")
    content.exercise("chin-tucks", text.replace("Optional prose in Markdown.", "[x](javascript:alert(1))"))
    assert [problem.split(": ")[1] for problem in problems(content)] == ["position", "related[1]", "body"]


def test_an_alias_that_is_another_exercise_s_title_is_refused_at_the_alias(content):
    content.exercise("chin-tucks", exercise_text("Chin Tucks", aliases="aliases: [Neck glide, shoulder roll]"))
    assert problems(content) == [
        "content/exercises/chin-tucks.md:3:23: aliases[2]: 'shoulder roll' is already the title 'Shoulder Rolls' "
        "of content/exercises/shoulder-rolls.md: remove this alias"
    ]


def test_a_title_that_is_another_exercise_s_title_but_for_punctuation_is_refused(content):
    content.exercise("cat-and-cow", exercise_text("cat cow"))
    content.exercise("cat-cow", exercise_text("Cat-Cow"))
    assert problems(content) == [
        "content/exercises/cat-cow.md:2:8: title: 'Cat-Cow' is already the title 'cat cow' of "
        "content/exercises/cat-and-cow.md: improve that entry instead, or choose another title"
    ]


def test_an_alias_that_is_another_exercise_s_alias_is_refused_in_the_later_file(content):
    content.exercise("chin-tucks", exercise_text("Chin Tucks", aliases="aliases: [Seated Twists]"))
    assert problems(content) == [
        "content/exercises/seated-thoracic-rotation.md:3:11: aliases[1]: 'Seated twist' is already the alias "
        "'Seated Twists' of content/exercises/chin-tucks.md: remove this alias"
    ]


@pytest.mark.parametrize(
    ("typed", "meant"),
    [
        ("sitting", "seated"),
        ("on all fours", "quadruped"),
        ("hands and knees", "quadruped"),
        ("face down", "prone"),
        ("lying on your front", "prone"),
        ("on your back", "supine"),
        ("kneel", "kneeling"),
        ("side_lying", "side-lying"),
        ("side", "side-lying"),
    ],
)
def test_a_position_in_a_person_s_words_suggests_the_contract_s_word(content, typed, meant):
    content.exercise("chin-tucks", exercise_text("Chin Tucks", position=f"position: {typed}"))
    assert problems(content) == [
        f"content/exercises/chin-tucks.md:6:11: position: '{typed}' is not one of: standing, seated, kneeling, "
        f"quadruped, prone, supine, side-lying; did you mean '{meant}'?"
    ]


def test_a_target_named_by_its_first_word_suggests_the_whole_name(content):
    content.exercise("chin-tucks", exercise_text("Chin Tucks", targets="targets: [thoracic]"))
    [problem] = problems(content)
    assert problem.startswith("content/exercises/chin-tucks.md:8:11: targets[1]: 'thoracic' is not one of: neck,")
    assert problem.endswith("; did you mean 'thoracic-spine'?")


def test_lying_alone_asks_which_way_rather_than_guess(content):
    content.exercise("chin-tucks", exercise_text("Chin Tucks", position="position: lying"))
    assert problems(content) == [
        "content/exercises/chin-tucks.md:6:11: position: 'lying' is not one of: standing, seated, kneeling, "
        "quadruped, prone, supine, side-lying; lying which way: 'prone', 'supine' or 'side-lying'?"
    ]


@pytest.mark.parametrize(
    ("typed", "meant"), [("seated", "seated_on_chair"), ("side_lying", "side-lying"), ("on all fours", "quadruped")]
)
def test_a_figure_posture_in_a_person_s_words_suggests_the_posture(content, typed, meant):
    figure = FIGURE.replace("posture: seated_on_chair", f"posture: {typed}", 1).rstrip("\n")
    content.exercise("chin-tucks", exercise_text("Chin Tucks", level=f"level: beginner\n{figure}"))
    [problem] = problems(content)
    assert problem.startswith(f"content/exercises/chin-tucks.md:15:14: figure.start.posture: '{typed}' is not one of:")
    assert problem.endswith(f"; did you mean '{meant}'?")


@pytest.mark.parametrize(
    ("named", "slug"), [("Chin Tucks", "chin-tucks"), ("Seated twists", "seated-thoracic-rotation")]
)
def test_a_series_naming_an_exercise_by_its_title_or_an_alias_is_offered_its_slug(content, named, slug):
    content.series("desk-break", VALID_SERIES.replace("  - exercise: chin-tucks", f"  - exercise: {named}"))
    assert problems(content) == [
        f"content/series/desk-break.yml:7:15: exercises[3].exercise: '{named}' is not a slug; did you mean '{slug}'?"
    ]


def test_a_name_clash_with_an_exercise_remembered_from_the_last_load_is_still_refused_at_its_line(content):
    memo: dict = {}
    load_catalog(content.dir, memo=memo)
    content.exercise("seated-twist", exercise_text("Seated Twist"))
    with pytest.raises(ContentError) as raised:
        load_catalog(content.dir, memo=memo)
    assert [str(problem) for problem in raised.value.problems] == [
        "content/exercises/seated-thoracic-rotation.md:3:11: aliases[1]: 'Seated twist' is already the title "
        "'Seated Twist' of content/exercises/seated-twist.md: remove this alias"
    ]
