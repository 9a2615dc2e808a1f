"""What the caller gave: bytes, a name and an extension, and text decoded by content."""

from __future__ import annotations

import codecs
import os
from typing import BinaryIO, Union

import attrs

from govreport.errors import GovReportError, InputTooLargeError, ParseError, SourceNotFoundError
from govreport.limits import MAX_BYTES
from govreport.messages import message

SourceLike = Union[str, "os.PathLike[str]", bytes, bytearray, memoryview, BinaryIO]

#: Inputs above this size are refused before any parser sees them (``Limits.bytes``).
DEFAULT_MAX_BYTES = MAX_BYTES


@attrs.frozen
class Source:
    """The raw input of one load: its bytes and, when known, its file name."""

    data: bytes = attrs.field(repr=lambda d: f"<{len(d)} bytes>")
    name: str | None = None
    #: what opens an encrypted document (a PDF's user password); never shown in a repr
    password: str | None = attrs.field(default=None, repr=False)

    @property
    def extension(self) -> str:
        """The lower-case file extension without its dot (``""`` when there is none)."""
        name = _last_part(self.name or "")
        dot = name.rfind(".")
        # as pathlib's suffix: none for ".bashrc" or "report."
        return name[dot + 1 :].lower() if 0 < dot < len(name) - 1 else ""

    @property
    def head(self) -> bytes:
        """The first 64 KiB, what format sniffing looks at."""
        return self.data[:65536]

    def text(self) -> str:
        """The bytes decoded as text by their content (see :func:`decode_text`)."""
        return decode_text(self.data)


def open_source(
    source: SourceLike | Source,
    *,
    max_bytes: int = DEFAULT_MAX_BYTES,
    password: str | None = None,
) -> Source:
    """Turn a path, bytes or a binary file object into a :class:`Source`.

    ``password`` travels with the source to the reader that needs it (an encrypted PDF).

    Raises :class:`govreport.errors.ParseError` for a missing or unreadable file and
    :class:`InputTooLargeError` above ``max_bytes``.
    """
    if isinstance(source, Source):
        return source if password is None else attrs.evolve(source, password=password)
    if isinstance(source, (bytes, bytearray, memoryview)):
        data = bytes(source)
        name = None
    elif isinstance(source, (str, os.PathLike)):
        path = os.fspath(source)
        try:
            size = os.stat(path).st_size
            if size > max_bytes:
                raise InputTooLargeError(
                    message("error.too_large", name=_last_part(path), size=size, limit=max_bytes)
                )
            with open(path, "rb") as file:
                data = file.read()
        except GovReportError:
            raise
        except (FileNotFoundError, NotADirectoryError) as exc:
            raise SourceNotFoundError(message("error.not_found", path=path)) from exc
        except IsADirectoryError as exc:
            raise SourceNotFoundError(message("error.is_folder_library", path=path)) from exc
        except OSError as exc:
            raise ParseError(
                message("error.cannot_read", path=path, reason=exc.strerror or exc)
            ) from exc
        name = _last_part(path)
    elif hasattr(source, "read"):
        try:
            data = source.read(max_bytes + 1)
        except OSError as exc:
            raise ParseError(message("source.stream_unreadable", reason=exc)) from exc
        if isinstance(data, str):
            raise TypeError("load() needs a binary stream (open the file with 'rb')")
        name_attr = getattr(source, "name", None)
        name = os.path.basename(name_attr) if isinstance(name_attr, str) else None
    else:
        raise TypeError(
            f"load() takes a path, bytes or a binary file object, not {type(source).__name__}"
        )
    if len(data) > max_bytes:
        raise InputTooLargeError(message("error.too_large_stream", limit=max_bytes))
    return Source(data=data, name=name, password=password)


def _last_part(path: str) -> str:
    """The name at the end of ``path`` as pathlib gives it (``a/b.txt/`` gives ``b.txt``),
    without importing pathlib (3 ms of every start)."""
    return os.path.basename(os.path.normpath(path)) if path else ""


_BOMS = (
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)


def decode_text(data: bytes) -> str:
    """Decode report text by its content: a BOM first, then UTF-8, then GB18030.

    GB18030 is a superset of GBK and GB2312, the encodings older government sites use.
    Bytes that are neither raise :class:`ParseError`: a wrong guess would put mojibake,
    and so wrong labels, into the report.
    """
    for head, text, whole in _last_heads:
        if head is data and whole and text is not None:  # the sniffs decoded all of it
            return text
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            try:
                return data.decode(encoding)
            except UnicodeDecodeError as exc:
                raise ParseError(
                    message("source.bom", encoding=encoding, reason=exc.reason)
                ) from exc
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    try:
        text = data.decode("gb18030")
    except UnicodeDecodeError as exc:
        raise ParseError(
            message("read.not_text"), where=message("location.byte", offset=exc.start)
        ) from exc
    return text


#: The last two heads :func:`decode_head` decoded, what each gave, and whether that is
#: all of it as UTF-8 (no byte left waiting for the rest of a character). A format choice
#: hands the same head to every sniff (the HTML sniff its first 4 KiB), and the reader
#: of a file under 64 KiB decodes the same bytes again: :func:`decode_text` takes a
#: whole decode from here. Bytes do not change, and the reference kept here keeps the
#: object's identity from going to another.
_last_heads: tuple[tuple[bytes, str | None, bool], ...] = ((b"", "", False), (b"", "", False))


def decode_head(head: bytes) -> str | None:
    """``head``, the first bytes of an input, decoded as :func:`decode_text` would, or
    None when it is not text.

    The head may end inside a multi-byte character; an incremental decoder accepts
    that, where a plain ``decode`` would call the whole input undecodable.
    """
    global _last_heads
    last = _last_heads
    for known, text, _ in last:
        if known is head:
            return text
    text, whole = _decoded_head(head)
    if type(head) is bytes:  # not a bytearray, which may change
        _last_heads = ((head, text, whole), last[0])
    return text


def _decoded_head(head: bytes) -> tuple[str | None, bool]:
    """The decoded head, and True when it is UTF-8 that used every byte."""
    for bom, encoding in _BOMS:
        if head.startswith(bom):
            try:
                return codecs.getincrementaldecoder(encoding)().decode(head, final=False), False
            except UnicodeDecodeError:
                return None, False
    try:
        # what utf-8's incremental decoder calls, and how many bytes it used
        text, used = codecs.utf_8_decode(head, "strict", False)
    except UnicodeDecodeError:
        pass
    else:
        return text, used == len(head)
    try:
        return codecs.getincrementaldecoder("gb18030")().decode(head, final=False), False
    except UnicodeDecodeError:
        return None, False


def decodes_as_text(head: bytes) -> bool:
    """True when ``head``, the first bytes of an input, decodes as report text."""
    return decode_head(head) is not None


def looks_binary(head: bytes) -> bool:
    """True when the bytes are surely not text (NUL bytes outside a UTF-16 BOM)."""
    if head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return False
    return b"\x00" in head[:8192]


__all__ = [
    "DEFAULT_MAX_BYTES",
    "Source",
    "SourceLike",
    "decode_text",
    "looks_binary",
    "open_source",
]
