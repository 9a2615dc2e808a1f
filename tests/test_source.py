"""Inputs as paths, bytes and streams; text decoded by its content."""

from __future__ import annotations

import codecs
import io
from pathlib import Path

import pytest

import govreport
from expected import SEEDS
from govreport.messages import use_language
from govreport.source import decode_text, open_source

SEED = SEEDS / "002_19ca39454c16e942.txt"


def _text() -> str:
    return SEED.read_text(encoding="utf-8")


@pytest.mark.parametrize(
    "encode",
    [
        lambda t: t.encode("gb18030"),
        lambda t: codecs.BOM_UTF8 + t.encode("utf-8"),
        lambda t: t.encode("utf-16"),  # with its BOM
        lambda t: codecs.BOM_UTF16_BE + t.encode("utf-16-be"),
    ],
    ids=["gb18030", "utf-8-bom", "utf-16-le-bom", "utf-16-be-bom"],
)
def test_encodings_load_to_the_same_report(encode: object, tmp_path: Path) -> None:
    reference = govreport.load(SEED)
    path = tmp_path / "copy.txt"
    path.write_bytes(encode(_text()))  # type: ignore[operator]
    report = govreport.load(path)
    assert report.cells() == reference.cells()
    assert report.agency == reference.agency == "偃师区人民政府办公室"
    assert [s.text for s in report.sections] == [s.text for s in reference.sections]


def test_gbk_only_text_decodes() -> None:
    assert decode_text("政府信息公开".encode("gbk")) == "政府信息公开"


def test_undecodable_bytes_are_a_parse_error() -> None:
    with pytest.raises(govreport.ParseError):
        decode_text(b"\x80\x81\xff\x30")  # neither UTF-8 nor GB18030


def test_bytes_stream_and_path_agree() -> None:
    data = SEED.read_bytes()
    from_path = govreport.load(SEED)
    assert govreport.load(data).cells() == from_path.cells()
    assert govreport.load(io.BytesIO(data)).cells() == from_path.cells()
    assert from_path.metadata.source == SEED.name


def test_text_stream_is_a_type_error() -> None:
    with pytest.raises(TypeError, match="binary"):
        govreport.load(io.StringIO("x"))  # type: ignore[arg-type]


def test_missing_file_is_a_parse_error(tmp_path: Path) -> None:
    # its own subclass, so that a caller (and a batch summary) can tell it from a broken file
    with pytest.raises(govreport.SourceNotFoundError, match=r"没有这个文件：.*nope\.txt"):
        govreport.load(tmp_path / "nope.txt")
    with pytest.raises(govreport.ParseError), use_language("en"):
        govreport.load(tmp_path / "nope.txt")
    with pytest.raises(govreport.SourceNotFoundError, match="is a folder"), use_language("en"):
        govreport.load(tmp_path)


def test_too_large_input_is_refused_before_parsing(tmp_path: Path) -> None:
    path = tmp_path / "big.txt"
    path.write_bytes(b"a" * 2048)
    with pytest.raises(govreport.InputTooLargeError):
        govreport.load(path, max_bytes=1024)
    with pytest.raises(govreport.InputTooLargeError):
        open_source(io.BytesIO(b"a" * 2048), max_bytes=1024)


def test_empty_input_is_a_parse_error() -> None:
    with pytest.raises(govreport.ParseError, match="输入为空"):
        govreport.load(b"   \n")


def test_extension_is_lower_case() -> None:
    assert govreport.Source(b"", "REPORT.TXT").extension == "txt"
    assert govreport.Source(b"").extension == ""


def test_decode_head_answers_each_head_by_its_bytes() -> None:
    # the sniffs of one choice share the decoding of their head; a bytearray that
    # changes, or other bytes, are decoded afresh
    from govreport.source import decode_head

    head = "表二\t1\t2\n".encode()
    assert decode_head(head) == "表二\t1\t2\n"
    assert decode_head(head) == "表二\t1\t2\n"
    changing = bytearray(head)
    assert decode_head(changing) == "表二\t1\t2\n"
    changing[:6] = "表三".encode()
    assert decode_head(changing) == "表三\t1\t2\n"
    assert decode_head(b"\x80\xff\xff") is None
    assert decode_head(head[:4]) == "表"  # ends inside 二: the incremental decoder waits
    assert decode_head("表二".encode("gb18030")) == "表二"


def test_decode_text_takes_only_a_whole_head_from_the_sniffs() -> None:
    # a head the sniffs decoded as all of the bytes is the text; a head that ends
    # inside a character is no UTF-8 text, and the whole bytes are decoded afresh
    from govreport.source import decode_head

    whole = "表二\t1\t2\n".encode()
    assert decode_head(whole) == "表二\t1\t2\n"
    assert decode_text(whole) == "表二\t1\t2\n"
    cut = whole[:4]
    assert decode_head(cut) == "表"
    assert decode_text(cut) == cut.decode("gb18030") == "琛ㄤ"
    assert decode_head(b"\xef\xbb\xbf\xe8\xa1\xa8") == "表"  # a BOM: decoded afresh
    assert decode_text(b"\xef\xbb\xbf\xe8\xa1\xa8") == "表"
    gbk = "表二".encode("gb18030")
    assert decode_head(gbk) == "表二"
    assert decode_text(gbk) == "表二"
