#!/usr/bin/env python3
"""Build one printable sheet: `scripts/build_pdf.py SERIES [--paper a4|letter] [--output FILE]`,
or a custom one: `scripts/build_pdf.py --exercises slug,slug --title "My desk break"`."""

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from stretchguide.sheet.cli import main

if __name__ == "__main__":
    sys.exit(main())
