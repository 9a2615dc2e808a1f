"""Hostile and careless inputs, built in memory: each is small to make and was once a
hang, a runaway allocation or a silent loss (issue 13). Shared by tests/hostile and
benchmarks/bench_hostile.py."""

from __future__ import annotations

import functools
import hashlib
import io
import zipfile
import zlib
from collections.abc import Iterable, Iterator
from pathlib import Path
from xml.sax.saxutils import escape

CORPUS = Path(__file__).resolve().parent.parent / "data" / "corpus"
REAL_HTML = CORPUS / "pingtan_2023_page.html"
REAL_MARKDOWN = CORPUS / "shanghai_stcsm_kewei_2024_pdf2md.md"
REAL_DOCX = CORPUS / "pingtan_2023_page_libreoffice.docx"


def named(data: bytes, name: str) -> io.BytesIO:
    """``data`` as a file object that has a name, as an opened download has."""
    stream = io.BytesIO(data)
    stream.name = name
    return stream


# --- PDF ----------------------------------------------------------------------------------


def pdf_file(objects: list[bytes], *, root: int = 1, trailer: bytes = b"") -> bytes:
    """A PDF whose object ``n`` (from 1) is ``objects[n - 1]``, with a correct xref;
    ``trailer`` adds entries to the trailer dictionary."""
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    out += b"trailer\n<< /Size %d /Root %d 0 R%s >>\nstartxref\n%d\n%%%%EOF\n" % (
        len(objects) + 1,
        root,
        trailer,
        xref,
    )
    return bytes(out)


def _stream(data: bytes, extra: bytes = b"") -> bytes:
    return b"<< /Length %d%s >>\nstream\n" % (len(data), extra) + data + b"\nendstream"


_FONT = b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>"
_HELLO = b"BT /F1 12 Tf 72 720 Td (Hello) Tj ET"


def reference_loop_pdf() -> bytes:
    """A page whose /Resources is ``4 0 obj 4 0 R endobj``: an object that is a
    reference to itself (pdfminer followed it forever)."""
    return pdf_file(
        [
            b"<< /Type /Catalog /Pages 2 0 R >>",
            b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
            b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Resources 4 0 R"
            b" /Contents 5 0 R >>",
            b"4 0 R",
            _stream(_HELLO),
        ]
    )


@functools.lru_cache(maxsize=1)
def deflate_bomb() -> bytes:
    """1 GiB of spaces as a zlib stream of about 1 MB, built without compressing 1 GiB:
    a fully flushed deflate block of 1 MiB repeated (each block is independent)."""
    chunk = b" " * (1 << 20)
    compressor = zlib.compressobj(9, zlib.DEFLATED, -15)
    block = compressor.compress(chunk) + compressor.flush(zlib.Z_FULL_FLUSH)
    checksum = 1
    for _ in range(1024):
        checksum = zlib.adler32(chunk, checksum)
    return b"\x78\xda" + block * 1024 + b"\x03\x00" + checksum.to_bytes(4, "big")


def deflate_bomb_pdf() -> bytes:
    """A 1 MB PDF whose page content inflates to 1 GiB."""
    return pdf_file(
        [
            b"<< /Type /Catalog /Pages 2 0 R >>",
            b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
            b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792]"
            b" /Resources << /Font << /F1 4 0 R >> >> /Contents 5 0 R >>",
            _FONT,
            _stream(deflate_bomb(), b" /Filter /FlateDecode"),
        ]
    )


_PAGE_WITH_FONT = [
    b"<< /Type /Catalog /Pages 2 0 R >>",
    b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
    b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792]"
    b" /Resources << /Font << /F1 4 0 R >> >> /Contents 5 0 R >>",
    _FONT,
]


def pack_codes(codes: Iterable[tuple[int, int]]) -> bytes:
    """Codes of the given bit widths, most significant bit first, as LZW writes them."""
    out = bytearray()
    bits = held = 0
    for code, width in codes:
        bits = (bits << width) | code
        held += width
        while held >= 8:
            held -= 8
            out.append((bits >> held) & 0xFF)
        bits &= (1 << held) - 1
    if held:
        out.append((bits << (8 - held)) & 0xFF)
    return bytes(out)


def lzw_bomb(size: int = 1 << 30) -> bytes:
    """``size`` spaces as LZW codes (12-bit codes of ever longer runs: about 400 KB):
    what an encoder writes for one repeated byte, without encoding ``size`` bytes."""

    def codes() -> Iterator[tuple[int, int]]:
        width, table, run, done = 9, 258, 0, 0
        yield 256, width
        while done < size:
            # a run one longer than the last is the code about to be made (KwKwK); once
            # the table is full, its longest run again and again
            code, run = (32, 1) if run == 0 else (table, run + 1) if table < 4096 else (4095, run)
            yield code, width
            done += run
            if done > 1:
                table += 1
                if table in (511, 1023, 2047):
                    width += 1
        yield 257, width

    return pack_codes(codes())


