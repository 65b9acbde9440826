"""What one benchmark run measured, as plain objects that write themselves to JSON."""

from __future__ import annotations

import dataclasses
import json
from dataclasses import dataclass
from pathlib import Path

from .animation import AnimationCost
from .builds import PageSizes
from .sheets import SheetCost


@dataclass(frozen=True)
class Timed:
    """A build: the best of its runs where it ran more than once."""

    seconds: float
    runs: list[float]
    cpu_seconds: float
    peak_rss_bytes: int
    peak_tree_rss_bytes: int
    other_cores: float  # the most the rest of the machine used during any of its runs


@dataclass(frozen=True)
class FloorBuild(Timed):
    pages: PageSizes
    search_index_bytes: int
    site_bytes: int


@dataclass(frozen=True)
class ColdBuild(Timed):
    sheets_written: int
    sheets_rendered: int


@dataclass(frozen=True)
class WarmBuild(Timed):
    sheets_rendered: int  # over every warm run; 0 when the cache did its job
    ratio_to_floor: float  # the median over rounds of this run against the floor's run of the same round
    cpu_ratio_to_floor: float  # the same in CPU time


@dataclass(frozen=True)
class Rebuild(Timed):
    changed: str  # the exercise edited
    series_using: int  # series that show it, whose sheets must be rendered again
    sheets_rendered: int


@dataclass(frozen=True)
class SizeResult:
    exercises: int
    series: int
    loader_seconds: float  # the real loader alone, in the benchmark's process
    floor: FloorBuild
    cold: ColdBuild
    warm: WarmBuild
    rebuild: Rebuild
    pages: PageSizes
    search_index_bytes: int
    search_bytes_per_exercise: float
    site_bytes: int
    # What the cold build spent beyond the best warm one, per sheet it rendered: the
    # wall time with sheets rendered in parallel, and the CPU time of all processes.
    sheet_wall_seconds: float
    sheet_cpu_seconds: float


@dataclass(frozen=True)
class SearchGrowth:
    from_size: int
    to_size: int
    bytes_per_exercise: float


@dataclass(frozen=True)
class BuildGrowth:
    """The warm build at one size against the next smaller size, as the median over rounds."""

    from_size: int
    to_size: int
    ratio: float
    cpu_ratio: float


@dataclass
class Results:
    command: str
    machine: dict
    sizes: list[SizeResult] = dataclasses.field(default_factory=list)
    search_growth: list[SearchGrowth] = dataclasses.field(default_factory=list)
    build_growth: list[BuildGrowth] = dataclasses.field(default_factory=list)
    sheet_cost: SheetCost | None = None
    animation: AnimationCost | None = None
    verdicts: list = dataclasses.field(default_factory=list)

    def size(self, exercises: int) -> SizeResult | None:
        return next((size for size in self.sizes if size.exercises == exercises), None)

    def busiest_other_work(self) -> float:
        """The most cores other work on the machine used during a floor or warm build, which are compared."""
        builds = [build for size in self.sizes for build in (size.floor, size.warm)]
        return max((build.other_cores for build in builds), default=0.0)

    def write_json(self, file: Path) -> None:
        file.parent.mkdir(parents=True, exist_ok=True)
        file.write_text(json.dumps(dataclasses.asdict(self), indent=2, default=str) + "\n", encoding="utf-8")
