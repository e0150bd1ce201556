"""How long `toolkit --help` takes, beside `python -c "import typer"` in the same run.

Target: `toolkit --help` under 0.3 s (median of repeated runs). The baseline is the floor any
typer CLI pays: starting Python and importing typer. Run: `python benchmarks/cli_startup.py`.
"""

from __future__ import annotations

import statistics
import subprocess
import sys
import time

RUNS = 15
TARGET_S = 0.3


def timed(cmd: list[str]) -> list[float]:
    times = []
    for _ in range(RUNS):
        t0 = time.perf_counter()
        subprocess.run(cmd, check=True, capture_output=True)
        times.append(time.perf_counter() - t0)
    return times


def main() -> int:
    cases = {
        'python -c "import typer" (baseline)': [sys.executable, "-c", "import typer"],
        "toolkit --help": [sys.executable, "-m", "toolkit", "--help"],
        "toolkit veille --help": [sys.executable, "-m", "toolkit", "veille", "--help"],
    }
    results = {name: timed(cmd) for name, cmd in cases.items()}
    base = statistics.median(results['python -c "import typer" (baseline)'])
    print(f"{'command':<40} {'median s':>9} {'min s':>7} {'vs baseline':>12}")
    print("-" * 72)
    for name, times in results.items():
        med = statistics.median(times)
        print(f"{name:<40} {med:>9.3f} {min(times):>7.3f} {med / base:>11.2f}x")
    help_med = statistics.median(results["toolkit --help"])
    verdict = "OK" if help_med < TARGET_S else "OVER TARGET"
    print(f"\ntarget: toolkit --help < {TARGET_S} s → {help_med:.3f} s ({verdict}); {RUNS} runs each")
    return 0


if __name__ == "__main__":
    sys.exit(main())
