"""The scripts' command lines: every usage or argument mistake is one line on stderr and exit status 2, never a traceback."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest
from conftest import REPO

from stretchguide.sheet import SheetError
from stretchguide.sheet.dates import ContentDates
from stretchguide.sheet.pictures import QR_CODE_LONGEST_ADDRESS, qr_code_uri

EPOCH_RULE = (
    "SOURCE_DATE_EPOCH must be a whole number of seconds since 1970, as `date +%s` prints it, "
    "up to 253402300799 (the year 9999); not "
)


def run(script: str, *arguments: str, **environment: str) -> subprocess.CompletedProcess:
    """The real script, from the repository, as `make` runs it."""
    return subprocess.run(
        [sys.executable, f"scripts/{script}", *arguments],
        cwd=REPO,
        capture_output=True,
        text=True,
        env={**os.environ, "NO_MKDOCS_2_WARNING": "1", **environment},
        check=False,
    )


def refused(done: subprocess.CompletedProcess) -> str:
    """The one line a refused command printed; fails if it printed more, or exited otherwise than with 2."""
    assert "Traceback" not in done.stderr
    assert (done.returncode, done.stdout, done.stderr.count("\n")) == (2, "", 1), done.stderr
    return done.stderr.rstrip("\n")


# build_pdf.py


def test_a_paper_size_that_does_not_exist_is_one_line():
    assert refused(run("build_pdf.py", "desk-break", "--paper", "a5")) == (
        "build_pdf.py: --paper: must be a4 or letter, not 'a5'"
    )


def test_a_content_dir_that_is_a_file_is_one_line():
    assert refused(run("build_pdf.py", "desk-break", "--content-dir", "README.md")) == (
        "build_pdf.py: --content-dir: 'README.md' is not a folder"
    )


def test_a_content_dir_that_does_not_exist_is_one_line():
    assert refused(run("build_pdf.py", "desk-break", "--content-dir", "no-such-folder")) == (
        "build_pdf.py: --content-dir: there is no folder 'no-such-folder'"
    )


def test_neither_a_series_nor_exercises_is_one_line():
    assert refused(run("build_pdf.py")) == "build_pdf.py: name a series, or give --exercises and --title, not both"


def test_an_option_without_its_value_is_one_line():
    assert refused(run("build_pdf.py", "desk-break", "--paper")) == "build_pdf.py: --paper: expected one argument"


def test_a_site_address_too_long_for_the_qr_code_is_one_line():
    address = "https://" + "x" * 5000
    assert refused(run("build_pdf.py", "desk-break", "--site-url", address)) == (
        f"build_pdf.py: --site-url: the address 'https://{'x' * 51}…' is too long for the sheet's QR code: "
        "5,008 characters, and a code that can be scanned from paper holds at most 122; use a shorter site address"
    )


def test_a_site_address_from_the_environment_is_checked_as_well():
    assert refused(run("build_pdf.py", "desk-break", SITE_URL="https://" + "x" * 5000)).startswith(
        "build_pdf.py: --site-url: the address 'https://xxx"
    )


@pytest.mark.parametrize("epoch", ["99999999999999999999", "-1", "yesterday", "1.5"])
def test_a_source_date_epoch_that_is_not_seconds_since_1970_is_one_line(epoch):
    assert refused(run("build_pdf.py", "desk-break", SOURCE_DATE_EPOCH=epoch)) == f"build_pdf.py: {EPOCH_RULE}'{epoch}'"


def test_a_typed_control_character_is_shown_escaped_so_it_cannot_start_a_line():
    assert refused(run("build_pdf.py", "desk-break", "--paper", "a4\n::error file=README.md::forged")) == (
        "build_pdf.py: --paper: must be a4 or letter, not 'a4\\n::error file=README.md::forged'"
    )


def test_a_long_unknown_argument_is_shortened():
    line = refused(run("build_pdf.py", "desk-break", "--colour", "x" * 5000))
    assert line.startswith("build_pdf.py: unrecognized arguments: --colour xxx") and line.endswith("x…")
    assert len(line) < 330


def test_a_series_address_too_long_for_the_qr_code_fails_that_sheet_in_one_line(tmp_path):
    # The site's address fits; the series' page below it does not.
    site = "https://guide.example/" + "a" * (QR_CODE_LONGEST_ADDRESS - len("https://guide.example/"))
    done = run("build_pdf.py", "desk-break", "--site-url", site, "--output", str(tmp_path / "x.pdf"))
    assert (done.returncode, done.stderr.count("\n"), "Traceback" in done.stderr) == (1, 1, False), done.stderr
    assert done.stderr.startswith("build_pdf.py: the address 'https://guide.example/aaa")
    assert "is too long for the sheet's QR code: 141 characters" in done.stderr
    assert not (tmp_path / "x.pdf").exists()


def test_the_longest_address_the_sheet_accepts_still_makes_a_qr_code():
    assert qr_code_uri("https://" + "a" * (QR_CODE_LONGEST_ADDRESS - len("https://"))).startswith("data:image/svg+xml")
    with pytest.raises(SheetError):
        qr_code_uri("https://" + "a" * (QR_CODE_LONGEST_ADDRESS + 1 - len("https://")))


def test_the_last_second_of_the_year_9999_is_a_date_a_sheet_can_print(monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "253402300799")
    assert ContentDates().of([]).spoken() == "31 December 9999"


# The other scripts


def test_the_check_of_a_content_dir_that_is_a_file_is_one_line():
    assert refused(run("check_content.py", "README.md")) == "check_content.py: content_dir: 'README.md' is not a folder"


def test_the_check_with_an_unknown_option_is_one_line():
    assert refused(run("check_content.py", "--fix")) == "check_content.py: unrecognized arguments: --fix"


def test_the_site_build_with_a_missing_configuration_is_one_line():
    assert refused(run("build_site.py", "-f", "mkdocs.yaml")) == (
        "build_site.py: -f/--config-file: there is no file 'mkdocs.yaml'"
    )


@pytest.mark.parametrize("epoch", ["99999999999999999999", "-1", "yesterday"])
def test_the_site_build_with_a_source_date_epoch_that_is_not_seconds_since_1970_is_one_line(epoch):
    assert refused(run("build_site.py", SOURCE_DATE_EPOCH=epoch)) == f"build_site.py: {EPOCH_RULE}'{epoch}'"


def test_the_bench_with_a_size_that_is_not_a_number_is_one_line():
    assert refused(run("bench.py", "--sizes", "25,many")) == (
        "bench.py: --sizes: must be sizes of at least 3 exercises, e.g. 25,1000; not '25,many'"
    )


def test_the_bench_with_no_rounds_is_one_line():
    assert refused(run("bench.py", "--repeat", "0")) == (
        "bench.py: --repeat: must be a whole number of at least 1, not '0'"
    )


def test_the_field_reference_takes_no_arguments_and_changes_nothing_when_given_one():
    before = (REPO / "CONTRIBUTING.md").read_bytes()
    assert refused(run("field_reference.py", "--check")) == "field_reference.py: unrecognized arguments: --check"
    assert (REPO / "CONTRIBUTING.md").read_bytes() == before


def test_a_plain_mkdocs_build_refuses_a_malformed_source_date_epoch_in_one_line(tmp_path):
    finished = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "-f", str(REPO / "mkdocs.yml"), "-d", str(tmp_path / "site")],
        cwd=REPO,
        capture_output=True,
        text=True,
        env={**os.environ, "SOURCE_DATE_EPOCH": "99999999999999999999", "NO_MKDOCS_2_WARNING": "1"},
    )
    assert finished.returncode == 1
    assert "Traceback" not in finished.stderr
    assert "SOURCE_DATE_EPOCH must be a whole number of seconds since 1970" in finished.stderr
