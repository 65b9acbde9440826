"""The benchmark's own parts, fast: synthetic catalogs, the floor project, and the measuring wrapper."""

from __future__ import annotations

import json
import statistics
import subprocess
import sys
from pathlib import Path

import pytest

from bench import projects
from bench.builds import MEASURE
from bench.measure import other_cores
from bench.report import SECTION, update_readme_part
from bench.synthetic import WRITTEN_AT, Templates, change_exercise, write_catalog
from stretchguide.loader import load_catalog

REPO = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def templates() -> Templates:
    return Templates.from_content(REPO / "content")


def files_of(folder: Path) -> dict[str, bytes]:
    return {
        file.relative_to(folder).as_posix(): file.read_bytes() for file in sorted(folder.rglob("*")) if file.is_file()
    }


def test_a_synthetic_catalog_passes_the_real_loader(tmp_path, templates):
    slugs = write_catalog(tmp_path / "content", 5, templates)

    catalog = load_catalog(tmp_path / "content", root=tmp_path)

    assert sorted(catalog.exercises) == sorted(slugs)
    assert len(catalog.series) == 1


def test_the_same_size_makes_the_same_files(tmp_path, templates):
    write_catalog(tmp_path / "first", 5, templates)
    write_catalog(tmp_path / "second", 5, templates)

    assert files_of(tmp_path / "first") == files_of(tmp_path / "second")


def test_synthetic_files_carry_a_fixed_date_so_sheets_print_the_same(tmp_path, templates):
    write_catalog(tmp_path / "content", 5, templates)

    dates = {file.stat().st_mtime for file in (tmp_path / "content").rglob("*") if file.is_file()}
    assert dates == {WRITTEN_AT}


def test_a_larger_catalog_holds_the_smaller_one(tmp_path, templates):
    write_catalog(tmp_path / "small", 25, templates)
    write_catalog(tmp_path / "large", 45, templates)

    small, large = files_of(tmp_path / "small"), files_of(tmp_path / "large")
    assert {name: large[name] for name in small} == small


def test_synthetic_exercises_reuse_the_real_figures(tmp_path, templates):
    write_catalog(tmp_path / "content", len(templates.exercises), templates)

    catalog = load_catalog(tmp_path / "content", root=tmp_path)

    real_figures = sum("figure" in exercise for exercise in templates.exercises)
    assert sum(exercise.figure is not None for exercise in catalog.exercises.values()) == real_figures


def test_a_changed_exercise_still_passes_the_loader(tmp_path, templates):
    slugs = write_catalog(tmp_path / "content", 5, templates)
    change_exercise(tmp_path / "content" / "exercises" / f"{slugs[0]}.md")

    catalog = load_catalog(tmp_path / "content", root=tmp_path)

    assert catalog.exercises[slugs[0]].steps[0] == "Start as before, with this step reworded to time a rebuild."


def test_the_floor_drops_only_the_stretchguide_plugin_and_keeps_exercises_out_of_the_nav(tmp_path, templates):
    write_catalog(tmp_path / "content", 5, templates)
    catalog = load_catalog(tmp_path / "content", root=tmp_path)

    floor = projects.floor_project(tmp_path / "floor", REPO, catalog)

    config = (floor / "mkdocs.yml").read_text(encoding="utf-8")
    assert config.startswith(f"INHERIT: {projects.INHERITED_CONFIG}\n")
    assert '"stretchguide"' not in config
    assert 'not_in_nav: "/exercises/"' in config
    pages = sorted(path.stem for path in (floor / "docs" / "exercises").glob("*.md"))
    assert set(catalog.exercises) <= set(pages)


def test_a_floor_page_holds_the_facts_of_its_exercise(tmp_path, templates):
    write_catalog(tmp_path / "content", 5, templates)
    exercise = next(iter(load_catalog(tmp_path / "content", root=tmp_path).exercises.values()))

    page = projects.exercise_markdown(exercise)

    assert page.startswith(f"# {exercise.title}\n\n{exercise.summary}\n")
    assert f"**Dose:** {exercise.dose.describe()}" in page
    assert f"1. {exercise.steps[0]}" in page
    assert f"- {exercise.cautions[0]}" in page


def measured(log: Path, script: str) -> dict:
    """The wrapper's verdict on `python -c script`, run as the benchmark runs it: in a process of its own."""
    wrapper = [sys.executable, str(MEASURE), str(log), "--", sys.executable, "-c", script]
    return json.loads(subprocess.run(wrapper, capture_output=True, text=True, check=True).stdout)


def test_the_wrapper_counts_the_cpu_of_processes_the_build_leaves_behind(tmp_path):
    # The child starts a grandchild that outlives it, as the PDF workers' forkserver does.
    grandchild = "import time\nend = time.process_time() + 0.3\nwhile time.process_time() < end: pass"
    child = f"import subprocess, sys; subprocess.Popen([sys.executable, '-c', {grandchild!r}], start_new_session=True)"

    result = measured(tmp_path / "log", f"import subprocess, sys; subprocess.run([sys.executable, '-c', {child!r}])")

    assert result["returncode"] == 0
    assert result["cpu_seconds"] >= 0.3
    assert result["peak_rss_bytes"] > 0


