"""The OCR engine behind a small interface: find text lines on an image, recognise line crops.

:class:`OcrEngine` is all the reader needs. :class:`RapidOcrEngine` implements it with
RapidOCR's PP-OCR models on onnxruntime (CPU), built from the model files that ship
inside the ``rapidocr`` wheel: nothing is downloaded at run time. Another engine
(tesseract, a GPU onnxruntime session) plugs in by implementing the two methods and
being passed as ``OcrOptions(engine=...)``.

Confidence is per line the *lowest* probability of any of its characters, not the
mean: one doubtful digit in ``1176`` must make the whole number doubtful.
:meth:`RapidOcrEngine.recognise_readings` says more: the likeliest way a line could
have been read otherwise (:class:`Reading`), which is what tells a lone ``0`` read
with its edges blurred from an ``8`` that might have been a ``0``.
"""

from __future__ import annotations

import re
import threading
from collections.abc import Sequence
from pathlib import Path
from typing import Any, Protocol, runtime_checkable

import attrs
import numpy as np
import numpy.typing as npt
from govreport.errors import GovReportError

from govreport_ocr.messages import message

Image = npt.NDArray[np.uint8]

#: Longest side (pixels) of the image the detector sees: an A4 page at about 150 dpi.
DET_MAX_SIDE = 1760
#: Narrowest width/height ratio given to the recogniser: room for four digits.
MIN_RATIO = 2.0
#: Line crops recognised in one model call; wider batches pad more, narrower call more.
REC_BATCH = 32
#: Budget of one batch: crops times the widest crop's width/height ratio.
REC_BATCH_WIDTH = 160.0
#: What one more model call costs, as widths of crop recognised (measured on onnxruntime,
#: CPU: about 8 ms per call, 6.6 ms per crop of ratio 1).
BATCH_CALL_COST = 1.2


@attrs.frozen
class TextLine:
    """A recognised line: its text, confidence (0-1) and box in image pixels."""

    text: str
    confidence: float
    x0: float
    y0: float
    x1: float
    y1: float


@attrs.frozen
class Reading:
    """A recognised line and the other readings it came close to.

    CTC gives, for each frame of the line's image, a probability for every class
    (the characters and CTC's *blank*); the text is the best class of each frame,
    repeats and blanks collapsed. A rival is a runner-up class of a single frame
    that, put in that frame's place, changes the text: a digit read as another, a
    digit dropped, or one added, or a letter instead of a digit. A runner-up that
    leaves the text as it is (blank at the edge of a wide ``0``) is no rival.
    """

    text: str
    #: the lowest probability of any kept character (1.0 for an empty line)
    confidence: float
    #: (text, probability) of the rivals, most probable first, each text once
    rivals: tuple[tuple[str, float], ...] = ()


@runtime_checkable
class OcrEngine(Protocol):
    """What the reader asks of an OCR engine. Images are 8-bit grayscale arrays."""

    def detect_and_recognise(self, image: Image) -> list[TextLine]:
        """Every text line of ``image``, found and recognised (the slow, general path)."""
        ...

    def recognise(self, crops: Sequence[Image]) -> list[tuple[str, float]]:
        """The text and confidence of each single-line crop (no detection)."""
        ...


class EngineUnavailableError(GovReportError, RuntimeError):
    """The OCR engine's runtime or model files are missing or cannot be loaded."""


def _model_dir() -> Path:
    import rapidocr

    return Path(rapidocr.__file__).resolve().parent / "models"


#: The PP-OCR models the ``rapidocr`` wheel ships (checked to exist before use).
DET_MODEL = "PP-OCRv6_det_small.onnx"
REC_MODEL = "PP-OCRv6_rec_small.onnx"


