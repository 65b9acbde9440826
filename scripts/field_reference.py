#!/usr/bin/env python3
"""Regenerate the field reference in CONTRIBUTING.md from the JSON Schemas."""

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from stretchguide.command_line import Parser
from stretchguide.reference import with_reference

if __name__ == "__main__":
    Parser(prog="field_reference.py", description=__doc__).parse_args()  # it takes none: a typo is refused
    contributing = Path(__file__).resolve().parent.parent / "CONTRIBUTING.md"
    contributing.write_text(with_reference(contributing.read_text(encoding="utf-8")), encoding="utf-8")
    print(f"Updated the field reference in {contributing.name}")