def _rc4(key: bytes, data: bytes) -> bytes:
    from cryptography.hazmat.decrepit.ciphers.algorithms import ARC4
    from cryptography.hazmat.primitives.ciphers import Cipher

    cipher = Cipher(ARC4(key), mode=None).decryptor()
    return cipher.update(data) + cipher.finalize()


#: The password padding of the standard security handler (PDF 1.7, 7.6.3.3).
_PAD = bytes.fromhex("28BF4E5E4E758A4164004E56FFFA01082E2E00B6D0683E802F0CA9FE6453697A")


def encrypted_bomb_pdf() -> bytes:
    """The 1 GiB deflate stream in a file encrypted with RC4 (revision 2) under an empty
    password, as restricted reports are: the zlib data is ciphertext in the file."""
    owner = _rc4(hashlib.md5(_PAD).digest()[:5], _PAD)
    permissions = (-4).to_bytes(4, "little", signed=True)
    file_id = b"govreport-hostil"
    key = hashlib.md5(_PAD + owner + permissions + file_id).digest()[:5]
    stream_key = hashlib.md5(key + (5).to_bytes(3, "little") + b"\0\0").digest()[:10]
    encrypt = b"<< /Filter /Standard /V 1 /R 2 /Length 40 /O <%s> /U <%s> /P -4 >>" % (
        owner.hex().encode(),
        _rc4(key, _PAD).hex().encode(),
    )
    content = _stream(_rc4(stream_key, deflate_bomb()), b" /Filter /FlateDecode")
    return pdf_file(
        [*_PAGE_WITH_FONT, content, encrypt],
        trailer=b" /Encrypt 6 0 R /ID [<%s> <%s>]"
        % (file_id.hex().encode(), file_id.hex().encode()),
    )


def filtered_bomb_pdf(kind: str) -> bytes:
    """A page content stream that decodes to 1 GiB through filters the byte scan of the
    pdfium engine once missed: ``indirect`` (``/Filter 6 0 R``), ``hex`` (hex digits of
    the deflate stream, ``[/ASCIIHexDecode /FlateDecode]``) or ``lzw`` (``/LZWDecode``)."""
    if kind == "indirect":
        content = [_stream(deflate_bomb(), b" /Filter 6 0 R"), b"/FlateDecode"]
    elif kind == "hex":
        hexed = deflate_bomb().hex().encode() + b">"
        content = [_stream(hexed, b" /Filter [/ASCIIHexDecode /FlateDecode]")]
    else:
        content = [_stream(lzw_bomb(), b" /Filter /LZWDecode")]
    return pdf_file([*_PAGE_WITH_FONT, *content])


def many_pages_pdf(pages: int = 2000) -> bytes:
    """``pages`` pages sharing one font and one content stream."""
    kids = b" ".join(b"%d 0 R" % (5 + i) for i in range(pages))
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [" + kids + b"] /Count %d >>" % pages,
        _FONT,
        _stream(_HELLO),
    ]
    page = (
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792]"
        b" /Resources << /Font << /F1 3 0 R >> >> /Contents 4 0 R >>"
    )
    objects.extend(page for _ in range(pages))
    return pdf_file(objects)


def dense_page_pdf(glyphs: int = 200_000) -> bytes:
    """One page that draws ``glyphs`` digits in one text-showing operator."""
    content = b"BT /F1 2 Tf 10 780 Td (" + b"1" * glyphs + b") Tj ET"
    return pdf_file(
        [
            b"<< /Type /Catalog /Pages 2 0 R >>",
            b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
            b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792]"
            b" /Resources << /Font << /F1 4 0 R >> >> /Contents 5 0 R >>",
            _FONT,
            _stream(content),
        ]
    )


# --- HTML -----------------------------------------------------------------------------------


def html_paragraphs(count: int) -> bytes:
    """A page of ``count`` paragraphs directly in the body (the XPath of each block was
    once computed from scratch, counting its preceding siblings)."""
    body = "".join(f"<p>第{i}段：本年度主动公开信息{i}条。</p>" for i in range(count))
    return f"<html><head><title>段落</title></head><body>{body}</body></html>".encode()


def real_html() -> str:
    return REAL_HTML.read_text(encoding="utf-8")