class RapidOcrEngine:
    """RapidOCR on onnxruntime, CPU, from the wheel's packaged models.

    ``threads`` limits onnxruntime's intra-op threads (``-1``: its default, all cores).
    Models load on first use; one instance may be shared by threads.
    """

    def __init__(self, threads: int = -1) -> None:
        self._threads = threads
        self._lock = threading.Lock()
        self._ocr: Any = None
        self._detector_loaded = False

    def _engine(self) -> Any:
        with self._lock:
            if self._ocr is None:
                self._ocr = self._build()
            return self._ocr

    def _build(self) -> Any:
        try:
            from rapidocr import RapidOCR
        except ImportError as exc:  # the plugin's own dependency, but say so clearly
            raise EngineUnavailableError(message("ocr.engine.import", reason=exc)) from exc
        models = _model_dir()
        paths = {name: models / name for name in (DET_MODEL, REC_MODEL)}
        missing = [str(p) for p in paths.values() if not p.is_file()]
        if missing:
            # Without an explicit, existing path RapidOCR would try to download the model.
            raise EngineUnavailableError(
                message("ocr.engine.models_missing", paths=", ".join(missing))
            )
        params: dict[str, Any] = {
            "Global.log_level": "error",
            "Global.use_cls": False,  # scans are upright: deskew handles small angles
            "Global.model_root_dir": str(models),
            "Det.model_path": str(paths[DET_MODEL]),
            "Rec.model_path": str(paths[REC_MODEL]),
            # RapidOCR's default scales an image *up* until its short side is 736 px,
            # which turns a strip of text into a huge picture; lines are found as well
            # at about 150 dpi, so larger pages are scaled down to that instead.
            "Det.limit_type": "max",
            "Det.limit_side_len": DET_MAX_SIDE,
            "EngineConfig.onnxruntime.intra_op_num_threads": self._threads,
            "EngineConfig.onnxruntime.inter_op_num_threads": 1,
        }
        try:
            ocr = RapidOCR(params=params)
            # the recogniser's character set is read from the model file itself
            recogniser: Any = ocr._load_rec_model()  # type: ignore[no-untyped-call]
            recogniser.session.session = _session(paths[REC_MODEL], self._threads)
        except Exception as exc:  # onnxruntime and omegaconf raise many types
            raise EngineUnavailableError(
                message("ocr.engine.failed", kind=type(exc).__name__, detail=exc)
            ) from exc
        return ocr

    def _detector(self) -> Any:
        """The engine with its detection model loaded (on first use: the reader's
        default mode never needs it)."""
        ocr = self._engine()
        with self._lock:
            if not self._detector_loaded:
                try:
                    detector: Any = ocr._load_det_model()
                    detector.session.session = _session(_model_dir() / DET_MODEL, self._threads)
                except Exception as exc:  # onnxruntime raises many types
                    raise EngineUnavailableError(
                        f"the OCR detector failed to start: {type(exc).__name__}: {exc}"
                    ) from exc
                self._detector_loaded = True
        return ocr

    def detect_and_recognise(self, image: Image) -> list[TextLine]:
        ocr = self._detector()
        result = ocr(image, use_det=True, use_cls=False, use_rec=False)
        boxes = getattr(result, "boxes", None)
        if boxes is None or len(boxes) == 0:
            return []
        from rapidocr.utils.process_img import get_rotate_crop_image

        colour = _three_channels(image)
        crops: list[Image] = []
        frames: list[tuple[float, float, float, float]] = []
        for box in boxes:
            points = np.asarray(box, dtype=np.float32)
            crops.append(get_rotate_crop_image(colour, points.copy()))
            xs, ys = points[:, 0], points[:, 1]
            frames.append((float(xs.min()), float(ys.min()), float(xs.max()), float(ys.max())))
        read = self._recognise_colour(crops)
        return [
            TextLine(r.text, r.confidence, *frame)
            for r, frame in zip(read, frames, strict=True)
            if r.text.strip()
        ]

    def recognise(self, crops: Sequence[Image]) -> list[tuple[str, float]]:
        return [
            (r.text, r.confidence)
            for r in self._recognise_colour([_three_channels(c) for c in crops], rivals=False)
        ]

    def recognise_readings(self, crops: Sequence[Image]) -> list[Reading]:
        """Each crop's :class:`Reading`: text, confidence and likeliest rival."""
        return self._recognise_colour([_three_channels(c) for c in crops], rivals=True)

    def _recognise_colour(self, crops: Sequence[Image], *, rivals: bool = False) -> list[Reading]:
        if not crops:
            return []
        recogniser = self._engine().text_rec
        characters: list[str] = recogniser.postprocess_op.character
        ratios = [c.shape[1] / max(1, c.shape[0]) for c in crops]
        order = sorted(range(len(crops)), key=lambda i: ratios[i])
        out: list[Reading] = [Reading("", 0.0)] * len(crops)
        for batch in _batches(order, ratios):
            # RapidOCR pads every crop to at least 320 x 48 pixels; a cell's number is
            # a fraction of that, and the model reads any width, so a batch is only as
            # wide as its widest crop (sorting keeps crops of a width together)
            widest = max(MIN_RATIO, *(ratios[i] for i in batch))
            tensor = np.concatenate(
                [recogniser.resize_norm_img(crops[i], widest)[np.newaxis] for i in batch]
            ).astype(np.float32)
            probabilities = np.asarray(recogniser.session(tensor))
            for i, row in zip(batch, probabilities, strict=True):
                out[i] = _ctc_reading(row, characters, rivals=rivals)
        return out


