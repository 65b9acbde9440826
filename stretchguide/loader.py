"""Reads `content/` strictly: every exercise and series, with every problem found at once."""

from __future__ import annotations

import datetime
import difflib
import hashlib
import re
from collections.abc import Iterator
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from . import safety, schema
from .characters import CONTROL, control_message, first_control, quoted
from .figures import figure_problems
from .files import NotAFile, read_file, walk
from .images import image_problems
from .model import FREQUENCY_FIELDS, Catalog, Dose, Exercise, Review, Series, SeriesItem, Source, freeze
from .names import Name, clashes, describe_clash, exercise_names, name_key
from .problems import ContentError, Problem, field_name
from .sheet.glyphs import font_message, unprintable
from .sheet.printed import printed_fields
from .yamlstrict import Document, Position, YamlProblem, parse

MAX_BYTES = 256 * 1024
SLUG = re.compile(r"[a-z0-9]+(-[a-z0-9]+)*")
EXERCISE_SUFFIXES = (".md", ".yml")
IMAGES_FOLDER = "images"
RESERVED_SLUGS = frozenset({"index", IMAGES_FOLDER})  # the site's own addresses under /exercises/ and /series/
_FENCE = re.compile(r"(?:---|\.\.\.)[ \t]*")


@dataclass
class Entry:
    """One content file, parsed, before its fields are trusted."""

    file: Path
    path: str  # as shown to the contributor
    slug: str
    document: Document
    body: str = ""
    body_line: int = 1
    text_key: str = ""  # names the file's text for a memo of checked exercises

    @property
    def data(self) -> Any:
        return self.document.data

    def problem(self, at: tuple, message: str, *, key: bool = False) -> Problem:
        position = self.document.key_position(at) if key else self.document.position(at)
        return Problem(self.path, position.line, position.column, field_name(at), message)


@dataclass(frozen=True)
class _Recalled:
    """An exercise file whose text was checked before and found sound on its own."""

    file: Path
    text_key: str
    exercise: Exercise

    @property
    def slug(self) -> str:
        return self.exercise.slug

    @property
    def path(self) -> str:
        return self.exercise.path


def load_catalog(
    content_dir: Path,
    *,
    root: Path | None = None,
    require_pictures: bool = False,
    memo: dict[str, Exercise] | None = None,
) -> Catalog:
    """The catalog in `content_dir`, or ContentError with every problem in it.

    `require_pictures` is the publishing rule the content check applies; a
    preview draws a placeholder instead, so a contributor can look first.

    `memo` holds exercises already checked, by the text of their file: an exercise whose
    file is unchanged is taken from it rather than parsed and checked again, and only its
    references to other exercises are checked afresh. The loader leaves in it the sound
    exercises of this load, for the next. Whoever keeps a memo between runs of different
    code must keep one per version of the code.
    """
    reader = _Reader(Path(content_dir), Path(root or Path.cwd()), require_pictures, memo)
    try:
        catalog = reader.read()
    finally:
        if memo is not None:
            memo.clear()
            memo.update(reader.sound)
    if reader.problems:
        raise ContentError(reader.problems)
    return catalog


def names_in(content_dir: Path) -> list[Name]:
    """The title and aliases of every exercise file that can be read, checked or not (for `make new`)."""
    reader = _Reader(Path(content_dir), Path.cwd(), False, None)
    names = []
    for file in sorted((Path(content_dir) / "exercises").glob("*")):
        if file.suffix in EXERCISE_SUFFIXES and file.is_file() and not file.is_symlink():
            entry = reader._read(file)
            if isinstance(entry, Entry) and isinstance(entry.data, dict):
                names += exercise_names(entry.path, entry.data.get("title"), entry.data.get("aliases"))
    return names


def load_sound_entries(content_dir: Path, *, root: Path | None = None) -> tuple[Catalog, list[Problem]]:
    """The sound entries in `content_dir` as a catalog, and the problems of the others: what a preview shows.

    An entry with problems is left out, and so is a series that lists an exercise left out.
    """
    reader = _Reader(Path(content_dir), Path(root or Path.cwd()), False, None)
    return reader.read(), sorted(reader.problems)


