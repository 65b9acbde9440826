"""Hostile files and fields: each case of tests/hostile/files/ is refused with its exact lines, and nothing else.

A case is a folder holding what it adds to a valid content folder: `content/...` files, a
`links` file (`path -> target` per line: symbolic links the test makes), a `fifos` file
(named pipes the test makes), and `expected`, the check's exact output on stderr.
"""

from __future__ import annotations

import os
import shutil
import socket
from pathlib import Path

import pytest

from stretchguide.cache import Cache
from stretchguide.check import main as check
from stretchguide.problems import ContentError
from stretchguide.site.catalog_cache import load_catalog_cached
from tests.conftest import Content

CASES = Path(__file__).resolve().parent / "hostile" / "files"


def hostile(case: str, root: Path) -> Content:
    content = Content(root).with_pictures()
    folder = CASES / case
    if (folder / "content").is_dir():
        shutil.copytree(folder / "content", content.dir, dirs_exist_ok=True)
    for line in _lines(folder / "links"):
        link, target = line.split(" -> ")
        (root / link).parent.mkdir(parents=True, exist_ok=True)
        (root / link).symlink_to(target)
    for fifo in _lines(folder / "fifos"):
        os.mkfifo(root / fifo)
    return content


def _lines(path: Path) -> list[str]:
    return path.read_text(encoding="utf-8").splitlines() if path.exists() else []


@pytest.mark.parametrize("case", sorted(path.name for path in CASES.iterdir()))
def test_a_hostile_case_is_refused_with_its_exact_lines(case, tmp_path, monkeypatch, capsys):
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("GITHUB_ACTIONS", raising=False)
    hostile(case, tmp_path)
    assert check(["content"]) == 1
    output = capsys.readouterr()
    assert output.out == ""
    assert output.err == (CASES / case / "expected").read_text(encoding="utf-8")


def test_the_corpus_holds_a_case_for_each_kind_of_hostile_file():
    cases = {path.name for path in CASES.iterdir()}
    for kind in ("link", "loop", "pipe", "forges", "control", "decimal", "emoji", "licence"):
        assert any(kind in case for case in cases), kind


def test_a_link_to_a_named_pipe_is_refused_as_a_link(content, tmp_path, capsys):
    # Opening a named pipe would wait for a writer for ever: behind a link, nothing is opened.
    os.mkfifo(tmp_path / "pipe")
    (content.dir / "series" / "waiting.yml").symlink_to(tmp_path / "pipe")
    assert check(["content"]) == 1
    assert "content/series/waiting.yml:1:1: file: is a symbolic link; commit the file itself" in capsys.readouterr().err


def test_a_link_to_a_valid_entry_is_refused_too(content, capsys):
    content.with_pictures()
    (content.dir / "series" / "again.yml").symlink_to(content.dir / "series" / "desk-break.yml")
    assert check(["content"]) == 1
    assert capsys.readouterr().err.splitlines()[0] == (
        "content/series/again.yml:1:1: file: is a symbolic link; commit the file itself"
    )


def test_a_linked_exercises_folder_is_refused_and_not_read(content, tmp_path, capsys):
    content.with_pictures()
    elsewhere = tmp_path / "elsewhere"
    (content.dir / "exercises").rename(elsewhere)
    (content.dir / "exercises").symlink_to(elsewhere)
    assert check(["content"]) == 1
    lines = capsys.readouterr().err.splitlines()
    assert lines[0] == "content/exercises:1:1: file: is a symbolic link; commit the file itself"
    assert not any(line.startswith("content/exercises/") for line in lines)


def test_a_build_refuses_a_link_added_after_the_catalog_was_cached(content, tmp_path):
    content.with_pictures()
    cache = Cache(tmp_path / ".cache")
    load_catalog_cached(content.dir, root=content.root, cache=cache)
    (content.dir / "exercises" / "images").mkdir()
    (content.dir / "exercises" / "images" / "x.png").symlink_to("/proc/self/pagemap")
    with pytest.raises(ContentError) as refused:
        load_catalog_cached(content.dir, root=content.root, cache=cache)
    assert str(refused.value) == "content/exercises/images/x.png:1:1: file: is a symbolic link; commit the file itself"


def test_a_socket_is_refused_as_not_a_file(content, capsys):
    content.with_pictures()
    server = socket.socket(socket.AF_UNIX)
    try:
        server.bind(os.path.relpath(content.dir / "series" / "s.yml"))  # relative: socket paths are short
        assert check(["content"]) == 1
    finally:
        server.close()
    assert (
        capsys.readouterr().err.splitlines()[0] == "content/series/s.yml:1:1: file: is a socket, not a file; remove it"
    )