def _batches(order: Sequence[int], ratios: Sequence[float]) -> list[list[int]]:
    """Crops (indices, narrowest first) grouped into the batches that cost least: a batch
    is as wide as its widest crop, so the time it takes grows with its size times that
    width, plus a fixed cost per call (BATCH_CALL_COST, in crop widths). Each batch
    holds at most REC_BATCH crops and its size times its width stays within
    REC_BATCH_WIDTH, so memory stays flat. Since crops come sorted, the batches are runs
    of the order, and the cheapest cut into runs is found by dynamic programming."""
    widths = [max(MIN_RATIO, ratios[index]) for index in order]
    count = len(widths)
    cost = [0.0] + [float("inf")] * count
    start = [0] * (count + 1)
    for end in range(1, count + 1):
        widest = widths[end - 1]
        for first in range(end - 1, max(-1, end - 1 - REC_BATCH), -1):
            size = end - first
            if size > 1 and size * widest > REC_BATCH_WIDTH:
                break
            total = cost[first] + BATCH_CALL_COST + size * widest
            if total < cost[end]:
                cost[end], start[end] = total, first
    batches: list[list[int]] = []
    end = count
    while end > 0:
        batches.append(list(order[start[end] : end]))
        end = start[end]
    return batches[::-1]


def _ctc_decode(row: npt.NDArray[np.float32], characters: Sequence[str]) -> tuple[str, float]:
    """Greedy CTC decoding of one line's (time, class) probabilities; the confidence is
    the lowest probability of a kept character (1.0 for an empty line)."""
    best = row.argmax(axis=1)
    probability = row.max(axis=1)
    keep = np.ones(len(best), dtype=bool)
    keep[1:] = best[1:] != best[:-1]
    keep &= best != 0  # index 0 is CTC's blank
    indices = best[keep]
    if not len(indices):
        return "", 1.0
    text = "".join(characters[i] for i in indices)
    return text, float(probability[keep].min())


#: Runner-up classes less probable than this are not looked at as rivals.
RIVAL_FLOOR = 0.005
#: Runner-up classes looked at per frame.
RIVALS_PER_FRAME = 3
#: Rival texts kept per line.
MAX_RIVALS = 8
#: Lines with ideographs are labels: their rivals are not looked for.
_IDEOGRAPH = re.compile(r"[\u3400-\u9fff]")