def html_with_void_elements() -> bytes:
    """The real page with HTML5 void elements libxml2 does not know: an ``<embed>``
    before the report, a ``<source>`` and a ``<track>`` inside table cells."""
    page = real_html()
    page = page.replace("<body", '<embed src="banner.swf"><body', 1)
    body = page.index("<body")
    close = page.index(">", body)
    page = page[: close + 1] + '<embed src="player.swf"><wbr><keygen name="k">' + page[close + 1 :]
    cells = [i for i in range(len(page)) if page.startswith("<td", i)]
    for position in sorted((cells[5], cells[len(cells) // 2], cells[-1]), reverse=True):
        close = page.index(">", position)
        page = page[: close + 1] + '<source src="a.mp4"><track src="b.vtt">' + page[close + 1 :]
    return page.encode("utf-8")


def html_with_unusual_doctype() -> bytes:
    """The real page after a BOM, blank lines and a DOCTYPE that does not say HTML."""
    page = real_html()
    start = page.lower().index("<html")
    return (
        "\ufeff\r\n\r\n  "
        '<!DOCTYPE portal-page SYSTEM "portal.dtd">\n'
        "<!-- generated -->\n" + page[start:]
    ).encode("utf-8")


# --- Markdown -------------------------------------------------------------------------------


def markdown_runs(kind: str, size: int = 500_000) -> bytes:
    """A real Markdown report followed by a line of ``size`` bytes of ``[`` or ``{#``
    (each once took 25-51 s in a backtracking pattern)."""
    run = "[" * size if kind == "[" else "{#" * (size // 2)
    report = REAL_MARKDOWN.read_text(encoding="utf-8")
    return (report + "\n\n" + run + "\n").encode("utf-8")


# --- Word -----------------------------------------------------------------------------------

_W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"


@functools.lru_cache(maxsize=1)
def _docx_template() -> bytes:
    import docx

    out = io.BytesIO()
    docx.Document().save(out)
    return out.getvalue()


def docx_with_body(body_xml: str) -> bytes:
    """A valid Word package whose body is ``body_xml``."""
    document = (
        f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
        f'<w:document xmlns:w="{_W}"><w:body>{body_xml}</w:body></w:document>'
    )
    out = io.BytesIO()
    with (
        zipfile.ZipFile(io.BytesIO(_docx_template())) as source,
        zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target,
    ):
        for info in source.infolist():
            data = source.read(info.filename)
            if info.filename == "word/document.xml":
                data = document.encode("utf-8")
            target.writestr(info, data)
    return out.getvalue()


def _paragraph(text: str) -> str:
    return f"<w:p><w:r><w:t>{escape(text)}</w:t></w:r></w:p>"


def docx_paragraphs(count: int) -> bytes:
    return docx_with_body(
        "".join(_paragraph(f"第{i}段：本年度主动公开信息{i}条。") for i in range(count))
    )


def docx_gridspan_bomb(span: int = 2_147_483_647, rows: int = 3) -> bytes:
    """A table whose cells each claim to span ``span`` grid columns, and a vertical
    merge below them."""
    cell = (
        f'<w:tc><w:tcPr><w:gridSpan w:val="{span}"/></w:tcPr>{_paragraph("合计")}</w:tc>'
        f'<w:tc><w:tcPr><w:gridSpan w:val="{span}"/><w:vMerge w:val="restart"/></w:tcPr>'
        f"{_paragraph('1')}</w:tc>"
    )
    merged = (
        f'<w:tc><w:tcPr><w:gridSpan w:val="{span}"/></w:tcPr>{_paragraph("小计")}</w:tc>'
        f'<w:tc><w:tcPr><w:gridSpan w:val="{span}"/><w:vMerge/></w:tcPr>{_paragraph("")}</w:tc>'
    )
    table = "<w:tbl>" + f"<w:tr>{cell}</w:tr>" + f"<w:tr>{merged}</w:tr>" * (rows - 1) + "</w:tbl>"
    return docx_with_body(_paragraph("表格") + table)


def html_all_text_row() -> bytes:
    """The real page with one row of table 二 holding words where its numbers were: its
    cells must be None with a finding, not vanish."""
    page = real_html()
    row = page.index("行政规范性文件", page.index("<table"))
    for number, word in (("77", "见附件"), ("132", "见附件"), ("470", "见附件")):
        at = page.index(f">{number}<", row)
        page = page[:at] + f">{word}<" + page[at + len(number) + 2 :]
    return page.encode("utf-8")


def html_with_markup_in_metadata() -> bytes:
    """The real page whose CMS escaped markup into its declared title (a wrong agency
    and title once)."""
    page = real_html().replace(
        '<meta name="ArticleTitle" content="平潭综合实验区',
        '<meta name="ArticleTitle" content="&lt;b&gt;平潭综合实验区&lt;/b&gt;',
    )
    return page.replace("<title>", "<title>&lt;span&gt;", 1).encode("utf-8")
