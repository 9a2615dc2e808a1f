"""Start-up cost: CPU time of `import govreport` and `govreport show --sample` against `python -c pass`.

Run: python benchmarks/bench_startup.py [--runs N] [--baseline SRC ...]
Each command runs N times in a fresh interpreter, interleaved with the others; the
figure is the least CPU time (user + system, from the child's rusage) of its runs,
since other work on the machine only ever adds to it. The interpreters keep compiled
bytecode (in a temporary PYTHONPYCACHEPREFIX, after one warming run each), as an
installed package does: with PYTHONDONTWRITEBYTECODE every start compiles the sources. Targets: import at most 4x
``python -c pass``, ``govreport show --sample`` at most 6x.

``--baseline`` names the source folders of another tree (an exported older commit's
``src`` and its plugins' ``src``): its two commands run too, interleaved with the rest,
with those folders first on PYTHONPATH, so that before and after share one moment.
"""

from __future__ import annotations

import argparse
import os
import resource
import subprocess
import sys
import tempfile
from pathlib import Path

TARGETS = {"import govreport": 4.0, "govreport show --sample": 6.0}


BASELINE = " (baseline)"


#: What the installed script runs (pyproject's [project.scripts]); a script installed
#: before it named govreport.__main__ runs the command without the process's start-up
#: and exit savings, so its figure is not this tree's.
ENTRY = "govreport.__main__"


def _commands(baseline: bool) -> dict[str, list[str]]:
    script = Path(sys.executable).with_name("govreport")
    if script.exists() and ENTRY not in script.read_text(encoding="utf-8", errors="replace"):
        print(f"note: {script} does not run {ENTRY}: reinstall (pip install -e .)", file=sys.stderr)
    show = (
        [sys.executable, str(script)]
        if script.exists()
        else [sys.executable, "-c", "import sys; from govreport.cli import main; sys.exit(main())"]
    )
    commands = {
        "python -c pass": [sys.executable, "-c", "pass"],
        "import govreport": [sys.executable, "-c", "import govreport"],
        "govreport show --sample": [*show, "show", "--sample"],
    }
    if baseline:  # the same commands, another PYTHONPATH
        for name in ("import govreport", "govreport show --sample"):
            commands[name + BASELINE] = commands[name]
    return commands


def cpu_ms(command: list[str], env: dict[str, str]) -> float:
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    subprocess.run(command, check=True, stdout=subprocess.DEVNULL, env=env)
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    spent = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return spent * 1000


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=15, help="runs of each command (least)")
    parser.add_argument(
        "--baseline", nargs="+", metavar="SRC", help="source folders of a tree to compare with"
    )
    args = parser.parse_args()
    commands = _commands(bool(args.baseline))
    times: dict[str, list[float]] = {name: [] for name in commands}
    with tempfile.TemporaryDirectory() as cache:
        env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
        env["PYTHONPYCACHEPREFIX"] = cache
        envs = {name: env for name in commands}
        for name in commands:
            if name.endswith(BASELINE):
                folders = [str(Path(folder).resolve()) for folder in args.baseline]
                envs[name] = {**env, "PYTHONPATH": os.pathsep.join(folders)}
        for name, command in commands.items():
            cpu_ms(command, envs[name])  # writes the bytecode
        for _ in range(args.runs):
            for name, command in commands.items():
                times[name].append(cpu_ms(command, envs[name]))
    floor = min(times["python -c pass"])
    print(f"load average: {' '.join(f'{v:.2f}' for v in os.getloadavg())}")
    print(f"{'command':<37} {'CPU ms':>8} {'ratio':>6} {'target':>6}")
    for name, spent in times.items():
        best = min(spent)
        target = f"{TARGETS[name]:.0f}x" if name in TARGETS else ""
        print(f"{name:<37} {best:>8.1f} {best / floor:>5.1f}x {target:>6}")


if __name__ == "__main__":
    main()