def _ctc_reading(
    row: npt.NDArray[np.float32], characters: Sequence[str], *, rivals: bool
) -> Reading:
    """The line's text and confidence (:func:`_ctc_decode`) and, with ``rivals``, the
    texts that one frame's runner-up class would give instead, with its probability.

    Changing frame ``f`` changes only whether frames ``f`` and ``f + 1`` emit a
    character (a frame emits when it is not blank and differs from the frame before),
    so the text changes exactly when the characters those two frames emit change.
    """
    text, confidence = _ctc_decode(row, characters)
    if not rivals or _IDEOGRAPH.search(text):
        return Reading(text, confidence)  # a label: no value to be in doubt about
    best = row.argmax(axis=1)
    labels = [int(b) for b in best]
    frames = len(labels)
    k = min(RIVALS_PER_FRAME + 1, row.shape[1])
    # only a frame whose best class leaves RIVAL_FLOOR to the others can have a rival
    open_frames = np.flatnonzero(row[np.arange(frames), best] < 1.0 - RIVAL_FLOOR)
    top = np.zeros((frames, k), dtype=np.int64)
    if len(open_frames):
        top[open_frames] = np.argpartition(-row[open_frames], k - 1, axis=1)[:, :k]
    top[:, 0] = best  # closed frames: only the best class, which is no rival

    def emitted(label: int, previous: int) -> list[int]:
        return [label] if label != 0 and label != previous else []

    found: dict[str, float] = {}
    for f in (int(i) for i in open_frames):
        before = labels[f - 1] if f else -1
        after = labels[f + 1] if f + 1 < frames else None
        old = emitted(labels[f], before) + ([] if after is None else emitted(after, labels[f]))
        for cls in top[f]:
            c = int(cls)
            p = float(row[f, c])
            if c == labels[f] or p < RIVAL_FLOOR:
                continue
            new = emitted(c, before) + ([] if after is None else emitted(after, c))
            if new == old:
                continue
            changed = [*labels[:f], c, *labels[f + 1 :]]
            other = "".join(
                characters[x]
                for i, x in enumerate(changed)
                if x != 0 and (i == 0 or x != changed[i - 1])
            )
            found[other] = max(p, found.get(other, 0.0))
    ranked = sorted(found.items(), key=lambda item: -item[1])
    return Reading(text, confidence, tuple(ranked[:MAX_RIVALS]))


def _session(model: Path, threads: int) -> Any:
    """An onnxruntime CPU session for ``model`` whose threads sleep when idle: by default
    they spin between the many small calls of cell recognition, which on a shared
    machine burned a third more CPU than the work itself."""
    import onnxruntime  # type: ignore[import-untyped]

    options = onnxruntime.SessionOptions()
    options.log_severity_level = 4
    options.enable_cpu_mem_arena = False
    options.graph_optimization_level = onnxruntime.GraphOptimizationLevel.ORT_ENABLE_ALL
    options.inter_op_num_threads = 1
    if threads > 0:
        options.intra_op_num_threads = threads
    options.add_session_config_entry("session.intra_op.allow_spinning", "0")
    return onnxruntime.InferenceSession(
        str(model), sess_options=options, providers=["CPUExecutionProvider"]
    )


def _three_channels(image: Image) -> Image:
    if image.ndim == 2:
        return np.ascontiguousarray(np.repeat(image[:, :, np.newaxis], 3, axis=2))
    return image


_default: RapidOcrEngine | None = None
_default_lock = threading.Lock()


def default_engine() -> RapidOcrEngine:
    """One engine per process: loading the models takes a second and ~200 MB."""
    global _default
    with _default_lock:
        if _default is None:
            _default = RapidOcrEngine()
        return _default


__all__ = [
    "EngineUnavailableError",
    "Image",
    "OcrEngine",
    "RapidOcrEngine",
    "Reading",
    "TextLine",
    "default_engine",
]
