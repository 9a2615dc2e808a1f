"""The OCR plugin's messages in Chinese and English, registered in govreport's catalogue
(``govreport.messages.register_messages``) so that they follow ``--lang``,
``GOVREPORT_LANG`` and the locale like govreport's own. Import ``message`` from here:
importing this module is what registers them.
"""

from __future__ import annotations

from govreport.messages import Text, message, register_messages

MESSAGES = {
    # --- the input (__init__.py, images.py) -------------------------------------------------
    "ocr.not_scan": Text(
        zh="这既不是 PDF，也不是 PNG、JPEG 或 TIFF 图像",
        en="this is neither a PDF nor a PNG, JPEG or TIFF image",
    ),
    "ocr.pdf_unreadable": Text(zh="不是可读取的 PDF：{reason}", en="not a readable PDF: {reason}"),
    "ocr.pdf_too_many_pages": Text(
        zh="PDF 有 {count} 页，超过 OCR 上限 {limit} 页（OcrOptions.max_pages）",
        en="the PDF has {count} pages, above the OCR limit of {limit} (OcrOptions.max_pages)",
    ),
    "ocr.page_unrendered": Text(
        zh="第 {page} 页无法渲染：{reason}", en="page {page} cannot be rendered: {reason}"
    ),
    "ocr.image_unreadable": Text(
        zh="不是可读取的图像：{reason}", en="not a readable image: {reason}"
    ),
    "ocr.image_too_large": Text(zh="图像过大：{reason}", en="the image is too large: {reason}"),
    "ocr.image_too_many_pages": Text(
        zh="图像有 {count} 页，超过 OCR 上限 {limit} 页（OcrOptions.max_pages）",
        en="the image has {count} pages, above the OCR limit of {limit} (OcrOptions.max_pages)",
    ),
    "ocr.page_too_many_pixels": Text(
        zh="第 {page} 页有 {width}x{height} 像素，超过上限 {limit}",
        en="page {page} has {width}x{height} pixels, above the limit of {limit}",
    ),
    "ocr.page_undecodable": Text(
        zh="图像第 {page} 页无法解码：{reason}",
        en="page {page} of the image cannot be decoded: {reason}",
    ),
    # --- the engine (engine.py) -------------------------------------------------------------
    "ocr.engine.import": Text(
        zh="无法导入 OCR 引擎（{reason}）；请重新安装 govreport-ocr",
        en="the OCR engine cannot be imported ({reason}); reinstall govreport-ocr",
    ),
    "ocr.engine.models_missing": Text(
        zh="rapidocr 包中缺少 OCR 模型文件：{paths}；请安装 rapidocr>=3.10，其 wheel 自带模型",
        en="the OCR model files are missing from the rapidocr package: {paths}; "
        "install rapidocr>=3.10, whose wheel ships them",
    ),
    "ocr.engine.failed": Text(
        zh="OCR 引擎启动失败：{kind}: {detail}",
        en="the OCR engine failed to start: {kind}: {detail}",
    ),
    # --- a cell left unread (cells.py): the finding S-ocr-uncertain -------------------------
    "ocr.uncertain": Text(
        zh="第{page}页表格{table}第{row}行第{column}列识别为「{text}」，置信度{confidence:.2f}，"
        "不能确定是所印数字，未读取。",
        en="Page {page}, table {table}, row {row}, column {column} was recognised as "
        "「{text}」 with confidence {confidence:.2f}: not certain to be the printed number, "
        "not read.",
    ),
    "ocr.uncertain.rival": Text(
        zh="第{page}页表格{table}第{row}行第{column}列识别为「{text}」，置信度{confidence:.2f}，"
        "也可能是「{rival}」（{doubt:.2f}），不能确定是所印数字，未读取。",
        en="Page {page}, table {table}, row {row}, column {column} was recognised as "
        "「{text}」 with confidence {confidence:.2f}, or else as 「{rival}」 ({doubt:.2f}): "
        "not certain to be the printed number, not read.",
    ),
}

register_messages("govreport-ocr", MESSAGES)

__all__ = ["MESSAGES", "message"]
