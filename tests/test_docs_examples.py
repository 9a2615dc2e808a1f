"""Every example in README.md and docs/ runs: the Python and shell blocks, as copied.

Each fenced block must name its language. ``python`` blocks of one page run in order
as one script, in a fresh interpreter whose multiprocessing start method is ``spawn``
(as on Windows and macOS), so that an example without its ``if __name__ ==
"__main__":`` guard fails here as it would there. ``bash``/``sh`` blocks run under
bash; ``console`` blocks are transcripts whose ``$`` lines run. A page's blocks run in
the page's order, in one script (a later block may use what an earlier one made). A
shell command may end with status 1 (error findings, refused files: docs/guide.md); 2
or more fails the example, and so does a traceback.

All run in a folder holding the files examples name (``report.pdf``, ``reports/``...,
see :func:`workdir`). A block that truly cannot run here (it installs from PyPI or
uploads to it) carries ``<!-- not run: why -->`` on the line before its fence.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import attrs
import pytest

from expected import CORPUS, SEEDS

ROOT = Path(__file__).parent.parent
PAGES = [ROOT / "README.md", *sorted((ROOT / "docs").rglob("*.md"))]
RUN = {"python": "python", "py": "python", "bash": "shell", "sh": "shell", "shell": "shell"}
TRANSCRIPT = "console"
SHOWN = {"text", "toml", "json", "html", "markdown", "md", "csv", "yaml", "ini"}
NOT_RUN = re.compile(r"<!--\s*not run:\s*(?P<why>\S.*?)\s*-->\s*$")
FENCE = re.compile(
    r"^(?P<fence>```+)(?P<lang>[\w-]*)[^\n]*\n(?P<body>.*?)^(?P=fence)\s*$", re.M | re.S
)

# A shell example may end in 1 (findings); 2 and above (usage, I/O, bugs) fail it.
SHELL_PRELUDE = """set -o pipefail
trap 'rc=$?; if [ $rc -gt 1 ]; then echo "example failed with $rc: $BASH_COMMAND" >&2; exit $rc; fi' ERR
"""
PYTHON_PRELUDE = """import multiprocessing
multiprocessing.set_start_method("spawn", force=True)
"""


@attrs.frozen
class Block:
    page: Path
    line: int
    lang: str
    body: str
    not_run: str | None

    def __str__(self) -> str:
        return f"{self.page.relative_to(ROOT)}:{self.line}"


def blocks(page: Path) -> Iterator[Block]:
    text = page.read_text(encoding="utf-8")
    for match in FENCE.finditer(text):
        line = text.count("\n", 0, match.start()) + 1
        before = text[: match.start()].rstrip("\n").rsplit("\n", 1)[-1]
        marked = NOT_RUN.search(before)
        yield Block(
            page, line, match["lang"].lower(), match["body"], marked["why"] if marked else None
        )


ALL = [block for page in PAGES for block in blocks(page)]


@pytest.fixture(scope="module")
def workdir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The files the examples name: a real PDF report under the names the pages give
    it, a folder of reports, a second year of reports, and docs/ for the schema."""
    root = tmp_path_factory.mktemp("docs")
    pdf = CORPUS / "huaian_hongzequ_gov_2023.pdf"
    for name in ("report.pdf", "2023年政府信息公开工作年度报告.pdf", "2023年度报告.pdf"):
        shutil.copy(pdf, root / name)
    reports = root / "reports"
    reports.mkdir()
    for seed in sorted(SEEDS.glob("*.txt"))[:3]:
        shutil.copy(seed, reports / seed.name)
    for name in ("pingtan_2021_page.html", "pingtan_2023_page.html"):
        shutil.copy(CORPUS / name, reports / name)
    # docs/cells.md: a report whose crawler text left cells unread
    shutil.copy(CORPUS / "pingtan_gov_2023_page.txt", root / "crawled.txt")
    (root / "more").mkdir()
    shutil.copy(pdf, root / "more" / "2023_hongze.pdf")
    (root / "docs").mkdir()
    # docs/plugins.md: the plugin the page builds, as its package, and a sample of its format
    plugin = next(b for b in blocks(ROOT / "docs" / "plugins.md") if b.body.startswith('"""psv:'))
    (root / "govreport_psv.py").write_text(plugin.body, encoding="utf-8")
    # pages that say they run from the repository root name files under tests/data;
    # copies, so that an example that writes there cannot change the repository
    shutil.copytree(ROOT / "tests" / "data", root / "tests" / "data")
    seed = (SEEDS / "003_bb716c0dab2a4345.txt").read_text(encoding="utf-8")
    (root / "tests" / "data" / "report.psv").write_text("PSV" + seed.replace("\t", "|"))
    return root


