"""`make site` (scripts/build_site.py): killed at any moment it leaves a whole site/, and two builds never race."""

from __future__ import annotations

import fcntl
import os
import shutil
import signal
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import REPO
from test_site import QUIET, make_project

from stretchguide.site import swap
from stretchguide.site.publish import LOCK_FILE, TEST_STOP

OLD = "built-before.txt"  # only in the site built before the test: how a test tells the old site from the new


@pytest.fixture(scope="module")
def built_once(tmp_path_factory) -> Path:
    """A small project built once, with its caches warm, for each test to copy."""
    root = tmp_path_factory.mktemp("built") / "project"
    make_project(root)
    finished = build(root)
    assert finished.returncode == 0, finished.stderr
    (root / "site" / OLD).write_text("the last good site", encoding="utf-8")
    return root


@pytest.fixture
def project(built_once, tmp_path) -> Path:
    root = tmp_path / "project"
    shutil.copytree(built_once, root, symlinks=True)
    return root


def start(root: Path, stop: str | None = None, **environment: str) -> subprocess.Popen:
    """The real `make site` in `root`; `stop="moment=SIGNAL"` has it send itself SIGNAL at that moment."""
    command = [sys.executable, str(REPO / "scripts" / "build_site.py"), "-f", str(root / "mkdocs.yml")]
    environment = {**QUIET, **environment, **({TEST_STOP: stop} if stop else {})}
    return subprocess.Popen(
        command, cwd=root, env=environment, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True
    )


def build(root: Path, stop: str | None = None, **environment: str) -> subprocess.CompletedProcess:
    with start(root, stop, **environment) as running:
        stdout, stderr = running.communicate()
    return subprocess.CompletedProcess(running.args, running.returncode, stdout, stderr)


def wait_for_every_holder_of_the_lock(root: Path) -> None:
    """Until the killed build's MkDocs child has ended too: it holds the build's lock while it lives."""
    with open(root / LOCK_FILE, "rb") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)  # blocks until free: no sleep, no timing


def is_whole(site: Path) -> bool:
    pages = ("index.html", "exercises/index.html", "exercises/shoulder-rolls/index.html", "search/search_index.json")
    return all((site / page).is_file() for page in pages)


def is_the_old_site(site: Path) -> bool:
    return is_whole(site) and (site / OLD).is_file()


def is_a_new_site(site: Path) -> bool:
    return is_whole(site) and not (site / OLD).exists()


def leftovers(root: Path) -> list[Path]:
    return sorted(root.glob(".site-building-*"))


def next_build_cleans_up_and_succeeds(root: Path, **environment: str) -> None:
    finished = build(root, **environment)
    assert (finished.returncode, finished.stdout.splitlines()[-1:]) == (0, ["Built site/"]), finished.stderr
    assert is_a_new_site(root / "site")
    assert leftovers(root) == []


# Killed at each moment


def test_a_build_killed_while_mkdocs_builds_leaves_the_old_site(project):
    assert build(project, stop="building=SIGKILL").returncode == -signal.SIGKILL
    wait_for_every_holder_of_the_lock(project)
    assert is_the_old_site(project / "site")
    assert len(leftovers(project)) == 1  # the half-built folder
    next_build_cleans_up_and_succeeds(project)


def test_a_build_stopped_with_ctrl_c_while_mkdocs_builds_keeps_the_old_site_and_leaves_nothing(project):
    finished = build(project, stop="building=SIGINT")
    assert (finished.returncode, finished.stderr.splitlines()[-1:]) == (130, ["build_site.py: stopped"])
    assert "Traceback" not in finished.stderr
    assert is_the_old_site(project / "site")
    assert leftovers(project) == []


def test_a_build_killed_between_its_build_and_the_swap_leaves_the_old_site(project):
    assert build(project, stop="built=SIGKILL").returncode == -signal.SIGKILL
    assert is_the_old_site(project / "site")
    (built,) = leftovers(project)
    assert is_a_new_site(built)  # whole, but never swapped in
    next_build_cleans_up_and_succeeds(project)


def test_a_build_killed_right_after_the_swap_leaves_the_new_site(project):
    assert build(project, stop="swapped=SIGKILL").returncode == -signal.SIGKILL
    assert is_a_new_site(project / "site")
    (old,) = leftovers(project)
    assert is_the_old_site(old)  # swapped out in the same step, not yet removed
    next_build_cleans_up_and_succeeds(project)


