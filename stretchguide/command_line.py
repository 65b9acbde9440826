"""The scripts' argument parsing: every usage mistake is one line, `script.py: what is wrong`, and exit status 2."""

from __future__ import annotations

import argparse
import os
import re
from collections.abc import Callable
from pathlib import Path
from typing import NoReturn

from .characters import quoted, shown

USAGE_MISTAKE = 2  # argparse's own status for a usage mistake, kept so callers and shells can tell it apart
MESSAGE_LENGTH = 300  # argparse quotes what was typed whole, e.g. every unrecognized argument
_ARGUMENT = re.compile(r"^argument (\S+): ")


class Parser(argparse.ArgumentParser):
    """argparse, but a mistake prints one line instead of the usage and an error, then exits 2."""

    def error(self, message: str) -> NoReturn:
        # "argument --paper: ..." reads as "--paper: ...", like a field in the content check's lines.
        message = _ARGUMENT.sub(r"\1: ", message)
        self.exit(USAGE_MISTAKE, f"{self.prog}: {shown(message, MESSAGE_LENGTH)}\n")


def one_of(*choices: str) -> Callable[[str], str]:
    """A `type=` for an option with a few allowed words: `--paper: must be a4 or letter, not 'a5'`."""

    def choice(text: str) -> str:
        if text in choices:
            return text
        raise argparse.ArgumentTypeError(f"must be {' or '.join(choices)}, not {quoted(text)}")

    return choice


def existing(kind: str) -> Callable[[str], Path]:
    """A `type=` for a "file" or "folder" that must exist: `--content-dir: 'README.md' is not a folder`."""
    is_kind = Path.is_dir if kind == "folder" else Path.is_file

    def path(text: str) -> Path:
        if not os.path.lexists(text):
            raise argparse.ArgumentTypeError(f"there is no {kind} {quoted(text)}")
        if not is_kind(Path(text)):
            raise argparse.ArgumentTypeError(f"{quoted(text)} is not a {kind}")
        return Path(text)

    return path


def whole_number(minimum: int) -> Callable[[str], int]:
    """A `type=` for a count: `--repeat: must be a whole number of at least 1, not 'x'`."""

    def number(text: str) -> int:
        if re.fullmatch(r"[0-9]{1,9}", text.strip()) and int(text) >= minimum:
            return int(text)
        raise argparse.ArgumentTypeError(f"must be a whole number of at least {minimum}, not {quoted(text)}")

    return number