def _run_in(workdir: Path, argv: list[str]) -> subprocess.CompletedProcess[str]:
    # the interpreter running the tests, and the govreport command beside it, come first
    path = f"{Path(sys.executable).parent}{os.pathsep}{os.environ.get('PATH', '')}"
    env = {**os.environ, "PATH": path, "PYTHONIOENCODING": "utf-8"}
    return subprocess.run(
        argv, cwd=workdir, env=env, capture_output=True, text=True, timeout=300, check=False
    )


def test_every_block_says_what_it_is() -> None:
    for block in ALL:
        known = block.lang in RUN or block.lang == TRANSCRIPT or block.lang in SHOWN
        assert known, f"{block}: fenced block without a known language ({block.lang!r})"


def test_blocks_not_run_are_few_and_say_why() -> None:
    skipped = [str(b) for b in ALL if b.not_run]
    # the README's install lines (run verbatim by CI, checked below), the plugin page's
    # publishing steps (PyPI)
    assert len(skipped) <= 3, skipped


def test_readme_install_lines_are_what_ci_runs() -> None:
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    first = next(b for b in ALL if b.page.name == "README.md")
    commands = [line for line in first.body.splitlines() if line and not line.startswith("#")]
    assert len(commands) == 2 and all(command in ci.splitlines() for command in commands)


def _script(page: Path) -> str:
    """The page's examples as one Python script, in the order the page gives them: a
    reader runs them in that order, and a later block may use what an earlier one made
    (a Python name, a file a command wrote). Shell blocks run through :func:`shell`."""
    parts = [PYTHON_PRELUDE]
    for block in blocks(page):
        if block.not_run is not None:
            continue
        if RUN.get(block.lang) == "python":
            parts.append(f"# --- {block}\n{block.body}")
        elif RUN.get(block.lang) == "shell" or block.lang == TRANSCRIPT:
            body = block.body
            if block.lang == TRANSCRIPT:
                lines = body.splitlines()
                body = "\n".join(line[2:] for line in lines if line.startswith("$ "))
            # guarded: a worker spawned by a later Python block imports this script
            # again, and must not run the commands a second time
            parts.append(
                f"# --- {block}\nif __name__ == '__main__':\n    shell({body!r}, {str(block)!r})"
            )
    return "\n".join(parts)


PYTHON_PRELUDE += f"""
import subprocess as _subprocess
import sys as _sys

def shell(body, where):
    done = _subprocess.run(["bash", "-c", {SHELL_PRELUDE!r} + body], capture_output=True, text=True)
    _sys.stdout.write(done.stdout)
    _sys.stderr.write(done.stderr)
    if "Traceback (most recent call last)" in done.stderr or done.returncode > 1:
        raise SystemExit(f"{{where}}: the shell example ended with {{done.returncode}}")
"""


@pytest.mark.parametrize(
    "page",
    [p for p in PAGES if any(b.lang in RUN or b.lang == TRANSCRIPT for b in blocks(p))],
    ids=lambda p: str(p.relative_to(ROOT)),
)
def test_examples_run(page: Path, workdir: Path) -> None:
    script = workdir / f"example_{page.stem}.py"
    script.write_text(_script(page), encoding="utf-8")
    done = _run_in(workdir, [sys.executable, script.name])
    assert done.returncode == 0, f"{page.relative_to(ROOT)}:\n{done.stderr[-4000:]}"
    assert "Traceback (most recent call last)" not in done.stderr, done.stderr[-4000:]


def test_guide_documents_every_exported_name() -> None:
    import govreport

    guide = (ROOT / "docs" / "guide.md").read_text(encoding="utf-8")
    missing = [
        name for name in govreport.__all__ if not re.search(rf"`{re.escape(name)}[`(]", guide)
    ]
    assert not missing, f"docs/guide.md does not document {missing}"


def test_guide_documents_the_whole_command_line() -> None:
    import argparse

    from govreport.cli import build_parser

    guide = (ROOT / "docs" / "guide.md").read_text(encoding="utf-8")
    parser = build_parser()
    commands = next(a for a in parser._actions if isinstance(a, argparse._SubParsersAction))
    missing = []
    for name, sub in {"": parser, **commands.choices}.items():
        if name and f"`{name} " not in guide and f"`{name}`" not in guide:
            missing.append(name)
        for action in sub._actions:
            if action.help == argparse.SUPPRESS:
                continue
            options = [o for o in action.option_strings if o.startswith("--")]
            if options and not any(re.search(rf"`[^`\n]*{o}\b", guide) for o in options):
                missing.append(f"{name} {options[0]}")
    assert not missing, f"docs/guide.md does not document {missing}"
