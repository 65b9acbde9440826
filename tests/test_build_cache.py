"""The real build with a cache it cannot trust: poisoned, read-only, full or left by a killed build, it builds the same site."""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import pickle
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from test_sheet import info, pdftext
from test_site import build_site, make_project

from stretchguide.cache import CATALOG, FIGURES, FOLDER, PAGES, PUBLISHED, unsealed
from stretchguide.site.offline import WORKER_NAME, write_offline_files

NOT_WRITABLE = "stretchguide: .cache is not writable"


@pytest.fixture(scope="module")
def project(tmp_path_factory) -> Path:
    """A guide project built once from an empty cache; the test's own .cache starts as that build left it."""
    root = make_project(tmp_path_factory.mktemp("cached") / "project").root
    config = root / "mkdocs.yml"
    config.write_text(config.read_text().replace("sheets: false", "sheets: true"))  # the sheet cache too
    build_site(root)
    shutil.copytree(root / FOLDER, root.parent / "populated")
    return root


@pytest.fixture(scope="module")
def clean(project) -> dict[str, object]:
    return published(project / "site")


@pytest.fixture
def populated(project, clean) -> Path:
    """The project, with the cache the clean build left."""
    shutil.rmtree(project / FOLDER, ignore_errors=True)
    shutil.copytree(project.parent / "populated", project / FOLDER)
    return project


@pytest.fixture
def empty(project, clean) -> Path:
    """The project, with no cache at all."""
    shutil.rmtree(project / FOLDER, ignore_errors=True)
    return project


def published(site: Path) -> dict[str, object]:
    """What a reader gets of the files made from the cache: every page and drawing's bytes, every sheet's pages and text."""
    found: dict[str, object] = {}
    for file in sorted(site.rglob("*")):
        name = file.relative_to(site).as_posix()
        if file.suffix in (".svg", ".html") and name.startswith(("exercises/", "series/")):
            found[name] = file.read_bytes()
        elif file.suffix == ".pdf":
            found[name] = (info(file, "Pages"), pdftext(file))
    assert any(name.endswith(".svg") for name in found) and any(name.endswith(".pdf") for name in found)
    return found


def cache_files(root: Path) -> list[Path]:
    return sorted(path for path in (root / FOLDER).rglob("*") if not path.is_dir())


def unsound(root: Path) -> list[str]:
    """Files in the cache that are not whole items sealed by a build, nor read-only copies named by their bytes' hash."""
    return [path.relative_to(root).as_posix() for path in cache_files(root) if not _sound(path)]


def _sound(path: Path) -> bool:
    if path.parent.name == PUBLISHED:
        return not path.stat().st_mode & 0o222 and hashlib.sha256(path.read_bytes()).hexdigest() == path.stem
    return unsealed(path.read_bytes(), path.name.partition(".")[0]) is not None


class _Payload:
    """Unpickled, it makes a folder: proof that reading the cache ran code."""

    def __init__(self, marker: Path):
        self.marker = marker

    def __reduce__(self):
        return os.mkdir, (str(self.marker),)


def _pickle_payload(file: Path, marker: Path) -> None:
    file.write_bytes(pickle.dumps(_Payload(marker)))


def _garbage(file: Path, marker: Path) -> None:
    file.write_bytes(b"\x80\x04garbage " * 100)


