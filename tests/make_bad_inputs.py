"""Generate a corpus of hostile and broken inputs (nothing binary is checked in).

    python tests/make_bad_inputs.py OUT_DIR      # writes the files, prints what each should give

`make_corpus(dir)` writes the files and returns {file name: expected outcome}, where the
outcome is "ok" (the file is read and reported), "skip" (a folder scan leaves it out: an
unknown extension) or "error: <a substring of the one-line message>".

Everything is built here from scratch (fpdf2, python-docx, zipfile, zlib) and is
deterministic: the same bytes every time.
"""

from __future__ import annotations

import datetime as dt
import io
import random
import struct
import sys
import zipfile
import zlib
from pathlib import Path

import docx
from fpdf import FPDF

PLAN = (
    "# Exampleshire drug treatment plan 2024\n\n"
    "## Funding\n\n"
    "The council has ring-fenced £3.4m of the public health grant for adult drug treatment "
    "in 2024/25, and the contract for the integrated treatment service runs for seven years.\n\n"
    "## Harm reduction\n\n"
    "Naloxone is offered to everyone leaving prison, and needle and syringe programmes run "
    "in twelve community pharmacies. The café on Rue Zoé hosts a weekly recovery group.\n"
)
PLAIN = PLAN.replace("# ", "").replace("#", "")
SEED = 20240101
GIB = 1 << 30
WHEN = dt.datetime(2024, 1, 1, tzinfo=dt.UTC)


# -- small builders ---------------------------------------------------------------------

def _png(width: int = 64, height: int = 64) -> bytes:
    """A grey-gradient PNG, written by hand."""
    def chunk(kind: bytes, body: bytes) -> bytes:
        return struct.pack(">I", len(body)) + kind + body + struct.pack(
            ">I", zlib.crc32(kind + body))
    rows = b"".join(b"\x00" + bytes((x * 4 + y) % 256 for x in range(width))
                    for y in range(height))
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", width, height, 8, 0,
                                                              0, 0, 0))
            + chunk(b"IDAT", zlib.compress(rows)) + chunk(b"IEND", b""))


def _fpdf() -> FPDF:
    pdf = FPDF()
    pdf.set_creation_date(WHEN)  # a fixed timestamp: the same bytes every run
    pdf.set_compression(True)
    return pdf


def _text_pdf(pages: int = 3, **encryption: str) -> bytes:
    pdf = _fpdf()
    if encryption:
        pdf.set_encryption(**encryption)
    for n in range(1, pages + 1):
        pdf.add_page()
        pdf.set_font("Helvetica", "B", 16)
        pdf.cell(0, 10, f"{n} Treatment and recovery", new_x="LMARGIN", new_y="NEXT")
        pdf.set_font("Helvetica", "", 11)
        for _ in range(12):
            pdf.multi_cell(0, 6, "The council has ring-fenced funding for adult drug treatment "
                                 "and offers naloxone to everyone leaving prison. Needle and "
                                 "syringe programmes run in community pharmacies.",
                           new_x="LMARGIN", new_y="NEXT")
    return bytes(pdf.output())


def _scanned_pdf() -> bytes:
    """Two pages carrying only a picture: no text layer at all."""
    pdf = _fpdf()
    for _ in range(2):
        pdf.add_page()
        pdf.image(io.BytesIO(_png()), x=10, y=10, w=180)
    return bytes(pdf.output())


def _raw_pdf(objects: list[bytes], trailer: bytes = b"") -> bytes:
    """A PDF from object bodies (object n is objects[n - 1]; 1 is the catalogue), with a
    correct cross-reference table."""
    out = bytearray(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for n, body in enumerate(objects, 1):
        offsets.append(len(out))
        out += b"%d 0 obj\n%s\nendobj\n" % (n, body)
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % off for off in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R %s>>\nstartxref\n%d\n%%%%EOF\n" % (
        len(objects) + 1, trailer, xref)
    return bytes(out)


def _broken_xref(pdf: bytes) -> bytes:
    """Every cross-reference offset and startxref pointing at the wrong place."""
    head, sep, tail = pdf.rpartition(b"xref\n")
    lines = tail.split(b"\n")
    lines = [b"%010d" % (int(ln[:10]) + 7) + ln[10:]
             if len(ln) >= 18 and ln[:10].isdigit() and ln.endswith(b" n ") else ln
             for ln in lines]
    body = b"\n".join(lines)
    start = body.rfind(b"startxref\n") + len(b"startxref\n")
    end = body.index(b"\n", start)
    return head + sep + body[:start] + b"123" + body[end:]


