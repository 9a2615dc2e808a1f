"""Small Word documents built in the tests, with the XML features real reports use."""

from __future__ import annotations

import io
import re
from typing import Any

import docx
from docx.oxml import parse_xml

W_NS = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'


def new_document() -> Any:
    return docx.Document()


def save(document: Any) -> bytes:
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def w_xml(xml: str) -> Any:
    """An element from WordprocessingML written with the ``w:`` prefix."""
    return parse_xml(re.sub(r"^<(w:\w+)", rf"<\1 {W_NS}", xml, count=1))


def append_xml(document: Any, xml: str) -> None:
    """Append body XML (paragraphs or tables written out) before the section properties."""
    body = document.element.body
    body.insert(len(body) - 1, w_xml(xml))


def cell(text: str, props: str = "") -> str:
    return f"<w:tc><w:tcPr>{props}</w:tcPr><w:p><w:r><w:t>{text}</w:t></w:r></w:p></w:tc>"


def row(*cells: str, props: str = "") -> str:
    return f"<w:tr>{'<w:trPr>' + props + '</w:trPr>' if props else ''}{''.join(cells)}</w:tr>"


def table(*rows: str) -> str:
    return f"<w:tbl><w:tblPr/>{''.join(rows)}</w:tbl>"
