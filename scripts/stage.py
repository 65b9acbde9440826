#!/usr/bin/env python3
"""Stage the guide for Zensical or ProperDocs, and build or serve it: `scripts/stage.py stage|build|serve ENGINE`."""

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from stretchguide.stage.cli import main

if __name__ == "__main__":
    sys.exit(main())