def _blank_pdf(pages: int) -> bytes:
    pdf = _fpdf()
    for _ in range(pages):
        pdf.add_page()
    return bytes(pdf.output())


def _deep_page_tree(depth: int) -> bytes:
    """A page tree `depth` levels deep, one page at the bottom."""
    objects = [b"<< /Type /Catalog /Pages 2 0 R >>"]
    for n in range(2, depth + 2):
        objects.append(b"<< /Type /Pages /Kids [%d 0 R] /Count 1 >>" % (n + 1))
    objects.append(b"<< /Type /Page /MediaBox [0 0 612 792] >>")
    return _raw_pdf(objects)


def _deep_html(before: bytes, depth: int = 100_000) -> bytes:
    """Readable text (if any), then 100,000 nested <div>s."""
    return (b"<html><body><p>" + before + b"</p>" + b"<div>" * depth + b"Deep text."
            + b"</div>" * depth + b"</body></html>")


def _docx(paragraphs: list[str] | None = None) -> bytes:
    document = docx.Document()
    document.core_properties.created = document.core_properties.modified = WHEN
    document.add_heading("Exampleshire drug treatment plan", level=1)
    for text in paragraphs or [PLAIN.splitlines()[4]]:
        document.add_paragraph(text)
    buf = io.BytesIO()
    document.save(buf)
    return buf.getvalue()


def _replace_parts(data: bytes, parts: dict[str, bytes]) -> bytes:
    """A copy of a zip with some members' bytes replaced (or added)."""
    src = zipfile.ZipFile(io.BytesIO(data))
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as out:
        for info in src.infolist():
            body = parts.pop(info.filename, None)
            out.writestr(_info(info.filename), src.read(info) if body is None else body)
        for name, body in parts.items():
            out.writestr(_info(name), body)
    return buf.getvalue()


def _info(name: str) -> zipfile.ZipInfo:
    info = zipfile.ZipInfo(name, date_time=(2024, 1, 1, 0, 0, 0))
    info.compress_type = zipfile.ZIP_DEFLATED
    return info


def _document_xml(prolog: str, body_text: str) -> str:
    return (f'<?xml version="1.0" encoding="{{enc}}" standalone="yes"?>\n{prolog}'
            '<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/'
            f'main"><w:body><w:p><w:r><w:t>{body_text}</w:t></w:r></w:p></w:body></w:document>')


_XXE = ('<!DOCTYPE w:document [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>\n',
        "Our plan: &xxe; root:x:0:0")
_BOMB = ('<!DOCTYPE w:document [<!ENTITY a "lollollollollollollollollollol">'
         + "".join(f'<!ENTITY {chr(98 + i)} "{("&" + chr(97 + i) + ";") * 10}">' for i in range(9))
         + "]>\n", "&j;")


def _entity_docx(prolog: str, body: str, encoding: str = "UTF-8") -> bytes:
    xml = _document_xml(prolog, body).replace("{enc}", encoding)
    data = xml.encode("utf-16") if encoding == "UTF-16" else xml.encode("utf-8")
    return _replace_parts(_docx(), {"word/document.xml": data})