def _truncated(file: Path, marker: Path) -> None:
    file.write_bytes(file.read_bytes()[: file.stat().st_size // 2])


def _a_pipe(file: Path, marker: Path) -> None:
    file.unlink()
    os.mkfifo(file)  # reading it would wait for ever


@pytest.mark.parametrize("poison", [_pickle_payload, _garbage, _truncated, _a_pipe], ids=lambda p: p.__name__[1:])
def test_a_poisoned_cache_runs_no_code_and_publishes_what_a_clean_build_does(populated, clean, poison):
    marker = populated.parent / "code-ran"
    files = cache_files(populated)
    assert {path.parent.name for path in files} >= {CATALOG, FIGURES, PAGES, "sheets"}
    for file in files:
        poison(file, marker)
    build_site(populated)
    assert not marker.exists()
    assert published(populated / "site") == clean


def test_published_drawings_are_never_cache_items_and_linked_only_to_read_only_copies(populated):
    site = build_site(populated)
    drawings = sorted((site / "exercises").rglob("*.svg"))
    items = {path.stat().st_ino for path in cache_files(populated) if path.parent.name != PUBLISHED}
    assert drawings and not {drawing.stat().st_ino for drawing in drawings} & items
    assert all(drawing.stat().st_nlink == 1 or not drawing.stat().st_mode & 0o222 for drawing in drawings)


def test_the_offline_version_of_a_warm_build_is_the_digest_of_its_files_as_they_are(populated, tmp_path):
    site = build_site(populated)  # drawings linked to their copies, their digests known, not read
    worker = (site / WORKER_NAME).read_text(encoding="utf-8")
    shutil.copytree(site, tmp_path / "site")
    assert json.dumps(write_offline_files(tmp_path / "site")) in worker  # every file read again


def test_a_drawing_edited_in_the_site_is_not_published_by_the_next_build(populated, clean):
    site = build_site(populated)
    for drawing in sorted((site / "exercises").rglob("*.svg")):
        drawing.chmod(0o644)  # made writable, as its owner can
        drawing.write_bytes(b"edited in site/")
    assert published(build_site(populated)) == clean
    assert unsound(populated) == []


def mkdocs_build(root: Path) -> subprocess.CompletedProcess:
    """`mkdocs build --strict` in its own process, as make site runs it."""
    command = [sys.executable, "-m", "mkdocs", "build", "--strict", "-d", str(root / "site")]
    quiet = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    return subprocess.run(command, cwd=root, env=quiet, capture_output=True, text=True, check=False)


def assert_one_line_about_the_cache(finished: subprocess.CompletedProcess, reason: str) -> None:
    assert finished.returncode == 0, finished.stderr
    lines = finished.stderr.splitlines()
    assert [line for line in lines if ".cache" in line] == [
        f"INFO    -  {NOT_WRITABLE} ({reason}); building without the cache"
    ]
    assert not [line for line in lines if "WARNING" in line or "ERROR" in line or "Traceback" in line]


@contextlib.contextmanager
def tmpfs(folder: Path, options: str):
    """A real tmpfs on `folder`: a file system that refuses writes for real, even to root."""
    folder.mkdir()
    mounted = subprocess.run(["mount", "-t", "tmpfs", "-o", options, "tmpfs", str(folder)], capture_output=True)
    if mounted.returncode != 0:
        pytest.fail(f"mounting a tmpfs needs root with CAP_SYS_ADMIN: {mounted.stderr.decode().strip()}")
    try:
        yield folder
    finally:
        subprocess.run(["umount", str(folder)], check=True)


def test_a_cache_that_is_a_file_makes_one_line_and_a_good_build(empty, clean):
    (empty / FOLDER).write_text("not a folder\n")
    try:
        assert_one_line_about_the_cache(mkdocs_build(empty), "Not a directory")
        assert published(empty / "site") == clean
    finally:
        (empty / FOLDER).unlink()


def test_a_read_only_cache_makes_one_line_and_a_good_build(empty, clean):
    with tmpfs(empty / FOLDER, "ro,size=1m"):
        assert_one_line_about_the_cache(mkdocs_build(empty), "Read-only file system")
        assert published(empty / "site") == clean


def test_a_full_disk_leaves_no_partial_item_and_a_good_build(empty, clean):
    with tmpfs(empty / FOLDER, "size=16k"):
        assert_one_line_about_the_cache(mkdocs_build(empty), "No space left on device")
        assert published(empty / "site") == clean
        assert unsound(empty) == []


@pytest.mark.parametrize("moment", [CATALOG, FIGURES])
def test_a_build_killed_after_writing_its_first_item_leaves_only_whole_items(empty, clean, moment):
    command = [sys.executable, "-m", "mkdocs", "build", "--strict", "-d", str(empty / "killed-site")]
    quiet = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    build = subprocess.Popen(command, cwd=empty, env=quiet, stderr=subprocess.DEVNULL, start_new_session=True)
    written = empty / FOLDER / moment
    while build.poll() is None and not (written.is_dir() and any(written.iterdir())):
        time.sleep(0.002)
    with contextlib.suppress(ProcessLookupError):
        os.killpg(build.pid, signal.SIGKILL)  # the build and its sheet workers
    assert build.wait() == -signal.SIGKILL
    assert unsound(empty) == []
    build_site(empty)
    assert published(empty / "site") == clean
