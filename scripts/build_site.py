#!/usr/bin/env python3
"""Build the deployable site/ folder, keeping the previous one if the build fails: `scripts/build_site.py`."""

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from stretchguide.site.publish import main

if __name__ == "__main__":
    sys.exit(main())