def _zip_with_zeros(members: dict[str, bytes], big_name: str, big_size: int,
                    declared_size: int | None = None) -> bytes:
    """A zip of small deflated members plus `big_name`: `big_size` zero bytes deflated (about
    1 KB on disk per MB). Written by hand, repeating one compressed 1 MB block, so that 1 GB
    costs a second, not a minute. `declared_size` makes the headers lie about its size."""
    block_size = 1 << 20
    comp = zlib.compressobj(9, zlib.DEFLATED, -15)
    block = comp.compress(bytes(block_size)) + comp.flush(zlib.Z_FULL_FLUSH)
    tail = comp.flush(zlib.Z_FINISH)
    crc = 0
    zeros = bytes(block_size)
    for _ in range(big_size // block_size):
        crc = zlib.crc32(zeros, crc)
    entries = []
    for name, body in members.items():
        c = zlib.compressobj(9, zlib.DEFLATED, -15)
        entries.append((name, [c.compress(body) + c.flush()], zlib.crc32(body), len(body)))
    blocks = [block] * (big_size // block_size) + [tail]
    entries.append((big_name, blocks, crc, big_size if declared_size is None else declared_size))
    out = io.BytesIO()
    central = []
    dos_time, dos_date = 0, (2024 - 1980) << 9 | 1 << 5 | 1
    for name, chunks, crc, size in entries:
        offset = out.tell()
        raw = name.encode()
        csize = sum(map(len, chunks))
        out.write(struct.pack("<4s5H3L2H", b"PK\x03\x04", 20, 0, 8, dos_time, dos_date, crc,
                              csize, size, len(raw), 0) + raw)
        for chunk in chunks:
            out.write(chunk)
        central.append(struct.pack("<4s6H3L5H2L", b"PK\x01\x02", 20, 20, 0, 8, dos_time,
                                   dos_date, crc, csize, size, len(raw), 0, 0, 0, 0, 0, offset)
                       + raw)
    cd_offset = out.tell()
    cd = b"".join(central)
    out.write(cd + struct.pack("<4s4H2LH", b"PK\x05\x06", 0, 0, len(central), len(central),
                               len(cd), cd_offset, 0))
    return out.getvalue()


def _many_parts(members: dict[str, bytes], extra: int) -> bytes:
    """A working DOCX with `extra` empty parts added."""
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_STORED) as out:
        for name, body in members.items():
            out.writestr(_info(name), body)
        for n in range(extra):
            out.writestr(zipfile.ZipInfo(f"p/{n}", date_time=(2024, 1, 1, 0, 0, 0)), b"")
    return buf.getvalue()


def _docx_members() -> dict[str, bytes]:
    archive = zipfile.ZipFile(io.BytesIO(_docx()))
    return {info.filename: archive.read(info) for info in archive.infolist()}


def _random(n: int, salt: int) -> bytes:
    return random.Random(SEED + salt).randbytes(n)


# -- the corpus -------------------------------------------------------------------------

def make_corpus(directory: Path | str) -> dict[str, str]:
    """Write every bad input into `directory`; return {name: expected outcome}."""
    directory = Path(directory)
    directory.mkdir(parents=True, exist_ok=True)
    good_pdf = _text_pdf()
    members = _docx_members()
    cases: dict[str, tuple[bytes, str]] = {
        # empty and near-empty
        "empty.md": (b"", "error: the file is empty"),
        "blank.txt": (b" \n\t\r\n  \n", "error: the file is empty"),
        # PDFs
        "truncated.pdf": (good_pdf[: len(good_pdf) * 2 // 5],
                          "error: not a readable PDF: the file is incomplete, cut short"),
        "header_only.pdf": (b"%PDF-1.7\n", "error: not a readable PDF: corrupt or not a PDF"),
        "random_bytes.pdf": (b"%PDF-1.7\n" + _random(50_000, 1),
                             "error: not a readable PDF: corrupt or not a PDF"),
        "no_pages.pdf": (_raw_pdf([b"<< /Type /Catalog /Pages 2 0 R >>",
                                   b"<< /Type /Pages /Kids [] /Count 0 >>"]),
                         "error: not a readable PDF: corrupt or not a PDF"),
        "lying_page_count.pdf": (_raw_pdf([b"<< /Type /Catalog /Pages 2 0 R >>",
                                           b"<< /Type /Pages /Kids [] /Count 99999999 >>"]),
                                 "error: not a readable PDF: corrupt or not a PDF"),
        "broken_xref.pdf": (_broken_xref(good_pdf), "ok"),
        "self_referencing_kids.pdf": (_raw_pdf([b"<< /Type /Catalog /Pages 2 0 R >>",
                                                b"<< /Type /Pages /Kids [2 0 R] /Count 1 >>"]),
                                      "error: not a readable PDF: its only page could not "
                                      "be read"),
        "deep_page_tree.pdf": (_deep_page_tree(5000),
                               "error: not a readable PDF: its only page could not be read"),
        "blank_pages.pdf": (_blank_pdf(3), "error: no text found in the document: its pages "
                                           "are blank"),
        "scanned.pdf": (_scanned_pdf(),
                        "error: no text layer: the PDF looks scanned; run OCR first"),
        "encrypted.pdf": (_text_pdf(1, owner_password="owner", user_password="secret"),
                          "error: the PDF is encrypted; give its password with --password"),
        "owner_password_only.pdf": (_text_pdf(1, owner_password="owner"), "ok"),
        "image_named.pdf": (_png(), "error: image file: no text to read; run OCR first"),
        # Word
        "good.docx": (_docx(PLAIN.split("\n\n")), "ok"),
        "random_bytes.docx": (b"PK\x03\x04" + _random(50_000, 2),
                              "error: not a readable DOCX: the zip archive is corrupt"),
        "not_word.docx": (_zip_of({"hello.txt": PLAIN.encode()}),
                          "error: zip archive is not a Word .docx document"),
        "legacy_word.docx": (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(504) + _random(4096, 3),
                             "error: legacy Word .doc format is not supported; save it as .docx"),
        "xxe.docx": (_entity_docx(*_XXE),
                     "error: DOCX contains XML entity declarations; refusing to read it"),
        "xxe_utf16.docx": (_entity_docx(*_XXE, encoding="UTF-16"),
                           "error: DOCX contains XML entity declarations; refusing to read it"),
        "entity_bomb.docx": (_entity_docx(*_BOMB),
                             "error: DOCX contains XML entity declarations; refusing to read it"),
        "huge_part.docx": (_zip_with_zeros(members, "word/media/zeros.bin", GIB),
                           "error: DOCX part word/media/zeros.bin decompresses to 1074 MB, "
                           "over the limit"),
        "lying_part_size.docx": (_zip_with_zeros(
            {k: v for k, v in members.items() if k != "word/document.xml"},
            "word/document.xml", GIB, declared_size=4096),
            "error: not a readable DOCX: the zip archive is corrupt (part word/document.xml "
            "holds more data than its zip header declares)"),
        "many_parts.docx": (_many_parts(members, 25_000),
                            "error: the zip archive has more than 20,000 parts"),
        "no_body.docx": (_replace_parts(_docx(), {"word/document.xml": _document_xml(
            "", "").replace("{enc}", "UTF-8").replace("<w:p><w:r><w:t></w:t></w:r></w:p>",
                                                      "").encode()}),
                         "error: no text found in the document"),
        # text
        "binary.txt": (_random(20_000, 4),
                       "error: binary file, not a supported document"),
        "utf16.txt": (PLAIN.encode("utf-16"), "ok"),
        "utf16_no_bom.md": (PLAN.encode("utf-16-le"), "ok"),
        "latin1.txt": (PLAIN.encode("latin-1"), "ok"),
        "nul_bytes.txt": (PLAIN.encode().replace(b". ", b".\x00 "), "ok"),
        "long_line.txt": (_long_line(6 * 1024 * 1024), "ok"),
        "nested_quotes.md": (("> " * 5000 + PLAIN.splitlines()[2] + "\n").encode()
                             + (">" * 5000 + "\n").encode() + PLAN.encode(), "ok"),
        "unknown_extension.xyz": (PLAN.encode(), "skip"),
        "plan à jour 2024.md": (PLAN.encode(), "ok"),
        "rtf_named.txt": (b"{\\rtf1\\ansi " + PLAIN.encode() + b"}",
                          "error: RTF format is not supported"),
        # HTML
        "deep_nesting.html": (_deep_html(PLAIN.encode()), "ok"),
        "only_deep_nesting.html": (_deep_html(b""), "error: the HTML is nested too deeply"),
    }
    for name, (data, _) in cases.items():
        (directory / name).write_bytes(data)
    return {name: expected for name, (_, expected) in cases.items()}


def _zip_of(members: dict[str, bytes]) -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as out:
        for name, body in members.items():
            out.writestr(_info(name), body)
    return buf.getvalue()


def _long_line(size: int) -> bytes:
    """One line of `size` bytes: plan sentences run together with no line break."""
    sentence = (b"The council ring-fences money for drug treatment and offers naloxone to "
                b"people leaving prison; ")
    return (sentence * (size // len(sentence) + 1))[:size] + b"\n"


def main(argv: list[str]) -> int:
    if len(argv) != 1:
        print(__doc__.strip().splitlines()[2].strip(), file=sys.stderr)
        return 2
    for name, expected in make_corpus(argv[0]).items():
        print(f"{name:32} {expected}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
