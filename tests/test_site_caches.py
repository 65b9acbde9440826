"""The build's caches: a catalog or a drawing is reused only while everything it came from is unchanged."""

from __future__ import annotations

import dataclasses
import hashlib
import json
import logging
from types import MappingProxyType

import pytest
from conftest import REPO, VALID_SERIES, exercise_text

from stretchguide import cache
from stretchguide.cache import FOLDER, project_cache
from stretchguide.loader import load_catalog
from stretchguide.model import Catalog, exercise_from_record, exercise_record, frozen_json
from stretchguide.problems import ContentError
from stretchguide.site.catalog_cache import catalogs, content_digest, load_catalog_cached
from stretchguide.site.pictures import Drawings

MEMO = {"memo": "exercises checked by this code"}  # the memo's inputs, as catalog_cache names them


def load(content):
    return load_catalog_cached(content.dir, root=content.root, cache=project_cache(content.root))


def cached_files(content):
    """The cached catalogs, not counting the loader's memo."""
    kind = catalogs(project_cache(content.root))
    return [path for path in kind.folder.iterdir() if path != kind.path(kind.key(**MEMO))]


def plant(content, cached, catalog: Catalog) -> None:
    """Store `catalog` under the key of `cached`, sealed as the build seals it."""
    kind = catalogs(project_cache(content.root))
    kind.write(cached.name.removesuffix(kind.suffix), frozen_json(catalog.to_record()).encode())


def test_the_cached_catalog_equals_a_fresh_load(content):
    assert load(content) == load_catalog(content.dir, root=content.root)
    assert load(content) == load_catalog(content.dir, root=content.root)


def test_a_build_with_nothing_changed_reads_the_catalog_from_the_cache(content):
    load(content)
    [cached] = cached_files(content)
    # Plant a different catalog under the same key: an unchanged folder must get it back.
    plant(content, cached, Catalog(exercises={}, series={}))
    assert load(content) == Catalog(exercises={}, series={})


def test_a_changed_entry_is_loaded_afresh(content):
    load(content)
    content.exercise("chin-tucks", exercise_text("Chin Tucks Renamed"))
    assert load(content).exercises["chin-tucks"].title == "Chin Tucks Renamed"
    assert len(cached_files(content)) == 1


def test_a_catalog_with_problems_is_never_cached(content):
    content.exercise("chin-tucks", exercise_text("Chin Tucks", level="level: expert"))
    with pytest.raises(ContentError):
        load(content)
    with pytest.raises(ContentError):
        load(content)
    assert cached_files(content) == []


def test_a_damaged_cache_only_means_loading_again(content):
    load(content)
    [cached] = cached_files(content)
    cached.write_bytes(cached.read_bytes()[:-10])
    assert "chin-tucks" in load(content).exercises


def test_a_catalog_from_the_cache_has_read_only_mappings(content):
    load(content)
    exercise = load(content).exercises["seated-thoracic-rotation"]
    assert isinstance(exercise.data, MappingProxyType)
    assert isinstance(exercise.data["dose"], MappingProxyType)


def test_the_cached_catalog_is_json(content):
    load(content)
    [cached] = cached_files(content)
    header, _, record = cached.read_bytes().partition(b"\n")
    assert header.startswith(b"stretchguide-cache 1 ")
    assert sorted(json.loads(record)) == ["exercises", "series"]


def test_an_exercise_record_rebuilds_the_same_exercise(content):
    exercise = load_catalog(content.dir, root=content.root).exercises["seated-thoracic-rotation"]
    again = exercise_from_record(json.loads(frozen_json(exercise_record(exercise))))
    assert again == exercise
    assert again.data == exercise.data


# The loader's memo: after an edit, only the edited entry is checked again


def test_a_load_with_a_memo_equals_a_fresh_load(content):
    memo = {}
    first = load_catalog(content.dir, root=content.root, memo=memo)
    assert len(memo) == 3  # every exercise was sound
    assert load_catalog(content.dir, root=content.root, memo=memo) == first == load_catalog(content.dir)


def test_an_unchanged_exercise_is_taken_from_the_memo(content):
    memo = {}
    load_catalog(content.dir, root=content.root, memo=memo)
    key = next(key for key, exercise in memo.items() if exercise.slug == "chin-tucks")
    # Plant a different exercise under the file's key: an unchanged file must get it back.
    memo[key] = dataclasses.replace(memo[key], title="Planted")
    assert load_catalog(content.dir, root=content.root, memo=memo).exercises["chin-tucks"].title == "Planted"


