"""Why a dataset, workbook, PDF or review file cannot be written or read back, and the
library's remaining refusals of its own arguments (a stream, an encoding, an engine)."""

from __future__ import annotations

from govreport.messages.text import Text

MESSAGES = {
    # --- datasets (export.py) and workbooks (workbook/) ------------------------------------
    "export.unknown_kind": Text(
        zh="无法判断 {name} 的格式：请用 .csv、.jsonl、.parquet 或 .xlsx",
        en="cannot tell the format of {name}: use .csv, .jsonl, .parquet or .xlsx",
    ),
    "export.needs_pyarrow": Text(
        zh="Parquet 需要 pyarrow：pip install 'govreport[parquet]'",
        en="Parquet needs pyarrow: pip install 'govreport[parquet]'",
    ),
    "export.parquet_scale": Text(
        zh="{value} 的小数位多于 Parquet 允许的 {scale} 位",
        en="{value} has more than {scale} decimal places for Parquet",
    ),
    "export.cannot_rename": Text(
        zh="无法把写完的 {partial} 命名为 {name}：{reason}",
        en="cannot name the finished {partial} {name}: {reason}",
    ),
    "export.closed": Text(zh="导出器已关闭", en="the exporter is closed"),
    "export.needs_pandas": Text(
        zh="DataFrame 需要 pandas：pip install 'govreport[pandas]'",
        en="a DataFrame needs pandas: pip install 'govreport[pandas]'",
    ),
    "workbook.closed": Text(zh="工作簿已关闭", en="the workbook is closed"),
    "workbook.needs_xlsxwriter": Text(
        zh="xlsx 需要 xlsxwriter：pip install 'govreport[xlsx]'",
        en="xlsx needs xlsxwriter: pip install 'govreport[xlsx]'",
    ),
    # --- a batch (batch.py): a bug or a dead worker costs one source, said so -----------
    "batch.error.internal": Text(
        zh="读取时出错：{kind}: {detail}", en="reading failed with {kind}: {detail}"
    ),
    "batch.error.worker": Text(
        zh="读取此文件的工作进程退出或出错：{kind}: {detail}",
        en="the worker reading this source died or failed: {kind}: {detail}",
    ),
    # --- the PDF writer (writers/pdf.py) ---------------------------------------------------
    "pdf_writer.needs_reportlab": Text(
        zh="写出 PDF 需要 reportlab：pip install 'govreport[pdf-writer]'",
        en="writing PDF needs reportlab: pip install 'govreport[pdf-writer]'",
    ),
    "pdf_writer.layout": Text(
        zh="PDF 写出器无法排版此报告：{kind}: {detail}",
        en="the PDF writer could not lay the report out: {kind}: {detail}",
    ),
    # --- review files (baseline.py) --------------------------------------------------------
    "baseline.error.version": Text(
        zh="{path}：审核记录文件版本为 {version}；本 govreport 读取版本 {needed}",
        en="{path}: a review file of version {version}; this govreport reads version {needed}",
    ),
    "baseline.error.not_review": Text(
        zh="{path}：不是 govreport 审核记录文件：{reason}",
        en="{path}: not a govreport review file: {reason}",
    ),
    # --- the input (source.py) and the PDF engine (pdfengine.py) ---------------------------
    "source.stream_unreadable": Text(
        zh="无法读取数据流：{reason}", en="cannot read the stream: {reason}"
    ),
    "source.bom": Text(
        zh="{encoding} BOM 之后的字节无法解码：{reason}",
        en="bytes after a {encoding} BOM do not decode: {reason}",
    ),
    "pdfengine.unknown": Text(
        zh="没有名为 {name} 的 PDF 引擎（可用引擎：{engines}）",
        en="no PDF engine is called {name} (engines: {engines})",
    ),
}