def test_the_wrapper_reports_a_failing_build_and_keeps_its_output(tmp_path):
    result = measured(tmp_path / "log", "print('broken entry'); raise SystemExit(3)")

    assert result["returncode"] == 3
    assert (tmp_path / "log").read_text() == "broken entry\n"


BURN = "import time\nend = time.process_time() + {seconds}\nwhile time.process_time() < end: pass"


def test_the_wrapper_reports_work_elsewhere_on_the_machine(tmp_path):
    elsewhere = subprocess.Popen([sys.executable, "-c", BURN.format(seconds=3)])  # not part of the build
    try:
        result = measured(tmp_path / "log", "import time; time.sleep(1.5)")
    finally:
        elsewhere.kill()
        elsewhere.wait()
    assert result["other_cores"] > 0.5


def test_the_wrapper_does_not_count_the_build_itself_as_other_work():
    # 3 busy core-seconds over 2 seconds, 2 of them the build's and the wrapper's: half a core was other work.
    assert other_cores(machine_busy=3.0, own=2.0, seconds=2.0) == 0.5
    assert other_cores(machine_busy=2.0, own=2.0, seconds=2.0) == 0.0


def test_other_work_is_never_below_zero_when_clock_ticks_round_the_build_up():
    assert other_cores(machine_busy=1.98, own=2.0, seconds=2.0) == 0.0


def test_the_wrapper_reports_its_measures_of_a_build_that_burns_cpu(tmp_path):
    result = measured(tmp_path / "log", BURN.format(seconds=0.3))
    assert result["cpu_seconds"] >= 0.3
    assert result["seconds"] > 0
    assert result["other_cores"] >= 0


def test_the_whole_benchmark_runs_at_a_tiny_size(tmp_path):
    from stretchguide.sheet import PAPERS

    output = tmp_path / "latest.json"
    command = [
        sys.executable,
        "scripts/bench.py",
        "--sizes",
        "5,8",
        "--repeat",
        "2",
        "--no-sheet-cost",
        "--no-animation",
    ]

    done = subprocess.run([*command, "--output", str(output)], cwd=REPO, capture_output=True, text=True, check=False)

    assert done.returncode in (0, 1), done.stderr  # 1 is a budget's verdict, not a broken benchmark
    measured = json.loads(output.read_text())
    small, large = measured["sizes"]
    for size in (small, large):
        assert size["cold"]["sheets_rendered"] == len(PAPERS)  # one series, on every paper
        assert size["warm"]["sheets_rendered"] == 0
        assert size["rebuild"]["sheets_rendered"] == len(PAPERS)
        # Each round's guide against that round's floor; the median of the rounds counts.
        within_rounds = [warm / floor for warm, floor in zip(size["warm"]["runs"], size["floor"]["runs"], strict=True)]
        assert len(within_rounds) == 2
        assert size["warm"]["ratio_to_floor"] == pytest.approx(statistics.median(within_rounds))
    (growth,) = measured["build_growth"]
    rounds = [big / little for big, little in zip(large["warm"]["runs"], small["warm"]["runs"], strict=True)]
    assert (growth["from_size"], growth["to_size"]) == (5, 8)
    assert growth["ratio"] == pytest.approx(statistics.median(rounds))


README = "# Guide\n\nIntro.\n\n## Performance\n\nOld build tables.\n\n## Licence\n\nMIT.\n"
PHONE = "### On a phone (Lighthouse)"


def test_a_readme_part_goes_at_the_end_of_the_performance_section(tmp_path):
    readme = tmp_path / "README.md"
    readme.write_text(README, encoding="utf-8")
    update_readme_part(readme, PHONE, f"{PHONE}\n\nPhone table.\n")
    assert readme.read_text(encoding="utf-8") == README.replace(
        "Old build tables.\n", f"Old build tables.\n\n{PHONE}\n\nPhone table.\n"
    )


def test_rewriting_the_performance_section_keeps_its_parts_and_the_sections_after_it(tmp_path):
    readme = tmp_path / "README.md"
    readme.write_text(
        README.replace("Old build tables.\n", f"Old build tables.\n\n{PHONE}\n\nPhone table.\n"), encoding="utf-8"
    )
    update_readme_part(readme, SECTION, f"{SECTION}\n\nNew build tables.\n")
    update_readme_part(readme, PHONE, f"{PHONE}\n\nNew phone table.\n")
    assert readme.read_text(encoding="utf-8") == README.replace(
        "Old build tables.\n", f"New build tables.\n\n{PHONE}\n\nNew phone table.\n"
    )


def test_a_readme_without_a_performance_section_gets_one_at_the_end(tmp_path):
    readme = tmp_path / "README.md"
    readme.write_text("# Guide\n\nIntro.\n", encoding="utf-8")
    update_readme_part(readme, SECTION, f"{SECTION}\n\nBuild tables.\n")
    assert readme.read_text(encoding="utf-8") == f"# Guide\n\nIntro.\n\n{SECTION}\n\nBuild tables.\n"
