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
