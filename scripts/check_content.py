#!/usr/bin/env python3
"""Check every exercise and series entry: `scripts/check_content.py [CONTENT_DIR]`."""

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from stretchguide.check import main

if __name__ == "__main__":
    sys.exit(main())
