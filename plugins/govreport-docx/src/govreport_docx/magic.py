"""The bytes that tell a Word file apart, for sniffing without importing the reader.

The package's entry point is imported whenever govreport chooses a format by content,
even to read a ``.txt``; it needs only these, so they live apart from the reader
(zipfile, the XML walk) and the converter (subprocess).
"""

from __future__ import annotations

ZIP_MAGIC = b"PK\x03\x04"
OLE2_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
#: Stream names inside an OLE2 file, as UTF-16LE: a Word 97-2003 document, and an
#: Office-encrypted package (a password-protected .docx is stored as OLE2).
WORD_STREAM = "WordDocument".encode("utf-16-le")
ENCRYPTED_STREAM = "EncryptedPackage".encode("utf-16-le")
RTF_MAGIC = b"{\\rtf"
ODT_MIMETYPE = b"mimetypeapplication/vnd.oasis.opendocument.text"

__all__ = [
    "ENCRYPTED_STREAM",
    "ODT_MIMETYPE",
    "OLE2_MAGIC",
    "RTF_MAGIC",
    "WORD_STREAM",
    "ZIP_MAGIC",
]
