"""Lighthouse (mobile) on the built guide served as a static host serves it: `make lighthouse`.

Builds the guide (or takes a built one), serves it with Debian's nginx and gzip on a free port of
127.0.0.1, runs npm's `lighthouse` with Debian's Chromium on the home page, the exercise index, an
exercise page and a series page (RUNS times each, keeping Lighthouse's median run), and prints performance, accessibility, best practices, SEO and
the bytes transferred; with --update-readme it also writes the table into README's Performance
section. A benchmark, not a test: the scores move with the machine's load.
Needs `nginx` (apt-get install nginx-light) and Lighthouse under .cache/node (npm install lighthouse).
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import shutil
import socket
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from datetime import date
from pathlib import Path

from .report import update_readme_part

ROOT = Path(__file__).resolve().parent.parent
SUBSECTION = "### On a phone (Lighthouse)"
LIGHTHOUSE = ROOT / ".cache" / "node" / "node_modules" / "lighthouse" / "cli" / "index.js"
MEDIAN_RUN = LIGHTHOUSE.parent.parent / "core" / "lib" / "median-run.js"
# One run's score moves by ten points or more on this machine for the same page; Lighthouse's own
# advice is the median of five runs (it halves the spread), chosen by its computeMedianRun (nearest the median FCP and TTI).
RUNS = 5
CHROMIUM = "/usr/bin/chromium"
CATEGORIES = ("performance", "accessibility", "best-practices", "seo")
# What static hosts compress; Debian's nginx.conf compresses only text/html by itself.
COMPRESSED = "text/css application/javascript text/javascript application/json image/svg+xml text/plain application/xml"
NGINX = """\
daemon off;
worker_processes 1;
pid {temp}/nginx.pid;
error_log {temp}/error.log;
events {{ }}
http {{
  include /etc/nginx/mime.types;
  types {{ application/manifest+json webmanifest; }}
  default_type application/octet-stream;
  access_log off;
  client_body_temp_path {temp}/body;
  proxy_temp_path {temp}/proxy;
  fastcgi_temp_path {temp}/fastcgi;
  uwsgi_temp_path {temp}/uwsgi;
  scgi_temp_path {temp}/scgi;
  gzip on;
  gzip_types {compressed};
  server {{
    listen 127.0.0.1:{port};
    root {site};
    error_page 404 /404.html;
  }}
}}
"""


def main(argv: list[str] | None = None) -> int:
    arguments = argparse.ArgumentParser(prog="lighthouse.py", description=__doc__.splitlines()[0])
    arguments.add_argument("--site", type=Path, help="a built site folder (default: build the guide afresh)")
    arguments.add_argument(
        "--update-readme", action="store_true", help="write the table into README.md's Performance section"
    )
    arguments.add_argument(
        "--reports",
        type=Path,
        help="keep each page's Lighthouse JSON report in this folder, and print where the main thread's time went",
    )
    options = arguments.parse_args(argv)
    site_option = options.site
    missing = [
        what for what, found in (("nginx", shutil.which("nginx")), ("lighthouse", LIGHTHOUSE.exists())) if not found
    ]
    if missing:
        print(
            f"lighthouse.py: {' and '.join(missing)} not found; run `apt-get install -y nginx-light` and "
            "`npm install --prefix .cache/node lighthouse`",
            file=sys.stderr,
        )
        return 1
    with tempfile.TemporaryDirectory(prefix="lighthouse-") as temp:
        os.chmod(temp, 0o755)  # nginx started by root reads the site as nobody
        site = site_option.resolve() if site_option else build(Path(temp) / "site")
        with nginx(site, Path(temp)) as base_url:
            rows = [(path, audit(f"{base_url}{path}", Path(temp), options.reports)) for path in pages(site)]
    print(table(rows))
    if options.reports:
        for path, _ in rows:
            print(main_thread(options.reports / report_name(path)))
    if options.update_readme:
        update_readme_part(ROOT / "README.md", SUBSECTION, readme_part(rows))
    return 0


def readme_part(rows: list[tuple[str, dict[str, float]]]) -> str:
    versions = subprocess.run([CHROMIUM, "--version"], capture_output=True, text=True).stdout.strip()
    return (
        f"{SUBSECTION}\n\n"
        f"Made with `make lighthouse ARGS=--update-readme` on {date.today().isoformat()} ({os.cpu_count()} cores, {versions}): "
        f"Lighthouse's default mobile run (a mid-range phone on a slow 4G connection, simulated), the median of {RUNS} runs "
        "by Lighthouse's own choice of median run, on the guide "
        "served by nginx with gzip, as a static host serves it. *Transferred* is what the first visit "
        "downloads, compressed; *LCP* is when the largest text or picture is drawn; *TBT* is how long "
        "scripts kept the page from answering a tap; *CLS* is how much of the page moved under the reader.\n\n"
        f"{table(rows)}\n"
    )


def build(site: Path) -> Path:
    command = [sys.executable, "-m", "mkdocs", "build", "--quiet", "-f", str(ROOT / "mkdocs.yml"), "-d", str(site)]
    subprocess.run(command, cwd=ROOT, check=True, env={**os.environ, "NO_MKDOCS_2_WARNING": "1"})
    return site


def pages(site: Path) -> list[str]:
    """The four kinds of page, with the first exercise and series of the catalog's open data."""
    exercise = json.loads((site / "exercises.json").read_text(encoding="utf-8"))["exercises"][0]["slug"]
    series = json.loads((site / "series.json").read_text(encoding="utf-8"))["series"][0]["slug"]
    return ["", "exercises/", f"exercises/{exercise}/", f"series/{series}/"]


