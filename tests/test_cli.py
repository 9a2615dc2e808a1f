"""The govreport command as users meet it: the exit-status scheme, one-line errors,
pure machine-readable output, the two languages, logging and plugin hints.

Tests that need a real process (closed pipes, Ctrl-C, ``python -m``) run the command
as a subprocess; the rest call :func:`govreport.cli.main` in-process.
"""

from __future__ import annotations

import io
import json
import os
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from importlib import metadata
from pathlib import Path
from typing import ClassVar

import pytest

import govreport
from expected import CORPUS, SEEDS
from govreport.cli import main, sample_path
from govreport.plugins import ENTRY_POINT_GROUP, Registry, set_registry

GOOD = SEEDS / "003_bb716c0dab2a4345.txt"
ENCRYPTED = Path(__file__).parent / "data" / "pdf" / "huaian_hongzequ_gov_2023_encrypted.pdf"


@pytest.fixture
def broken(tmp_path: Path) -> Path:
    """The sample with one number of table 四 changed: an R4 error finding."""
    path = tmp_path / "broken.txt"
    text = GOOD.read_text(encoding="utf-8")
    path.write_text(text.replace("8\t4\t12\t0\t24", "8\t4\t12\t0\t25"), encoding="utf-8")
    return path


@pytest.fixture
def junk(tmp_path: Path) -> Path:
    path = tmp_path / "junk.txt"
    path.write_text("hello", encoding="utf-8")
    return path


def _run(
    *args: str, env: dict[str, str] | None = None, **kwargs: object
) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "govreport", *args],
        capture_output=True,
        text=True,
        env={**os.environ, **(env or {})},
        timeout=120,
        check=False,
        **kwargs,  # type: ignore[arg-type]
    )


# --- what each command shows ------------------------------------------------------------------


def test_show_sample(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["show", "--sample"]) == 0
    out = capsys.readouterr().out
    assert out.startswith("老城区人民政府 2024 年政府信息公开工作年度报告")
    assert "行政事业性收费" in out and "79.6954" in out
    assert "发现 0 项" in out
    assert "机关: 老城区人民政府    年度: 2024    模板: 2021" in out
    assert main(["show", "--sample", "--lang", "en"]) == 0
    out = capsys.readouterr().out
    assert "agency: 老城区人民政府    year: 2024    template: 2021" in out
    assert out.endswith("\n0 findings\n") and "表三 收到和处理政府信息公开申请情况" in out


def test_sample_is_a_real_seed() -> None:
    assert sample_path().read_bytes() == GOOD.read_bytes()