def test_an_edited_exercise_is_checked_again(content):
    memo = {}
    load_catalog(content.dir, root=content.root, memo=memo)
    content.exercise("chin-tucks", exercise_text("Chin Tucks", level="level: expert"))
    with pytest.raises(ContentError) as raised:
        load_catalog(content.dir, root=content.root, memo=memo)
    assert [problem.field for problem in raised.value.problems] == ["level"]
    assert sorted(exercise.slug for exercise in memo.values()) == ["seated-thoracic-rotation", "shoulder-rolls"]


def test_a_remembered_exercise_whose_reference_broke_is_reported_at_the_line(content):
    related = "related: [chin-tucks]\nsources:"
    content.exercise("shoulder-rolls", exercise_text("Shoulder Rolls").replace("sources:", related))
    content.exercise("wall-angels", exercise_text("Wall Angels"))
    memo = {}
    load_catalog(content.dir, root=content.root, memo=memo)
    (content.dir / "exercises" / "chin-tucks.md").unlink()
    content.series("desk-break", VALID_SERIES.replace("chin-tucks", "wall-angels"))
    with pytest.raises(ContentError) as raised:
        load_catalog(content.dir, root=content.root, memo=memo)
    [problem] = raised.value.problems  # and nothing about the exercises that are still sound
    line = exercise_text("Shoulder Rolls").replace("sources:", related).split("\n").index("related: [chin-tucks]")
    assert (problem.path, problem.line, problem.column, problem.field) == (
        "content/exercises/shoulder-rolls.md",
        line + 1,
        11,
        "related[1]",
    )
    assert "there is no exercise 'chin-tucks'" in problem.message


def test_the_content_check_rule_is_remembered_apart(content):
    memo = {}
    load_catalog(content.dir, root=content.root, memo=memo)  # a preview: no picture needed
    with pytest.raises(ContentError):
        load_catalog(content.dir, root=content.root, memo=memo, require_pictures=True)


def test_after_one_edit_the_build_takes_the_other_entries_from_its_memo(content):
    load(content)
    kind = catalogs(project_cache(content.root))
    memo = {text: exercise_from_record(one) for text, one in json.loads(kind.read(kind.key(**MEMO))).items()}
    key = next(key for key, exercise in memo.items() if exercise.slug == "chin-tucks")
    # Plant a different chin-tucks in the memo on disk, then edit another entry.
    memo[key] = dataclasses.replace(memo[key], title="Planted")
    kind.write(kind.key(**MEMO), frozen_json({text: exercise_record(one) for text, one in memo.items()}).encode())
    content.exercise("shoulder-rolls", exercise_text("Shoulder Rolls Renamed"))
    catalog = load(content)
    assert catalog.exercises["chin-tucks"].title == "Planted"
    assert catalog.exercises["shoulder-rolls"].title == "Shoulder Rolls Renamed"


@pytest.fixture(scope="module")
def drawn_exercise():
    catalog = load_catalog(REPO / "content", root=REPO)
    exercise = next((one for one in catalog.exercises.values() if one.figure), None)
    assert exercise is not None, "the real content has drawn figures"
    return exercise


def drawn(files) -> set[bytes]:
    return {drawing.svg() for drawing in files.values()}


def test_an_exercise_with_a_figure_gets_an_animated_figure_and_a_still(drawn_exercise, tmp_path):
    files = Drawings(project_cache(tmp_path)).files(drawn_exercise)
    slug = drawn_exercise.slug
    assert {f"exercises/{slug}/end.svg", f"exercises/{slug}/figure.svg"} <= set(files)
    assert all(svg.startswith(b"<svg") for svg in drawn(files))


def plant_drawings(tmp_path, files, svg: bytes) -> None:
    kind = Drawings(project_cache(tmp_path)).kind
    for drawing in files.values():
        kind.write(drawing.key, svg)


def test_an_unchanged_figure_is_taken_from_the_disk_cache(drawn_exercise, tmp_path):
    files = Drawings(project_cache(tmp_path)).files(drawn_exercise)
    plant_drawings(tmp_path, files, b"<svg>from the cache</svg>")
    assert drawn(Drawings(project_cache(tmp_path)).files(drawn_exercise)) == {b"<svg>from the cache</svg>"}


