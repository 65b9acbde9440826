#!/usr/bin/env python3
"""Speed against plain MkDocs at 25, 1,000 and 2,000 exercises: `scripts/bench.py [--sizes 25,1000,2000]`."""

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.run import main

if __name__ == "__main__":
    sys.exit(main())