def test_a_build_killed_between_the_two_renames_of_the_fallback_is_undone_by_the_next_build(project):
    # What the fallback (no rename-exchange) leaves when killed between its renames:
    # the old site moved aside, the new one beside it, no site/.
    (project / "site").rename(swap.previous_of(project / "site"))
    shutil.copytree(swap.previous_of(project / "site"), project / ".site-building-x1y2z3")
    assert not (project / "site").exists()
    # The next build fails, and says site/ is as it was: it is, because it put the old one back first.
    (project / "docs" / "index.md").write_text("[A page that is not there](missing.md)\n", encoding="utf-8")
    finished = build(project)
    assert finished.returncode == 1
    assert finished.stderr.splitlines()[-1] == "The site was not built; site/ is as it was."
    assert is_the_old_site(project / "site")
    assert leftovers(project) == []


def test_a_failed_first_build_does_not_claim_a_site_was_kept(project):
    shutil.rmtree(project / "site")
    (project / "docs" / "index.md").write_text("[A page that is not there](missing.md)\n", encoding="utf-8")
    finished = build(project)
    assert finished.returncode == 1
    assert finished.stderr.splitlines()[-1] == "The site was not built; there is no site/ yet."
    assert not (project / "site").exists()
    assert leftovers(project) == []


# The swap itself


def test_without_rename_exchange_two_renames_replace_the_site(tmp_path, monkeypatch):
    monkeypatch.setattr(swap, "exchange", lambda first, second: False)  # a system or file system without it
    (tmp_path / "site").mkdir()
    (tmp_path / "site" / "old.html").write_text("old", encoding="utf-8")
    (tmp_path / ".site-building-new").mkdir()
    (tmp_path / ".site-building-new" / "new.html").write_text("new", encoding="utf-8")
    previous = swap.replace_folder(tmp_path / "site", tmp_path / ".site-building-new")
    assert [path.name for path in (tmp_path / "site").iterdir()] == ["new.html"]
    assert [path.name for path in previous.iterdir()] == ["old.html"]


def test_rename_exchange_swaps_two_folders_in_one_step(tmp_path):
    (tmp_path / "a").mkdir()
    (tmp_path / "a" / "in-a").touch()
    (tmp_path / "b").mkdir()
    assert swap.exchange(tmp_path / "a", tmp_path / "b")  # this machine's Linux and file system have it
    assert [path.name for path in (tmp_path / "b").iterdir()] == ["in-a"]
    assert list((tmp_path / "a").iterdir()) == []


# Two builds


def test_a_second_build_while_one_runs_refuses_in_one_line(project):
    first = start(project, stop="building=SIGSTOP")
    try:
        _, status = os.waitpid(first.pid, os.WUNTRACED)  # returns once the first build has stopped itself
        assert os.WIFSTOPPED(status)
        second = build(project)
        assert (second.returncode, second.stdout, second.stderr) == (
            1,
            "",
            f"build_site.py: another build is running (pid {first.pid}); try again when it has finished\n",
        )
        assert is_the_old_site(project / "site")
    finally:
        first.send_signal(signal.SIGCONT)  # also when an assertion failed, so the test never hangs on it
        first.communicate()
    assert first.returncode == 0
    assert is_a_new_site(project / "site")
    assert leftovers(project) == []


def test_two_builds_started_together_both_succeed_in_turn_or_one_refuses_and_neither_crashes(project):
    refusal = "build_site.py: another build is running (pid {}); try again when it has finished\n"
    builds = [start(project), start(project)]
    results = [(running, *running.communicate()) for running in builds]
    pids = [running.pid for running in builds]
    for running, stdout, stderr in results:
        assert "Traceback" not in stderr
        other = pids[1 - builds.index(running)]
        assert (running.returncode == 0 and stdout.endswith("Built site/\n")) or (
            running.returncode == 1 and stderr == refusal.format(other)
        ), stderr
    assert 0 in [running.returncode for running in builds]
    assert is_a_new_site(project / "site")
    assert leftovers(project) == []


# The environment


def test_an_empty_source_date_epoch_builds_as_if_it_were_unset(project):
    next_build_cleans_up_and_succeeds(project, SOURCE_DATE_EPOCH="")  # MkDocs alone fails on an empty one
