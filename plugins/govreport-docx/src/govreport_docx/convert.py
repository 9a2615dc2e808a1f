"""Old Word (.doc), WPS Writer (.wps), RTF and OpenDocument (.odt) files, read by having
LibreOffice convert them to .docx first.

LibreOffice runs as ``soffice --headless --convert-to docx`` with a profile folder of
its own for each call (two conversions sharing a profile block each other, and a
user's open LibreOffice would swallow the request), under a time limit, in a
temporary folder that is removed whatever happens. ``soffice`` is found on PATH, or
named by the ``GOVREPORT_SOFFICE`` environment variable.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import signal
import subprocess
import tempfile
from pathlib import Path

from govreport.errors import GovReportError, ParseError

from govreport_docx.messages import message

#: Environment variable naming the LibreOffice program, when it is not ``soffice`` on PATH.
SOFFICE_ENV = "GOVREPORT_SOFFICE"
#: Seconds one conversion may take; LibreOffice converts a report in 2-10 s.
CONVERT_TIMEOUT = 120.0


class ConverterMissingError(GovReportError, RuntimeError):
    """A file needs LibreOffice to be read, and LibreOffice is not installed."""


def find_soffice() -> str | None:
    """The LibreOffice program: GOVREPORT_SOFFICE when set, else soffice or libreoffice on PATH."""
    named = os.environ.get(SOFFICE_ENV, "").strip()
    if named:
        return shutil.which(named) or (named if Path(named).is_file() else None)
    return shutil.which("soffice") or shutil.which("libreoffice")


def to_docx(
    data: bytes, name: str | None, extension: str, *, timeout: float = CONVERT_TIMEOUT
) -> bytes:
    """The .docx LibreOffice makes of ``data`` (a .doc, .wps, .rtf or .odt file)."""
    soffice = find_soffice()
    if soffice is None:
        what = (
            message("docx.convert.these_files", extension=extension)
            if extension
            else message("docx.convert.this_file")
        )
        raise ConverterMissingError(
            message("docx.convert.missing", what=what, hint=message("docx.convert.install"))
        )
    with tempfile.TemporaryDirectory(prefix="govreport-soffice-") as folder:
        work = Path(folder)
        source = work / f"input.{extension or 'doc'}"
        source.write_bytes(data)
        profile = (work / "profile").as_uri()
        command = [
            soffice,
            f"-env:UserInstallation={profile}",
            "--headless",
            "--norestore",
            "--nolockcheck",
            "--convert-to",
            "docx:MS Word 2007 XML",
            "--outdir",
            str(work / "out"),
            str(source),
        ]
        _run(command, timeout, name)
        produced = work / "out" / "input.docx"
        if not produced.is_file():
            raise ParseError(message("docx.convert.failed", extension=extension), where=name)
        return produced.read_bytes()


def _run(command: list[str], timeout: float, name: str | None) -> None:
    # A new session, so that on time-out the whole process group (soffice starts
    # helpers) is ended, not just the launcher.
    try:
        process = subprocess.Popen(
            command,
            stdin=subprocess.DEVNULL,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
            start_new_session=True,
        )
    except OSError as exc:
        text = message(
            "docx.convert.cannot_start",
            program=command[0],
            reason=exc.strerror or exc,
            hint=message("docx.convert.install"),
        )
        raise ConverterMissingError(text) from exc
    try:
        process.communicate(timeout=timeout)
    except subprocess.TimeoutExpired:
        with contextlib.suppress(ProcessLookupError):
            os.killpg(process.pid, signal.SIGKILL)
        process.communicate()
        raise ParseError(message("docx.convert.timeout", timeout=timeout), where=name) from None


__all__ = [
    "CONVERT_TIMEOUT",
    "SOFFICE_ENV",
    "ConverterMissingError",
    "find_soffice",
    "to_docx",
]
