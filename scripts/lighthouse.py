#!/usr/bin/env python3
"""Lighthouse (mobile) on the built guide, served as a static host serves it: `scripts/lighthouse.py [--update-readme]`."""

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.lighthouse import main

if __name__ == "__main__":
    sys.exit(main())