class _Reader:
    def __init__(self, content_dir: Path, root: Path, require_pictures: bool, memo: dict[str, Exercise] | None):
        self.content_dir, self.root, self.require_pictures = content_dir, root, require_pictures
        self.problems: list[Problem] = []
        self.memo = memo
        self.sound: dict[str, Exercise] = {}  # exercises of this load that need no check but their references
        self.refused: set[Path] = set()  # links and other things that are not plain files, each reported once

    def _walk(self) -> None:
        """Refuse, anywhere under content/, what is not a plain file or folder, before anything is read."""
        if not self.content_dir.is_dir():
            return  # each folder the catalog needs is reported missing
        for refused in walk(self.content_dir):
            self.refused.add(refused.path)
            self._file_problem(refused.path, "file", refused.message)

    def _is_refused(self, path: Path) -> bool:
        return any(place in self.refused for place in (path, *path.parents))

    def read(self) -> Catalog:
        # Slugs of every exercise file, readable or not: a broken file is reported
        # once, not again by each reference to it.
        known_slugs: set[str] = set()
        self._walk()
        exercise_entries = self._entries(self.content_dir / "exercises", EXERCISE_SUFFIXES, "exercise", known_slugs)
        series_entries = self._entries(self.content_dir / "series", (".yml",), "series", set())
        self.body_links = self._body_links(exercise_entries, series_entries, known_slugs)
        exercises = {}
        for entry in exercise_entries:
            if isinstance(entry, _Recalled):
                exercise = self._recalled(entry, known_slugs)
            else:
                exercise = self._exercise(entry, known_slugs)
                if exercise and entry.text_key and exercise.image is None:  # a photo is a second file to check
                    self.sound[entry.text_key] = exercise
            if exercise:
                exercises[exercise.slug] = exercise
        self._duplicate_name_problems(exercise_entries, exercises)
        series = {}
        for entry in series_entries:
            one = self._series(entry, exercises, known_slugs)
            if one:
                series[one.slug] = one
        return Catalog(_by_title(exercises), _by_title(series))

    # Files

    def _entries(self, folder: Path, suffixes: tuple[str, ...], kind: str, slugs: set[str]) -> list[Entry | _Recalled]:
        if self._is_refused(folder):
            return []
        if not folder.is_dir():
            self._file_problem(folder, "folder", f"is missing: {kind} files belong in {self._display(folder)}/")
            return []
        entries, seen = [], {}
        for file in sorted(folder.iterdir()):
            if file in self.refused or file.name.startswith(".") or (file.is_dir() and file.name == IMAGES_FOLDER):
                continue  # the walk has reported what is refused; is_dir() and is_file() below meet no links
            if file.suffix not in suffixes or not file.is_file():
                allowed = " or ".join(suffixes)
                self._file_problem(file, "file", f"is not a {kind} entry: {kind} files end in {allowed}")
                continue
            if SLUG.fullmatch(file.stem):
                slugs.add(file.stem)
            entry = self._read(file, remember=kind == "exercise")
            if entry is None:
                continue
            if entry.slug in seen:
                self.problems.append(
                    Problem(entry.path, 1, 1, "slug", f"'{entry.slug}' is already used by {seen[entry.slug]}")
                )
                continue
            seen[entry.slug] = entry.path
            entries.append(entry)
        return entries

    def _read(self, file: Path, *, remember: bool = False) -> Entry | _Recalled | None:
        path = self._display(file)
        slug = file.stem
        if not SLUG.fullmatch(slug):
            self._file_problem(
                file,
                "slug",
                f"the file name {quoted(file.name)} is not a valid slug: "
                "use lowercase letters a-z, digits and single hyphens, e.g. thread-the-needle.md",
            )
            return None
        if slug in RESERVED_SLUGS:
            self._file_problem(file, "slug", f"'{slug}' is reserved for the site's own pages; choose another file name")
            return None
        text = self._text(file)
        if text is None:
            return None
        if found := first_control(text):  # before YAML, which would name the character in words of its own
            line, column, message = found
            self.problems.append(Problem(path, line, column, "file", message))
            return None
        text_key = ""
        if remember and self.memo is not None:
            text_key = self._text_key(path, text)
            if text_key in self.memo:
                return _Recalled(file, text_key, self.memo[text_key])
        try:
            if file.suffix == ".md":
                entry = self._markdown_entry(file, path, slug, text)
            else:
                entry = Entry(file, path, slug, parse(text) if text.strip() else Document(None, {}, {}))
        except YamlProblem as problem:
            self.problems.append(Problem(path, problem.line, problem.column, "yaml", problem.message))
            return None
        if entry is not None:
            entry.text_key = text_key
        return entry

    def _text_key(self, path: str, text: str) -> str:
        return hashlib.sha256(f"{path}\0{self.require_pictures}\0{text}".encode()).hexdigest()

    def _text(self, file: Path) -> str | None:
        try:
            raw = read_file(file, MAX_BYTES)
        except NotAFile as refused:
            self._file_problem(file, "file", str(refused))
            return None
        if len(raw) > MAX_BYTES:
            size = file.lstat().st_size
            self._file_problem(file, "file", f"is {size // 1024} KiB; an entry may be at most {MAX_BYTES // 1024} KiB")
            return None
        try:
            text = raw.decode("utf-8-sig")
        except UnicodeDecodeError as error:
            line = raw.count(b"\n", 0, error.start) + 1
            column = error.start - (raw.rfind(b"\n", 0, error.start) + 1) + 1
            self.problems.append(
                Problem(
                    self._display(file),
                    line,
                    column,
                    "file",
                    f"is not UTF-8 text (byte 0x{raw[error.start]:02x} here); save it with UTF-8 encoding",
                )
            )
            return None
        if not text.strip():
            self._file_problem(file, "file", "is empty; start from scripts/new_exercise.py or an existing entry")
            return None
        return text.replace("\r\n", "\n").replace("\r", "\n")

    def _markdown_entry(self, file: Path, path: str, slug: str, text: str) -> Entry | None:
        lines = text.split("\n")
        if lines[0].rstrip() != "---":
            self._file_problem(
                file, "front matter", "the file must start with a line '---', then the fields, then '---'"
            )
            return None
        end = next((number for number in range(1, len(lines)) if _FENCE.fullmatch(lines[number])), None)
        if end is None:
            self._file_problem(file, "front matter", "has no closing '---' line after the fields")
            return None
        document = parse("\n".join(lines[1:end]), first_line=2)
        if document.data is None:
            document.values[()] = Position(1, 1)
        return Entry(file, path, slug, document, body="\n".join(lines[end + 1 :]), body_line=end + 2)

    def _body_links(self, exercise_entries: list, series_entries: list, known_slugs: set[str]) -> safety.BodyLinks:
        """What an entry's prose may link to: exercises, series, the hand-written pages and the published pictures."""
        pages = docs_pages(self.root)
        images = []
        for entry in exercise_entries:
            data = entry.exercise.data if isinstance(entry, _Recalled) else entry.data
            image = data.get("image") if isinstance(data, dict) else None
            if isinstance(image, dict) and isinstance(image.get("file"), str):
                images.append(image["file"])
        return safety.BodyLinks.of(known_slugs, [entry.slug for entry in series_entries], pages, images)

    # Exercises

    def _recalled(self, recalled: _Recalled, known_slugs: set[str]) -> Exercise | None:
        exercise = recalled.exercise
        if all(slug != exercise.slug and slug in known_slugs for slug in exercise.related) and not any(
            safety.link_findings(exercise.body, self.body_links)
        ):
            self.sound[recalled.text_key] = exercise
            return exercise
        # A reference that broke needs its line and column: read the file as if new.
        entry = self._read(recalled.file)
        return self._exercise(entry, known_slugs) if isinstance(entry, Entry) else None

    def _exercise(self, entry: Entry, known_slugs: set[str]) -> Exercise | None:
        problems = list(self._schema_problems(entry, "exercise.schema.json"))
        if isinstance(entry.data, dict):  # these need no more than a mapping: report them with the rest
            problems += self._reference_problems(entry, known_slugs)
            problems += self._safety_problems(entry)
            problems += self._character_problems(entry, "exercise")
            problems += _review_problems(entry)
        if not problems:
            problems += self._picture_problems(entry)  # pictures are drawn, so they need a valid figure
        self.problems += problems
        if problems:
            return None
        data = entry.data
        return Exercise(
            slug=entry.slug,
            path=entry.path,
            title=data["title"],
            summary=data["summary"],
            type=data["type"],
            position=data["position"],
            equipment=tuple(data["equipment"]),
            targets=tuple(data["targets"]),
            level=data["level"],
            dose=Dose.from_data(data["dose"]),
            steps=tuple(data["steps"]),
            cautions=tuple(data["cautions"]),
            sources=_sources(data.get("sources", [])),
            aliases=tuple(data.get("aliases", ())),
            cues=tuple(data.get("cues", ())),
            mistakes=tuple(data.get("mistakes", ())),
            avoid_if=tuple(data.get("avoid_if", ())),
            related=tuple(data.get("related", ())),
            review=_review(data),
            body=entry.body.strip("\n"),
            body_line=entry.body_line,
            figure=freeze(data.get("figure")),
            image=freeze(data.get("image")),
            data=freeze(data),
        )

    def _reference_problems(self, entry: Entry, known_slugs: set[str]) -> Iterator[Problem]:
        related = entry.data.get("related")
        for index, slug in enumerate(related if isinstance(related, list) else ()):
            if not isinstance(slug, str):
                continue  # the schema says what is wrong with it
            if slug == entry.slug:
                yield entry.problem(("related", index), "an exercise cannot be related to itself")
            elif slug not in known_slugs:
                yield entry.problem(("related", index), _no_such_exercise(slug, known_slugs))

    def _picture_problems(self, entry: Entry) -> Iterator[Problem]:
        data = entry.data
        if "figure" not in data and "image" not in data:
            if not self.require_pictures:
                return
            yield entry.problem(
                (),
                "every exercise needs a picture: describe the start and end pose under figure: "
                "(see docs/pictures.md), or add your own image: with its licence",
            )
            return
        if "figure" in data and "image" in data:
            yield entry.problem(("image",), "an exercise has one picture: keep either figure or image", key=True)
            return
        if "figure" in data:
            for at, message in figure_problems(data["figure"]):
                yield entry.problem(("figure", *at), message)
        if "image" in data and not self._is_refused(entry.file.parent / IMAGES_FOLDER / str(data["image"].get("file"))):
            for at, message in image_problems(data["image"], entry.file.parent / IMAGES_FOLDER):
                yield entry.problem(("image", *at), message)

    def _duplicate_name_problems(self, entries: list[Entry | _Recalled], exercises: dict[str, Exercise]) -> None:
        """A title or alias may lead to one exercise only; say so at the repeated name."""
        names = [
            name
            for exercise in exercises.values()
            for name in exercise_names(exercise.path, exercise.title, exercise.aliases)
        ]
        for name, claimed in clashes(names):
            entry = next(entry for entry in entries if entry.path == name.path)
            if isinstance(entry, _Recalled):  # a clash needs the line and column
                entry = self._read(entry.file)
            if isinstance(entry, Entry):
                self.problems.append(entry.problem(name.at, describe_clash(name, claimed)))

    # Series

    def _series(self, entry: Entry, exercises: dict[str, Exercise], known_slugs: set[str]) -> Series | None:
        problems = self._slugs_offered(entry, list(self._schema_problems(entry, "series.schema.json")), exercises)
        if isinstance(entry.data, dict):
            problems += self._safety_problems(entry)
            problems += self._character_problems(entry, "series")
            problems += _review_problems(entry)
        if not problems:
            problems += self._series_reference_problems(entry, known_slugs)
        self.problems += problems
        items = entry.data.get("exercises", []) if isinstance(entry.data, dict) else []
        if problems or any(item["exercise"] not in exercises for item in items):
            return None  # a broken exercise is reported on its own
        data = entry.data
        own_frequency = any(name in data for name in FREQUENCY_FIELDS)
        return Series(
            slug=entry.slug,
            path=entry.path,
            title=data["title"],
            summary=data["summary"],
            when=data.get("when"),
            items=tuple(
                SeriesItem(
                    exercises[item["exercise"]],
                    _item_dose(exercises[item["exercise"]], item, own_frequency),
                    item.get("note"),
                )
                for item in items
            ),
            sources=_sources(data.get("sources", [])),
            times_per_day=data.get("times_per_day"),
            days_per_week=data.get("days_per_week"),
            review=_review(data),
            data=freeze(data),
            exercises_line=entry.document.key_position(("exercises",)).line,
        )

    def _slugs_offered(self, entry: Entry, problems: list[Problem], exercises: dict[str, Exercise]) -> list[Problem]:
        """An exercise named by its title or an alias where its slug belongs is offered that exercise's slug."""
        items = entry.data.get("exercises") if isinstance(entry.data, dict) else None
        named = {
            field_name(("exercises", index, "exercise")): item["exercise"]
            for index, item in enumerate(items if isinstance(items, list) else ())
            if isinstance(item, dict) and isinstance(item.get("exercise"), str) and not SLUG.fullmatch(item["exercise"])
        }
        if not named:
            return problems
        slugs = {
            name_key(name.text): exercise.slug
            for exercise in exercises.values()
            for name in exercise_names(exercise.path, exercise.title, exercise.aliases)
        }
        return [
            replace(problem, message=schema.not_a_slug(named[problem.field], slugs[name_key(named[problem.field])]))
            if problem.field in named and name_key(named[problem.field]) in slugs
            else problem
            for problem in problems
        ]

    def _series_reference_problems(self, entry: Entry, known_slugs: set[str]) -> Iterator[Problem]:
        first_place: dict[str, int] = {}
        for index, item in enumerate(entry.data["exercises"]):
            slug, at = item["exercise"], ("exercises", index, "exercise")
            if slug not in known_slugs:
                yield entry.problem(at, _no_such_exercise(slug, known_slugs))
            elif slug in first_place:
                yield entry.problem(at, f"'{slug}' is already item {first_place[slug] + 1} of this series")
            first_place.setdefault(slug, index)

    # Shared

    def _safety_problems(self, entry: Entry) -> Iterator[Problem]:
        """HTML, attribute lists and unsafe links are refused anywhere in an entry."""
        for at, text in _strings(entry.data):
            for finding in safety.text_findings(text):
                yield entry.problem(at, finding.message)
        entry_dir = f"content/{entry.file.parent.name}"  # links resolve from the entry's own folder
        for finding in safety.markdown_findings(entry.body, entry_dir=entry_dir, links=self.body_links):
            line = entry.body_line + finding.line - 1
            yield Problem(entry.path, line, finding.column, "body", finding.message)

    def _character_problems(self, entry: Entry, kind: str) -> Iterator[Problem]:
        """Controls and bidi marks written as YAML escapes ("\\e") are refused in every text; a text a sheet
        prints needs the sheet's font. (Written as themselves, they were refused with the file's text.)"""
        for at, text in _strings(entry.data):
            if found := CONTROL.search(text):
                yield entry.problem(at, control_message(found[0]))
        # Checked whether or not a series uses the exercise yet: a later series must not break the build.
        for at, text in printed_fields(kind, entry.data):
            if not CONTROL.search(text) and (missing := unprintable(text)):
                yield entry.problem(at, font_message(missing))

    def _schema_problems(self, entry: Entry, schema_name: str) -> Iterator[Problem]:
        if entry.data is None:
            yield Problem(entry.path, 1, 1, "file", "has no fields; see scripts/new_exercise.py for a template")
            return
        for at, at_key, message in schema.violations(schema_name, entry.data):
            yield entry.problem(at, message, key=at_key)

    def _file_problem(self, file: Path, field: str, message: str) -> None:
        self.problems.append(Problem(self._display(file), 1, 1, field, message))

    def _display(self, file: Path) -> str:
        # Only the folder is resolved: a link is named as itself, never by what it points to.
        try:
            return (file.parent.resolve() / file.name).relative_to(self.root.resolve()).as_posix()
        except (ValueError, OSError, RuntimeError):
            return file.as_posix()


