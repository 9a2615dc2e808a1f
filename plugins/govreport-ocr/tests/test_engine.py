"""The engine: built from the models inside the rapidocr wheel, offline, behind a Protocol."""

from __future__ import annotations

import socket
from collections.abc import Sequence

import pytest

from govreport_ocr import engine, scans
from govreport_ocr.engine import Image, OcrEngine, RapidOcrEngine, TextLine
from samples import CORPUS_PDFS, pdf_bytes


def test_the_engine_starts_and_reads_without_opening_a_connection(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    def refuse(*args: object, **kwargs: object) -> None:
        raise AssertionError(f"the OCR engine opened a network connection: {args}")

    monkeypatch.setattr(socket.socket, "connect", refuse)
    monkeypatch.setattr(socket.socket, "connect_ex", refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)
    page = scans.render_pages(pdf_bytes(CORPUS_PDFS[0]), 150, [1])[0]
    fresh = RapidOcrEngine(threads=1)
    lines = fresh.detect_and_recognise(page[: page.shape[0] // 4])
    assert "2023年政府信息公开工作年度报告" in [line.text for line in lines]
    title = next(line for line in lines if line.text.endswith("年度报告"))
    crop = page[int(title.y0) - 4 : int(title.y1) + 4, int(title.x0) - 4 : int(title.x1) + 4]
    [(text, confidence)] = fresh.recognise([crop])
    assert text == "2023年政府信息公开工作年度报告" and confidence > 0.9
    # idle onnxruntime threads sleep: spinning between small calls burns shared CPU
    ocr = fresh._engine()
    for model in (ocr.text_det, ocr.text_rec):
        options = model.session.session.get_session_options()
        assert options.get_session_config_entry("session.intra_op.allow_spinning") == "0"


def test_the_model_files_are_the_packaged_ones() -> None:
    models = engine._model_dir()
    assert (models / engine.DET_MODEL).is_file() and (models / engine.REC_MODEL).is_file()
    assert models.parent.name == "rapidocr"


class _Scripted:
    """Another engine, as tesseract or a GPU session would be plugged in."""

    def detect_and_recognise(self, image: Image) -> list[TextLine]:
        return [TextLine("洪泽区人民政府2023年政府信息公开工作年度报告", 0.99, 10, 10, 400, 40)]

    def recognise(self, crops: Sequence[Image]) -> list[tuple[str, float]]:
        return [("7", 0.99) for _ in crops]


def test_another_engine_plugs_in_through_the_protocol() -> None:
    from govreport_ocr.images import image_pages
    from govreport_ocr.reader import OcrOptions, read_pages
    from samples import table_page_png

    assert isinstance(_Scripted(), OcrEngine)
    # every page in full, so that the engine's detector is used as well as its recogniser
    options = OcrOptions(engine=_Scripted(), pages="all")
    document = read_pages(image_pages(table_page_png(), "t.png", max_pages=5), options)
    assert document.blocks[0].text.endswith("年度报告")  # type: ignore[union-attr]
    cells = [c.text for t in document.tables() for row in t.rows for c in row if not c.spanned]
    assert cells and set(cells) <= {"7", ""}


def test_ctc_decoding_keeps_the_least_sure_character() -> None:
    import numpy as np

    characters = ["blank", "1", "7", " "]
    # time steps: 1 (0.99), 1 again (merged), blank, 7 (0.6), blank
    rows = np.array(
        [
            [0.01, 0.99, 0.0, 0.0],
            [0.02, 0.98, 0.0, 0.0],
            [0.9, 0.05, 0.05, 0.0],
            [0.1, 0.3, 0.6, 0.0],
            [0.95, 0.0, 0.05, 0.0],
        ],
        dtype=np.float32,
    )
    text, confidence = engine._ctc_decode(rows, characters)
    assert text == "17" and confidence == pytest.approx(0.6)


def test_the_entry_point_module_imports_no_ocr_stack() -> None:
    # govreport imports the entry point's module to choose a reader for any file (a
    # .txt too): numpy, OpenCV and onnxruntime wait for the first OCR read
    import subprocess
    import sys

    code = (
        "import sys, govreport_ocr; f = govreport_ocr.OcrFormat(); f.sniff(b'%PDF-1.4');"
        "print(sorted(m for m in ('numpy', 'cv2', 'onnxruntime', 'rapidocr') if m in sys.modules))"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.strip() == "[]"


def test_crops_are_batched_so_that_wide_ones_do_not_pad_narrow_ones() -> None:
    ratios = [0.7] * 40 + [5.0] * 6 + [24.0] * 3
    order = list(range(len(ratios)))
    batches = engine._batches(order, ratios)
    assert [i for batch in batches for i in batch] == order
    for batch in batches:
        widest = max(engine.MIN_RATIO, *(ratios[i] for i in batch))
        assert len(batch) <= engine.REC_BATCH
        assert len(batch) == 1 or len(batch) * widest <= engine.REC_BATCH_WIDTH
        # no batch mixes digits with the long lines (that would pad 40 digits to 24)
        assert len({ratios[i] for i in batch}) == 1
    # the digits: two calls of at most REC_BATCH (one call each would cost more)
    assert [len(b) for b in batches if ratios[b[0]] == 0.7] == [8, 32] or [
        len(b) for b in batches if ratios[b[0]] == 0.7
    ] == [32, 8]


class _Counting:
    """An engine that reads a title page's first lines as its title, a single line as a
    section heading and anything else as "7", and keeps the size of each call."""

    def __init__(self, *, title_page: bool) -> None:
        self.title_page = title_page
        self.calls: list[int] = []

    def detect_and_recognise(self, image: Image) -> list[TextLine]:
        raise AssertionError("the title and headings are read without the detector")

    def recognise(self, crops: Sequence[Image]) -> list[tuple[str, float]]:
        self.calls.append(len(crops))
        if self.title_page and len(self.calls) == 1:
            title = ["洪泽区人民政府", "2023年政府信息公开工作年度报告"]
            return [(title[i] if i < 2 else "正文", 0.99) for i in range(len(crops))]
        if len(crops) == 1:
            return [("二、主动公开政府信息情况", 0.99)]
        return [("7", 0.99) for _ in crops]


def _paragraphs(result: object) -> list[str]:
    from govreport.document import Paragraph

    items = sorted(result.items, key=lambda item: item[0])  # type: ignore[attr-defined]
    return [block.text for _, block in items if isinstance(block, Paragraph)]


def test_the_title_and_heading_are_read_only_as_far_as_they_are_needed() -> None:
    from govreport_ocr import reader

    first, second = scans.render_pages(pdf_bytes(CORPUS_PDFS[0]), 150, [1, 2])
    # page 1: its first lines, one group of TITLE_GROUP, hold the title, so the rest of
    # the page's top third (two more lines of prose; six in all) is not read
    counting = _Counting(title_page=True)
    options = reader.OcrOptions(engine=counting)
    result = reader.read_page(counting, first, 150.0, 1, options, text="title")
    assert counting.calls == [reader.TITLE_GROUP]
    assert _paragraphs(result)[:2] == ["洪泽区人民政府", "2023年政府信息公开工作年度报告"]
    # page 2: the table's cells in one call, then its band from the table upwards: the
    # heading is the line right above it, so the two lines of prose above are not read
    counting = _Counting(title_page=False)
    result = reader.read_page(counting, second, 150.0, 2, options, text="headings")
    assert counting.calls[0] > 10 and counting.calls[1:] == [1]
    assert _paragraphs(result) == ["二、主动公开政府信息情况"]