@contextlib.contextmanager
def nginx(site: Path, temp: Path) -> Iterator[str]:
    with socket.socket() as probe:  # a port free now; nginx takes it a moment later
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    config = temp / "nginx.conf"
    config.write_text(NGINX.format(temp=temp, port=port, site=site, compressed=COMPRESSED), encoding="utf-8")
    server = subprocess.Popen(["nginx", "-c", str(config), "-p", str(temp)])
    try:
        deadline = time.monotonic() + 10
        while True:
            with contextlib.suppress(OSError), socket.create_connection(("127.0.0.1", port), timeout=1):
                break
            if server.poll() is not None or time.monotonic() > deadline:
                raise SystemExit(f"nginx did not start; see {temp / 'error.log'}")
            time.sleep(0.1)
        yield f"http://127.0.0.1:{port}/"
    finally:
        server.terminate()
        server.wait()


def report_name(path: str) -> str:
    """The file a page's kept report is written to: home.json, exercises_face-pull.json."""
    return (path.strip("/").replace("/", "_") or "home") + ".json"


def audit(url: str, temp: Path, reports: Path | None = None) -> dict[str, float]:
    """Lighthouse's default mobile run (simulated slow 4G, a mid-range phone) on one page: the median of RUNS runs."""
    runs = [temp / f"report-{number}.json" for number in range(RUNS)]
    for report in runs:
        command = [
            "node",
            str(LIGHTHOUSE),
            url,
            "--quiet",
            "--output=json",
            f"--output-path={report}",
            f"--only-categories={','.join(CATEGORIES)}",
            "--chrome-flags=--headless=new --no-sandbox --disable-gpu",
        ]
        subprocess.run(command, check=True, env={**os.environ, "CHROME_PATH": CHROMIUM})
    report = runs[_median_run(runs)]
    if reports:
        reports.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(report, reports / report_name(url.split("/", 3)[3]))
    result = json.loads(report.read_text(encoding="utf-8"))
    scores = {name: round(result["categories"][name]["score"] * 100) for name in CATEGORIES}
    audits = result["audits"]
    return {
        **scores,
        "kib": audits["total-byte-weight"]["numericValue"] / 1024,
        "requests": len(audits["network-requests"]["details"]["items"]),
        "lcp": audits["largest-contentful-paint"]["numericValue"] / 1000,
        "tbt": audits["total-blocking-time"]["numericValue"],
        "cls": audits["cumulative-layout-shift"]["numericValue"],
    }


def _median_run(reports: list[Path]) -> int:
    """Which of the reports Lighthouse's computeMedianRun picks."""
    script = (
        f"import {{computeMedianRun}} from {json.dumps(MEDIAN_RUN.as_uri())};"
        "import {readFileSync} from 'node:fs';"
        "const runs = process.argv.slice(1).map(path => JSON.parse(readFileSync(path, 'utf8')));"
        "console.log(runs.indexOf(computeMedianRun(runs)));"
    )
    found = subprocess.run(
        ["node", "--input-type=module", "-e", script, *map(str, reports)], check=True, capture_output=True, text=True
    )
    return int(found.stdout.strip())


def main_thread(report: Path) -> str:
    """One line of where a page's main thread spent its time, which scripts cost the most and what moved, from a kept report."""
    audits = json.loads(report.read_text(encoding="utf-8"))["audits"]
    work = audits["mainthread-work-breakdown"]["details"]["items"]
    scripts = audits["bootup-time"]["details"]["items"]
    shifts = audits.get("layout-shifts", {}).get("details", {}).get("items", [])
    return (
        f"{report.stem}: "
        + ", ".join(f"{item['groupLabel']} {item['duration']:.0f} ms" for item in work[:5])
        + "; scripts: "
        + ", ".join(f"{item['url'].rsplit('/', 1)[-1] or item['url']} {item['total']:.0f} ms" for item in scripts[:4])
        + "; moved: "
        + (", ".join(f"{item['node'].get('selector', '?')} {item['score']:.3f}" for item in shifts[:3]) or "nothing")
    )


def table(rows: list[tuple[str, dict[str, float]]]) -> str:
    lines = [
        "| Page | Performance | Accessibility | Best practices | SEO | Transferred | Requests | LCP | TBT | CLS |",
        "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for path, row in rows:
        lines.append(
            f"| /{path} | {row['performance']} | {row['accessibility']} | {row['best-practices']} | {row['seo']} "
            f"| {row['kib']:.0f} KiB | {row['requests']} | {row['lcp']:.1f} s | {row['tbt']:.0f} ms | {row['cls']:.2f} |"
        )
    return "\n".join(lines)


if __name__ == "__main__":
    sys.exit(main())
