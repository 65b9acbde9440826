"""The pre-commit hooks CONTRIBUTING recommends work offline, with the project's own tools."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
CONFIG = ROOT / ".pre-commit-config.yaml"


def test_every_hook_is_local_and_runs_the_projects_environment():
    config = yaml.safe_load(CONFIG.read_text(encoding="utf-8"))
    assert [repo["repo"] for repo in config["repos"]] == ["local"] * len(config["repos"])
    hooks = [hook for repo in config["repos"] for hook in repo["hooks"]]
    assert {hook["language"] for hook in hooks} == {"system"}
    assert all(".venv/bin/python" in hook["entry"] for hook in hooks)


def test_the_hooks_pass_on_the_repository_with_the_network_off(tmp_path):
    command = [sys.executable, "-m", "pre_commit", "run", "--all-files", "--color", "never"]
    # As root (CI), a network namespace of its own has no network at all: nothing can be fetched.
    if os.geteuid() == 0 and shutil.which("unshare"):
        command = ["unshare", "--net", *command]
    environment = {**os.environ, "PRE_COMMIT_HOME": str(tmp_path / "pre-commit")}
    result = subprocess.run(command, cwd=ROOT, env=environment, capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "content check" in result.stdout