def docs_pages(root: Path) -> list[str]:
    """The hand-written pages an entry's prose may link to, relative to docs/."""
    docs = Path(root) / "docs"
    return sorted(page.relative_to(docs).as_posix() for page in docs.rglob("*.md")) if docs.is_dir() else []


def _strings(value: Any, at: tuple = ()) -> Iterator[tuple[tuple, str]]:
    if isinstance(value, str):
        yield at, value
    elif isinstance(value, dict):
        for key, item in value.items():
            yield from _strings(item, (*at, key))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            yield from _strings(item, (*at, index))


def _sources(items: list[dict]) -> tuple[Source, ...]:
    return tuple(Source(item["title"], item.get("publisher"), item.get("url"), item.get("note")) for item in items)


def _item_dose(exercise: Exercise, item: dict, series_says_how_often: bool) -> Dose:
    """The exercise's dose with the series' changes; how often is the series' to say when it says so."""
    dose = exercise.dose.merged(item.get("dose", {}))
    return dose.without_frequency() if series_says_how_often else dose


def _review(data: dict) -> Review:
    return Review(datetime.date.fromisoformat(data["reviewed"]), data.get("reviewed_by"))


def _review_problems(entry: Entry) -> Iterator[Problem]:
    """A review date the schema's pattern lets through but the calendar does not have, or one still to come."""
    written = entry.data.get("reviewed")
    if not isinstance(written, str) or not re.fullmatch(r"\d{4}-\d{2}-\d{2}", written):
        return  # the schema says what is wrong with it
    try:
        checked = datetime.date.fromisoformat(written)
    except ValueError:
        yield entry.problem(("reviewed",), f"'{written}' is not a date in the calendar; write the day it was checked")
        return
    if checked > datetime.date.today():
        yield entry.problem(("reviewed",), f"'{written}' is in the future; write the day it was last checked")


def _no_such_exercise(slug: str, known_slugs: set[str]) -> str:
    guess = difflib.get_close_matches(slug, sorted(known_slugs), n=1)
    hint = f"; did you mean '{guess[0]}'?" if guess else ""
    return f"there is no exercise {quoted(slug)} in content/exercises/{hint}"


def _by_title(entries: dict) -> dict:
    return dict(sorted(entries.items(), key=lambda pair: (pair[1].title.casefold(), pair[0])))