def test_only_the_program_freezes_its_objects(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    # run as the program (argv from sys.argv), main takes what the imports made out of
    # the collector's passes; a caller passing its arguments keeps every object collectable
    import gc

    assert gc.get_freeze_count() == 0
    assert main(["show", "--sample"]) == 0
    assert gc.get_freeze_count() == 0
    monkeypatch.setattr(sys, "argv", ["govreport", "show", "--sample"])
    try:
        assert main() == 0
        assert gc.get_freeze_count() > 1000  # the modules' objects
    finally:
        gc.unfreeze()
    assert "老城区人民政府" in capsys.readouterr().out


def test_the_process_ends_early_only_when_exit_has_nothing_to_do(
    broken: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # the program skips Python's teardown, but not an exit handler, output or a status
    assert main(["show", "--sample"]) == 0
    shown = capsys.readouterr().out
    assert _run("show", "--sample").stdout == shown
    assert _run("show", str(broken)).returncode == 1
    code = (
        "import atexit, sys\n"
        "atexit.register(lambda: print('the handler ran'))\n"
        "from govreport.__main__ import main\n"
        "sys.exit(main())"
    )
    for args, status in ((["show", "--sample"], 0), (["show", "nope.txt"], 2)):
        done = subprocess.run(
            [sys.executable, "-c", code, *args], capture_output=True, text=True, check=False
        )
        assert done.returncode == status
        assert done.stdout.endswith("the handler ran\n")


def test_cells_json(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["cells", str(GOOD)]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["agency"] == "老城区人民政府"
    assert data["cells"]["t2.fees.amount"] == "79.6954"
    assert data["cells"]["t3.total.total"] == 557


def test_formats_lists_text(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["formats"]) == 0
    assert "text" in capsys.readouterr().out


# --- 1. one exit-status scheme, one-line errors -----------------------------------------------


@pytest.mark.parametrize("command", ["show", "validate", "cells"])
def test_exit_status_is_the_same_in_every_command(
    command: str, broken: Path, junk: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main([command, str(GOOD)]) == 0
    capsys.readouterr()
    # 1: a refused file (and for show/validate, error findings)
    assert main([command, str(junk)]) == 1
    err = capsys.readouterr().err
    assert (
        err == f"govreport {command}: {junk}：拒绝读取（NotAReportError）：" + err.split("：", 2)[2]
    )
    if command != "cells":
        assert main([command, str(broken)]) == 1
    # 2: a path that names no file, and arguments that make no command
    capsys.readouterr()
    assert main([command, str(tmp_path / "nope.txt")]) == 2
    assert (
        capsys.readouterr().err
        == f"govreport {command}: 没有这个文件或文件夹：{tmp_path / 'nope.txt'}\n"
    )
    assert main([command]) == 2  # no file at all
    assert capsys.readouterr().err == f"govreport {command}: 请给出报告文件 FILE，或用 --sample\n"
    assert main([command, "--no-such-option"]) == 2
    err = capsys.readouterr().err
    assert err.startswith(f"govreport {command}: 无法识别的参数：--no-such-option")
    assert err.count("\n") == 1 and f"govreport {command} --help" in err


def test_batch_exit_status(broken: Path, junk: Path, tmp_path: Path) -> None:
    out = str(tmp_path / "out.csv")
    assert main(["batch", str(GOOD), "-o", out, "-j", "0"]) == 0
    assert main(["batch", str(GOOD), str(broken), "-o", out, "-j", "0"]) == 1
    assert main(["batch", str(GOOD), str(junk), "-o", out, "-j", "0"]) == 1


def test_a_bug_is_one_line_and_status_3(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    def crash(report: object) -> None:
        raise ZeroDivisionError("division by zero")

    monkeypatch.setattr("govreport.cli.validate", crash)
    assert main(["--lang", "en", "show", str(GOOD)]) == 3
    err = capsys.readouterr().err
    assert err.startswith("govreport show: internal error ZeroDivisionError: division by zero;")
    assert "Traceback" not in err and err.count("\n") == 1
    # --debug (or GOVREPORT_DEBUG=1) adds the traceback
    assert main(["show", "--debug", str(GOOD)]) == 3
    assert "Traceback (most recent call last)" in capsys.readouterr().err
    monkeypatch.setenv("GOVREPORT_DEBUG", "1")
    assert main(["show", str(GOOD)]) == 3
    assert "Traceback (most recent call last)" in capsys.readouterr().err


def test_unwritable_outputs_are_one_line_errors(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # checked before anything is read, so no progress bar and no reading are wasted
    assert main(["batch", str(SEEDS), "-o", "/no/dir/x.csv"]) == 2
    assert (
        capsys.readouterr().err
        == "govreport batch: 无法写入 /no/dir/x.csv：文件夹 /no/dir 不存在\n"
    )
    assert main(["validate", str(GOOD), "--html", "/no/dir/o.html"]) == 2
    captured = capsys.readouterr()
    assert captured.out == ""
    assert captured.err == "govreport validate: 无法写入 /no/dir/o.html：文件夹 /no/dir 不存在\n"
    folder = tmp_path / "taken.csv"
    folder.mkdir()  # a folder where the file should go: open() fails, one line still
    assert main(["batch", str(GOOD), "-o", str(folder), "-j", "0"]) == 2
    assert capsys.readouterr().err.startswith(f"govreport batch: 无法写入 {folder}：")


def test_closed_pipe_ends_quietly() -> None:
    # `govreport show a b | head -1`: the reader goes away after one line
    process = subprocess.Popen(
        [sys.executable, "-m", "govreport", "show", str(GOOD), str(GOOD), str(GOOD)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    assert process.stdout is not None and process.stderr is not None
    process.stdout.readline()
    process.stdout.close()
    status = process.wait(timeout=60)
    assert process.stderr.read() == b""
    assert status == 141


def _interrupt_when(args: list[str], marker: str) -> tuple[int, str]:
    """Run the command in its own process group and press Ctrl-C (SIGINT to the whole
    group, as a terminal does) once ``marker`` appears on its stderr."""
    process = subprocess.Popen(
        [sys.executable, "-m", "govreport", *args],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
        start_new_session=True,
    )
    assert process.stderr is not None
    seen = []
    deadline = time.monotonic() + 60
    for line in process.stderr:
        seen.append(line)
        if marker in line or time.monotonic() > deadline:
            break
    os.killpg(process.pid, signal.SIGINT)
    seen.append(process.stderr.read())
    return process.wait(timeout=60), "".join(seen)


@pytest.mark.skipif(sys.platform == "win32", reason="process groups and SIGINT are POSIX")
@pytest.mark.parametrize("jobs", ["0", "1"])
def test_ctrl_c_in_batch_gives_the_summary_and_130(tmp_path: Path, jobs: str) -> None:
    folder = tmp_path / "many"
    folder.mkdir()
    for i in range(12):
        (folder / f"{i:02}.pdf").symlink_to(CORPUS / "huaian_hongzequ_gov_2023.pdf")
    status, err = _interrupt_when(
        ["-v", "--lang", "en", "batch", str(folder), "-o", str(tmp_path / "o.csv"), "-j", jobs],
        marker="read as ",  # pdf, or ocr when the OCR plugin (which claims PDF) is installed
    )
    assert status == 130, err
    assert "Traceback" not in err and "KeyboardInterrupt" not in err
    assert "govreport batch: interrupted\n" in err
    if "sources in" in err:  # the signal came while reading, not while starting up
        assert "interrupted after" in err


@pytest.mark.skipif(sys.platform == "win32", reason="SIGINT to itself is POSIX")
def test_ctrl_c_that_a_dependency_swallows_still_stops_the_batch(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    # numpy, when Ctrl-C lands in its import, raises an ImportError instead: the reader
    # then refuses the file, and without the remembered press the batch went on
    import govreport.batch

    real = govreport.batch.load_many

    def swallowing(paths: list[str], **kwargs: object) -> Iterator[object]:
        for i, result in enumerate(real(paths, **kwargs)):  # type: ignore[arg-type]
            if i == 1:
                try:
                    os.kill(os.getpid(), signal.SIGINT)
                    time.sleep(5)  # the handler runs here
                except KeyboardInterrupt:
                    pass
            yield result

    monkeypatch.setattr(govreport.batch, "load_many", swallowing)
    seeds = [str(path) for path in sorted(SEEDS.glob("*.txt"))]
    status = main(["--lang", "en", "batch", *seeds, "-o", str(tmp_path / "o.csv"), "-j", "0"])
    err = capsys.readouterr().err
    assert status == 130, err
    assert "interrupted after 1 of 5 files" in err
    assert "govreport batch: interrupted\n" in err
    assert signal.getsignal(signal.SIGINT) is signal.default_int_handler


# --- 2. machine-readable output stays pure ----------------------------------------------------


def test_validate_json_is_only_json(
    broken: Path, junk: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    missing = tmp_path / "nope.txt"
    assert main(["validate", "--json", str(GOOD), str(broken), str(junk), str(missing)]) == 2
    captured = capsys.readouterr()
    lines = [json.loads(line) for line in captured.out.splitlines()]
    assert [line["source"] for line in lines] == [str(GOOD), str(broken), str(junk), str(missing)]
    assert lines[0]["findings"] == [] and lines[0]["agency"] == "老城区人民政府"
    assert lines[1]["findings"][0]["rule"] == "R4"
    assert lines[1]["findings"][0]["cells"][0] == "t4.review.total"
    assert lines[2]["error"] == "NotAReportError" and lines[2]["message"]
    assert lines[3]["error"] == "SourceNotFoundError"
    assert captured.err == ""


def test_batch_to_stdout(tmp_path: Path) -> None:
    done = _run("batch", str(GOOD), str(SEEDS / "001_27644f09ec1ea7ef.txt"), "-o", "-", "-j", "0")
    assert done.returncode == 0
    rows = done.stdout.splitlines()
    assert rows[0].startswith("source,agency,year,template,format,cell,")
    assert sum(1 for row in rows if row.startswith(str(GOOD))) == 200
    # the summary is on stderr; the findings table is written only where --findings says
    assert "未写发现表（用 --findings PATH）" in done.stderr
    findings = tmp_path / "f.jsonl"
    done = _run("batch", str(GOOD), "-o", "-", "--to", "jsonl", "--findings", str(findings))
    assert json.loads(done.stdout.splitlines()[0])["agency"] == "老城区人民政府"
    assert findings.exists() and done.returncode == 0


# --- 3. --version, python -m, batch's inputs, folders, passwords -------------------------------


def test_version_and_python_m() -> None:
    done = _run("--version")
    assert done.returncode == 0
    assert done.stdout == f"govreport {govreport.__version__}\n"
    assert govreport.__version__ == metadata.version("govreport")


def test_batch_include_exclude(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    folder = tmp_path / "in"
    (folder / "expected").mkdir(parents=True)
    for seed in sorted(SEEDS.glob("*.txt"))[:2]:
        (folder / seed.name).write_bytes(seed.read_bytes())
        (folder / "expected" / f"{seed.stem}.json").write_text("{}", encoding="utf-8")
    (folder / "notes.xyz").write_text("not a report", encoding="utf-8")
    out = tmp_path / "o.jsonl"

    def sources(*extra: str) -> set[str]:
        assert main(["batch", str(folder), "-o", str(out), "-j", "0", *extra]) in (0, 1)
        rows = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
        refused = out.with_name("o.findings.jsonl").read_text(encoding="utf-8")
        return {Path(r["source"]).name for r in rows} | {
            Path(json.loads(line)["source"]).name for line in refused.splitlines()
        }

    # default: the extensions installed formats read (.txt, .json...), not .xyz
    assert sources() == {
        "000_400582c34393c453.txt",
        "001_27644f09ec1ea7ef.txt",
        "000_400582c34393c453.json",
        "001_27644f09ec1ea7ef.json",
    }
    assert sources("--exclude", "expected/*") == {
        "000_400582c34393c453.txt",
        "001_27644f09ec1ea7ef.txt",
    }
    assert sources("--include", "*.TXT", "--exclude", "001_*") == {"000_400582c34393c453.txt"}


def test_batch_missing_input_is_an_error_and_writes_nothing(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "x.csv"
    assert main(["batch", str(SEEDS), str(tmp_path / "no_such"), "-o", str(out)]) == 2
    assert (
        capsys.readouterr().err
        == f"govreport batch: 没有这个文件或文件夹：{tmp_path / 'no_such'}\n"
    )
    assert not out.exists()


@pytest.mark.parametrize("command", ["show", "validate"])
def test_a_folder_points_to_batch(command: str, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--lang", "en", command, str(SEEDS)]) == 2
    assert capsys.readouterr().err == (
        f"govreport {command}: {SEEDS} is a folder; to read the reports in it use: "
        f"govreport batch {SEEDS} -o OUT.csv\n"
    )


def test_password_opens_an_encrypted_pdf(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(govreport.EncryptedDocumentError, match="需要密码"):
        govreport.load(ENCRYPTED)
    with pytest.raises(govreport.EncryptedDocumentError, match="所给密码无法打开"):
        govreport.load(ENCRYPTED, password="wrong")
    report = govreport.load(ENCRYPTED, password="govreport")
    plain = govreport.load(CORPUS / "huaian_hongzequ_gov_2023.pdf")
    assert report.cells() == plain.cells() and report.cells()["t3.new.total"] == 21
    assert main(["cells", str(ENCRYPTED), "--password", "govreport"]) == 0
    assert json.loads(capsys.readouterr().out)["cells"]["t3.new.total"] == 21


# --- 4. two languages ---------------------------------------------------------------------------


def test_language_of_help_summaries_and_errors(
    monkeypatch: pytest.MonkeyPatch, broken: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["--lang", "en", "validate", str(broken)]) == 1
    assert ": 老城区人民政府 2024: 1 error(s), 1 other finding(s)\n" in capsys.readouterr().out
    assert main(["validate", str(broken)]) == 1  # conftest sets GOVREPORT_LANG=zh
    assert "：老城区人民政府 2024：1 项错误，1 项其他发现\n" in capsys.readouterr().out
    monkeypatch.setenv("GOVREPORT_LANG", "en")
    assert main(["validate", "--help"]) == 0
    assert "check reports against the rules" in capsys.readouterr().out
    assert main(["cells", "--help"]) == 0
    assert "FILE                 a report file" in capsys.readouterr().out  # one, not "files"
    assert main(["validate", "--lang", "zh", "--help"]) == 0  # after the command too
    out = capsys.readouterr().out
    assert out.startswith("用法：govreport validate") and "按规则检查报告" in out
    assert "选项" in out and "退出状态" in out


# --- 6. plugins discoverable ------------------------------------------------------------------


class NeedyFormat:
    """A format whose writer needs a module that is not installed."""

    name: ClassVar[str] = "needy"
    extensions: ClassVar[tuple[str, ...]] = ("ndy",)
    media_types: ClassVar[tuple[str, ...]] = ()
    interface_version: ClassVar[int] = 1
    priority: ClassVar[int] = 0
    write_requires: ClassVar[tuple[str, ...]] = ("govreport_no_such_module",)

    def sniff(self, head: bytes) -> bool:
        return False

    def read(self, source: object) -> object:
        raise NotImplementedError

    def write(self, report: object) -> bytes:
        raise NotImplementedError


@pytest.fixture
def text_and_needy() -> Iterator[Registry]:
    registry = Registry(
        [
            metadata.EntryPoint("text", "govreport.formats.text:TextFormat", ENTRY_POINT_GROUP),
            metadata.EntryPoint("needy", f"{__name__}:NeedyFormat", ENTRY_POINT_GROUP),
        ]
    )
    set_registry(registry)
    yield registry
    set_registry(None)


def test_a_known_extension_names_its_plugin(text_and_needy: Registry) -> None:
    # only the base install's formats: a Word file names the Word plugin
    word = b"PK\x03\x04\x14\x00\x06\x00" + bytes(200)
    with pytest.raises(govreport.UnsupportedFormatError) as caught:
        govreport.load(_file(word, "年报.docx"))
    assert str(caught.value) == (
        "未安装读取 .docx 文件的格式插件；请安装 govreport-docx（pip install govreport-docx）"
    )
    with pytest.raises(govreport.UnsupportedFormatError, match="govreport-ocr"):
        govreport.load(_file(b"\x89PNG\r\n\x1a\n" + bytes(100), "scan.png"))


def _file(data: bytes, name: str) -> io.BytesIO:
    stream = io.BytesIO(data)
    stream.name = name
    return stream


def test_formats_says_what_a_writer_needs(
    text_and_needy: Registry, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["--lang", "en", "formats"]) == 0
    rows = {line.split()[0]: line.split() for line in capsys.readouterr().out.splitlines() if line}
    assert rows["needy"][1:4] == ["yes", "needs", "govreport_no_such_module"]
    assert rows["text"][1:3] == ["yes", "yes"]


# --- 7. logging ---------------------------------------------------------------------------------


def test_library_is_silent_and_verbose_tells_the_choice(
    capfd: pytest.CaptureFixture[str],
) -> None:
    govreport.load(GOOD)
    assert capfd.readouterr().err == ""
    assert main(["--lang", "en", "-v", "cells", str(GOOD)]) == 0
    err = capfd.readouterr().err
    assert (
        "govreport: 003_bb716c0dab2a4345.txt: read as text, chosen by its content and extension\n"
        in err
    )
    assert main(["-v", "cells", str(GOOD)]) == 0
    assert "govreport: 003_bb716c0dab2a4345.txt：按 text 读取，依据其内容和扩展名\n" in (
        capfd.readouterr().err
    )
    assert main(["-q", "cells", str(GOOD)]) == 0
    assert capfd.readouterr().err == ""


def test_the_command_line_logs_without_the_logging_module() -> None:
    # no module imported logging: the log writes the lines the handler would have
    code = (
        "import sys\nfrom govreport.cli import main\n"
        "status = main(sys.argv[1:])\nprint('logging' in sys.modules, status)"
    )
    shown = subprocess.run(
        [sys.executable, "-c", code, "--lang", "en", "-v", "cells", str(GOOD)],
        capture_output=True,
        text=True,
        check=True,
    )
    assert shown.stdout.splitlines()[-1] == "False 0"
    assert shown.stderr == (
        "govreport: 003_bb716c0dab2a4345.txt: read as text, chosen by its content and extension\n"
    )
    quiet = subprocess.run(
        [sys.executable, "-c", code, "-q", "cells", str(GOOD)],
        capture_output=True,
        text=True,
        check=True,
    )
    assert quiet.stdout.splitlines()[-1] == "False 0" and quiet.stderr == ""


def test_no_progress_frames_off_a_terminal(tmp_path: Path) -> None:
    done = _run("batch", str(SEEDS), "-o", str(tmp_path / "o.csv"), "-j", "0")
    assert "\r" not in done.stderr and "files/s" not in done.stderr and "file/s" not in done.stderr
    assert done.stderr.startswith("共 10 个来源，读取 5 个")


def test_validation_page_chrome_follows_the_language(
    tmp_path: Path, junk: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    page = tmp_path / "check.html"
    assert main(["--lang", "en", "validate", str(GOOD), str(junk), "--html", str(page)]) == 1
    html = page.read_text(encoding="utf-8")
    assert '<html lang="en">' in html
    assert "2 files: 1 read, 1 refused; 0 findings (0 errors)." in html
    assert "三、收到和处理政府信息公开申请情况" in html  # the report's own headings stay
    assert capsys.readouterr().err.endswith(f"wrote {page}\n")
    assert main(["validate", str(GOOD), "--html", str(page)]) == 0
    assert "共 1 份：读取 1 份，拒绝 0 份；发现 0 项（错误 0 项）。" in page.read_text(
        encoding="utf-8"
    )


def test_compare_follows_the_scheme(
    junk: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    years = sorted((Path(__file__).parent / "data" / "years").glob("laocheng_202[23].txt"))
    assert main(["compare", *map(str, years)]) == 0
    capsys.readouterr()
    assert main(["compare", *map(str, years), str(junk)]) == 1  # a refused file
    err = capsys.readouterr().err
    assert err.startswith(f"govreport compare: {junk}：拒绝读取（NotAReportError）：")
    assert main(["compare", *map(str, years), str(tmp_path / "nope.txt")]) == 2
    assert (
        capsys.readouterr().err
        == f"govreport compare: 没有这个文件或文件夹：{tmp_path / 'nope.txt'}\n"
    )
    assert main(["compare", *map(str, years), "--html", "/no/dir/c.html"]) == 2
    assert (
        capsys.readouterr().err
        == "govreport compare: 无法写入 /no/dir/c.html：文件夹 /no/dir 不存在\n"
    )


def test_every_command_is_named_in_its_errors() -> None:
    import argparse

    from govreport.cli import COMMANDS, build_parser

    parser = build_parser()
    action = next(a for a in parser._actions if isinstance(a, argparse._SubParsersAction))
    assert set(action.choices) == set(COMMANDS)


def test_only_the_commands_named_get_their_options() -> None:
    # main builds the options of the commands its arguments name; the help is the same
    import argparse

    from govreport.cli import COMMANDS, build_parser

    parser = build_parser(["show"])
    action = next(a for a in parser._actions if isinstance(a, argparse._SubParsersAction))
    assert list(action.choices) == list(COMMANDS)
    assert {"files", "sample", "format", "limit", "lang"} <= {
        a.dest for a in action.choices["show"]._actions
    }
    assert action.choices["batch"]._actions == []
    assert parser.format_help() == build_parser().format_help()
