"""`toolkit demo`: every module on the example case, then where to start reading."""

from __future__ import annotations

import subprocess
import sys


def test_demo_writes_every_module_and_says_where_to_start(tmp_path):
    out = tmp_path / "demo"
    res = subprocess.run([sys.executable, "-m", "toolkit", "demo", "--out", str(out), "--format", "md,docx"],
                         capture_output=True, text=True, timeout=600)
    assert res.returncode == 0, res.stdout[-2000:] + res.stderr[-2000:]
    start = res.stdout.split("Par où commencer :", 1)[1].strip().splitlines()
    shown = {line.split()[0]: line.split()[1] for line in start}
    for module in ("veille", "personas", "plan", "pilotage"):
        assert module in shown, res.stdout[-1500:]
        assert (out / shown[module]).is_file(), shown[module]
        assert shown[module].endswith(".docx")
    assert (out / "case.yaml").is_file()  # the case was copied: the user can edit and re-run it
