"""Format sniffing: content decides, the file name only breaks ties."""

import io
import zipfile

import pytest

from checker.errors import UnreadableDocument
from checker.parse.sniff import sniff_format


def _zip(*names: str) -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as archive:
        for name in names:
            archive.writestr(name, "<x/>")
    return buf.getvalue()


@pytest.mark.parametrize(("name", "data", "expected"), [
    ("report.txt", b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj", "pdf"),  # content beats the name
    ("report.pdf", b"\r\n\r\n%PDF-1.4 junk before the header", "pdf"),
    ("plan.bin", _zip("[Content_Types].xml", "word/document.xml"), "docx"),
    ("page", b"\xef\xbb\xbf  <!DOCTYPE html><html><body><p>x</p></body></html>", "html"),
    ("page", b"<?xml version='1.0'?>\n<html xmlns='http://www.w3.org/1999/xhtml'>", "html"),
    ("page", "<html><body>hi</body></html>".encode("utf-16"), "html"),
    ("notes.html", b"no markup at all", "html"),
    ("notes.md", b"# Plan\n\nThe <body> of this plan...", "text"),  # markup mentioned, not used
    ("notes", "plain text written by an old editor".encode("utf-16-le"), "text"),  # no BOM
    ("notes.txt", b"Caf\xe9 \x96 \xa3300\r\n", "text"),
])
def test_formats(name: str, data: bytes, expected: str) -> None:
    assert sniff_format(name, data) == expected


@pytest.mark.parametrize(("data", "message"), [
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(600), "legacy Word .doc format"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + "EncryptedPackage".encode("utf-16-le"),
     "password-protected"),
    (_zip("content.xml", "mimetype"), "zip archive is not a Word .docx document"),
    (b"PK\x03\x04 truncated", "zip archive is corrupt"),
    (b"\x89PNG\r\n\x1a\n" + bytes(40), "image file: no text to read; run OCR first"),
    (b"\xff\xd8\xff\xe0" + bytes(40), "image file"),
    (bytes(range(256)) * 8, "binary file, not a supported document"),
    (b"{\\rtf1\\ansi Hello}", "RTF format is not supported"),
])
def test_unsupported(data: bytes, message: str) -> None:
    with pytest.raises(UnreadableDocument, match=message) as info:
        sniff_format("file.docx", data)
    assert "\n" not in str(info.value)


def test_stray_nul_bytes_do_not_make_text_binary() -> None:
    assert sniff_format("x.txt", b"Harm reduction\x00 and recovery. " * 50) == "text"