def test_a_changed_figure_is_drawn_again(drawn_exercise, tmp_path):
    files = Drawings(project_cache(tmp_path)).files(drawn_exercise)
    plant_drawings(tmp_path, files, b"<svg>from the cache</svg>")
    changed = dataclasses.replace(drawn_exercise, figure={**drawn_exercise.figure, "alt": "A different description."})
    assert b"<svg>from the cache</svg>" not in drawn(Drawings(project_cache(tmp_path)).files(changed))


def test_a_truncated_drawing_in_the_cache_is_drawn_again(drawn_exercise, tmp_path):
    first = drawn(Drawings(project_cache(tmp_path)).files(drawn_exercise))
    for cached in (tmp_path / ".cache").rglob("*.svg"):
        cached.write_bytes(cached.read_bytes()[:-100])
    assert drawn(Drawings(project_cache(tmp_path)).files(drawn_exercise)) == first


def test_removed_figures_are_pruned_and_kept_ones_stay(drawn_exercise, tmp_path):
    other = dataclasses.replace(drawn_exercise, slug="another-figure")
    first = Drawings(project_cache(tmp_path))
    for drawing in [*first.files(drawn_exercise).values(), *first.files(other).values()]:
        drawing.svg()
    again = Drawings(project_cache(tmp_path))
    kept = again.files(drawn_exercise)
    again.prune()
    assert sorted(path.name for path in again.kind.folder.iterdir()) == sorted(
        again.kind.path(drawing.key).name for drawing in kept.values()
    )


# Nothing read from the cache or content/ is trusted


def test_an_item_sealed_by_someone_else_is_not_read(tmp_path, monkeypatch):
    kind = project_cache(tmp_path).kind("things", "1", ".txt")
    key = kind.key(thing="one")
    monkeypatch.setattr(cache, "_secret", lambda: b"a key that is not this user's".ljust(32))
    kind.write(key, b"forged")
    monkeypatch.undo()
    assert kind.path(key).is_file()
    assert kind.read(key) is None


def test_an_item_under_another_key_is_not_read(tmp_path):
    kind = project_cache(tmp_path).kind("things", "1", ".txt")
    kind.write(kind.key(thing="one"), b"the first")
    kind.path(kind.key(thing="one")).rename(kind.path(kind.key(thing="two")))
    assert kind.read(kind.key(thing="two")) is None


def test_the_content_key_reads_no_file_through_a_symbolic_link(content, tmp_path_factory):
    outside = tmp_path_factory.mktemp("outside") / "secret"
    outside.write_text("first")
    (content.dir / "exercises" / "images").mkdir()
    (content.dir / "exercises" / "images" / "x.png").symlink_to(outside)
    before = content_digest(content.dir)
    outside.write_text("second")
    assert content_digest(content.dir) == before


def test_a_cache_that_cannot_be_written_says_so_once(tmp_path, caplog):
    (tmp_path / FOLDER).write_text("a file, not a folder")
    caplog.set_level(logging.INFO, logger="mkdocs.plugins.stretchguide.cache")
    build = project_cache(tmp_path)
    for name in ("one", "two"):
        kind = build.kind(name, "1", ".txt")
        kind.write(kind.key(thing=name), b"data")
        assert kind.read(kind.key(thing=name)) is None
    assert caplog.messages == ["stretchguide: .cache is not writable (Not a directory); building without the cache"]


@pytest.mark.parametrize("linked", [FOLDER, f"{FOLDER}/things"])
def test_a_cache_folder_that_is_a_link_is_neither_written_nor_pruned(tmp_path, linked, caplog):
    elsewhere = tmp_path / "elsewhere"
    (elsewhere / "things").mkdir(parents=True)
    (elsewhere / "things" / "precious.txt").write_text("mine")
    (tmp_path / linked).parent.mkdir(exist_ok=True)
    (tmp_path / linked).symlink_to(elsewhere if linked == FOLDER else elsewhere / "things")
    caplog.set_level(logging.INFO, logger="mkdocs.plugins.stretchguide.cache")
    kind = project_cache(tmp_path).kind("things", "1", ".txt")
    kind.write(kind.key(thing="one"), b"data")
    kind.prune(used=set())
    assert [path.name for path in (elsewhere / "things").iterdir()] == ["precious.txt"]
    assert len(caplog.messages) == 1
    assert caplog.messages[0].startswith("stretchguide: .cache is not writable")


