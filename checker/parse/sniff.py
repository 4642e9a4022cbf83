"""Decide a file's format from its content (the name is only a tie-breaker)."""

from __future__ import annotations

import io
import zipfile

from checker.errors import UnreadableDocument
from checker.parse.text import utf16_encoding

_OLE2 = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_IMAGES = (b"\x89PNG\r\n\x1a\n", b"\xff\xd8\xff", b"GIF87a", b"GIF89a", b"II*\x00", b"MM\x00*")
_HTML_MARKERS = ("<!doctype html", "<html", "<body")
# C0 controls that never occur in text (tab, LF, VT, FF, CR and ESC are allowed)
_CONTROL = bytes(set(range(32)) - {9, 10, 11, 12, 13, 27}) + b"\x7f"
_SAMPLE = 8192
MAX_ZIP_MEMBERS = 20_000  # a Word document has dozens of parts, a few thousand with many images


def sniff_format(name: str, data: bytes) -> str:
    """Return "pdf", "docx", "html" or "text"; raise UnreadableDocument for anything else."""
    head = data[:1024]
    if b"%PDF" in head:
        return "pdf"
    if head.startswith(b"PK\x03\x04"):
        return _sniff_zip(data)
    if head.startswith(_OLE2):
        if "EncryptedPackage".encode("utf-16-le") in data:
            raise UnreadableDocument(
                "the Word document is password-protected; remove the password and save it again")
        raise UnreadableDocument("legacy Word .doc format is not supported; save it as .docx")
    if head.startswith(_IMAGES):
        raise UnreadableDocument("image file: no text to read; run OCR first")
    if head.startswith(b"{\\rtf"):
        raise UnreadableDocument("RTF format is not supported; save it as .docx or PDF")
    utf16 = utf16_encoding(data[:_SAMPLE])  # its NULs are not binary
    if not utf16 and _looks_binary(data[:_SAMPLE]):
        raise UnreadableDocument(
            "binary file, not a supported document (PDF, DOCX, HTML, Markdown or text)")
    if utf16:
        start = head.decode(utf16, "ignore")
    else:
        start = head.removeprefix(b"\xef\xbb\xbf").decode("latin-1")
    start = start.lstrip("\ufeff \t\r\n").lower()
    if start.startswith("<") and any(m in start for m in _HTML_MARKERS):
        return "html"
    if name.lower().endswith((".htm", ".html", ".xhtml")):
        return "html"
    return "text"


def check_zip_members(data: bytes) -> None:
    """Refuse an archive with too many members before zipfile builds an object for each of
    them (millions of tiny members would cost a gigabyte and a minute): each has a central
    directory entry, so counting their signatures gives an upper bound."""
    if data.count(b"PK\x01\x02") > MAX_ZIP_MEMBERS:
        raise UnreadableDocument(f"the zip archive has more than {MAX_ZIP_MEMBERS:,} parts; "
                                 "no Word document has that many")


def _sniff_zip(data: bytes) -> str:
    check_zip_members(data)
    try:
        names = zipfile.ZipFile(io.BytesIO(data)).namelist()
    except Exception:  # BadZipFile, EOFError, ValueError, ...
        raise UnreadableDocument("not a readable DOCX: the zip archive is corrupt") from None
    if "word/document.xml" in names:
        return "docx"
    raise UnreadableDocument("zip archive is not a Word .docx document")


def _looks_binary(sample: bytes) -> bool:
    """More than 5% control bytes: no text file looks like that (UTF-16 is checked first)."""
    return len(sample) - len(sample.translate(None, _CONTROL)) > 0.05 * len(sample)
