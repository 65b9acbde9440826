#!/usr/bin/env python3
"""Start a new exercise entry: `scripts/new_exercise.py "Title"`."""

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from stretchguide.scaffold import main

if __name__ == "__main__":
    sys.exit(main())