# Published files linked to read-only copies


def copies(root):
    return project_cache(root).copies(".svg")


def published_copy(root, data: bytes):
    return root / FOLDER / cache.PUBLISHED / f"{hashlib.sha256(data).hexdigest()}.svg"


def test_a_published_file_is_a_link_to_a_read_only_copy_of_its_bytes(tmp_path):
    site = tmp_path / "site"
    copies(tmp_path).publish(b"<svg/>", str(site / "a" / "end.svg"))
    published = site / "a" / "end.svg"
    assert published.read_bytes() == b"<svg/>"
    assert published.stat().st_ino == published_copy(tmp_path, b"<svg/>").stat().st_ino
    assert not published.stat().st_mode & 0o222


def test_what_is_at_the_published_address_is_replaced_not_written_through(tmp_path):
    elsewhere = tmp_path / "precious.txt"
    elsewhere.write_text("mine")
    published = tmp_path / "site" / "end.svg"
    published.parent.mkdir()
    published.symlink_to(elsewhere)
    copies(tmp_path).publish(b"<svg/>", str(published))
    assert elsewhere.read_text() == "mine"
    assert published.read_bytes() == b"<svg/>" and not published.is_symlink()


def planted_writable(copy):  # as git checks out a file a pull request force-added
    copy.chmod(0o644)


def planted_other_bytes(copy):
    copy.chmod(0o644)
    copy.write_bytes(b"<svg onload='alert(1)'>")
    copy.chmod(0o444)


def planted_link(copy):
    copy.unlink()
    copy.symlink_to(copy.parent.parent.parent / "outside.svg")
    (copy.parent.parent.parent / "outside.svg").write_bytes(b"<svg/>")


@pytest.mark.parametrize("plant", [planted_writable, planted_other_bytes, planted_link], ids=lambda p: p.__name__)
def test_a_copy_anybody_could_have_written_is_replaced_before_it_is_linked(tmp_path, plant):
    copies(tmp_path).publish(b"<svg/>", str(tmp_path / "first" / "end.svg"))
    copy = published_copy(tmp_path, b"<svg/>")
    plant(copy)
    planted = copy.lstat().st_ino
    copies(tmp_path).publish(b"<svg/>", str(tmp_path / "second" / "end.svg"))
    published = tmp_path / "second" / "end.svg"
    assert published.read_bytes() == b"<svg/>" and not published.is_symlink()
    assert published.stat().st_ino not in (
        planted,
        (tmp_path / "outside.svg").stat().st_ino if plant is planted_link else -1,
    )
    assert not published.stat().st_mode & 0o222


def test_with_a_cache_that_cannot_be_written_the_file_is_written_and_said_once(tmp_path, caplog):
    (tmp_path / FOLDER).write_text("a file, not a folder")
    caplog.set_level(logging.INFO, logger="mkdocs.plugins.stretchguide.cache")
    published = copies(tmp_path)
    for name in ("one", "two"):
        published.publish(b"<svg/>", str(tmp_path / "site" / name / "end.svg"))
        assert (tmp_path / "site" / name / "end.svg").read_bytes() == b"<svg/>"
        assert (tmp_path / "site" / name / "end.svg").stat().st_nlink == 1
    assert caplog.messages == ["stretchguide: .cache is not writable (Not a directory); building without the cache"]


def test_copies_no_build_published_are_pruned(tmp_path):
    first = copies(tmp_path)
    first.publish(b"<svg>old</svg>", str(tmp_path / "site-1" / "end.svg"))
    first.prune()
    second = copies(tmp_path)
    second.publish(b"<svg>new</svg>", str(tmp_path / "site-2" / "end.svg"))
    second.prune()
    assert [path.name for path in (tmp_path / FOLDER / cache.PUBLISHED).iterdir()] == [
        published_copy(tmp_path, b"<svg>new</svg>").name
    ]
    assert (tmp_path / "site-1" / "end.svg").read_bytes() == b"<svg>old</svg>"  # a published site keeps its files


def test_a_build_that_published_no_copies_prunes_none(tmp_path):
    first = copies(tmp_path)
    first.publish(b"<svg/>", str(tmp_path / "site" / "end.svg"))
    first.prune()
    copies(tmp_path).prune()  # writing a staged tree: its files are its own
    assert published_copy(tmp_path, b"<svg/>").is_file()
