"""Preview figures while writing them: `python -m stretchguide.figures content/exercises/cat-cow.md ...`.

Writes .cache/figure-preview.html (start, end and the moving figure, on light and dark),
ignored by git like the rest of .cache/, and prints where, with any problems the checks find, so a contributor can see the drawing before a pull
request.
"""

from __future__ import annotations

import argparse
import sys
from html import escape
from pathlib import Path

import yaml

from . import figure_problems, render_figure_svg, render_pose_svg
from .views import asked_views, chosen_view, views_of

PAGE = """<!doctype html><meta charset="utf-8"><title>Figure preview</title>
<style>body{{font:15px system-ui,sans-serif;margin:1rem}}section{{display:grid;grid-template-columns:repeat(3,1fr);gap:.5rem;margin-bottom:2rem}}
.dark{{background:#1e1e1e;color:#e8e8e8}}svg{{width:100%;height:auto}}h2{{grid-column:1/-1;margin:.2rem 0}}p{{grid-column:1/-1;color:#b00}}
figure{{margin:0}}figcaption{{font-weight:600;text-align:center}}</style>
{body}"""


def preview(paths: list[Path]) -> tuple[str, int]:
    parts, count = [], 0
    for path in paths:
        text = path.read_text(encoding="utf-8")
        figure = yaml.safe_load(text.split("---", 2)[1]).get("figure")
        if not figure:
            print(f"{path}: no figure: block")
            count += 1
            continue
        problems = figure_problems(figure)
        for where, message in problems:
            print(f"{path}: figure.{'.'.join(map(str, where))}: {message}")
        count += len(problems)
        slug = path.stem
        views = views_of(figure)
        # Said once, so the contributor knows the drawing picked it and can set `view:` instead.
        why = "" if asked_views(figure) else " (chosen: shows the most movement)"
        for index, view in enumerate(views):
            for theme in ("light", "dark"):
                name = f"{slug}-{view}-{theme}" if index else f"{slug}-{theme}"
                cells = {
                    "start": render_pose_svg(figure, "start", slug=name, view=view),
                    "end": render_pose_svg(figure, "end", slug=name, view=view),
                    "moving": render_figure_svg(figure, slug=name, view=view),
                }
                labelled = "".join(
                    f"<figure>{svg}<figcaption>{label}</figcaption></figure>" for label, svg in cells.items()
                )
                notes = "".join(f"<p>{escape(m)}</p>" for _, m in problems)
                heading = f"{escape(slug)}, seen from the {escape(str(view)).replace('_', ' ')} view{why} ({theme})"
                parts.append(f'<section class="{theme}"><h2>{heading}</h2>{notes}{labelled}</section>')
        # Beside the entry's own view, the one the drawing would choose: a hint, not a problem.
        chosen = chosen_view(figure)
        hint = f" (left out, the drawing would choose {chosen})" if not why and chosen != views[0] else ""
        print(f"{path}: view: {', '.join(views)}{why}{hint}")
    return PAGE.format(body="".join(parts)), count


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("entries", nargs="+", type=Path, help="exercise files with a figure: block")
    parser.add_argument("--out", type=Path, default=Path(".cache") / "figure-preview.html")
    args = parser.parse_args(argv)
    page, problems = preview(args.entries)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(page, encoding="utf-8")
    print(f"wrote {args.out}; open it in a browser")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
