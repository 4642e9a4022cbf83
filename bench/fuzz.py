"""Fuzz the PDF and DOCX readers with mutated copies of the bundled samples.

    .venv/bin/python bench/fuzz.py [--seconds 300] [--seed 1] [--timeout 30] [--out DIR]

Each execution takes a sample (the two PDFs and the DOCX in sample_docs/), applies one to
four seeded mutations (byte flips, truncation, splicing, deletion, duplication, numbers and
PDF keywords swapped for hostile ones; for the DOCX also the same inside its XML parts,
re-zipped) and calls `read_document` on the bytes in a worker process. Outcomes:

* ok: a Document;
* unreadable: UnreadableDocument with a one-line message (expected for most inputs);
* vague: UnreadableDocument whose message is Python's, not the user's ("list index out of
  range"): a reader's catch-all caught something it should have named;
* crash: any other exception (its traceback is saved);
* hang: no answer within --timeout seconds (the worker is killed and restarted);
* fatal: the worker process died (a segfault in a C library, say).

The first few inputs of each bad kind are saved to --out (default bench/out/fuzz/), with
their tracebacks, and a summary.json is written there. The run is deterministic for a given
seed apart from where the time limit cuts it.
"""

from __future__ import annotations

import argparse
import io
import json
import multiprocessing
import random
import re
import resource
import sys
import time
import traceback
import zipfile
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = ROOT / "sample_docs"
SEEDS = ["harrowdale_needs_assessment_2024.pdf", "oakfield_commissioning_plan_2022.pdf",
         "kestonbridge_treatment_plan_2023.docx"]
KEEP = 5  # inputs saved per bad kind
# Python talking, not the checker: a reader's catch-all passed an exception's own text on.
PYTHON_TALK = re.compile(r"Traceback|object has no attribute|index out of range|invalid literal"
                         r"|unsupported operand|not subscriptable|NoneType|got an unexpected"
                         r"|takes \d+ positional|\b[A-Z]\w*(?:Error|Exception)\b|codec can't"
                         r"|unhashable|not iterable|division by zero|KeyError|expected str")

PDF_TOKENS = [b"obj", b"endobj", b"stream", b"endstream", b"/Kids [", b"]", b"/Count 0",
              b"/Count 2147483647", b"/Type /Pages", b"/Type /Page", b"/Parent 1 0 R",
              b"/Length 999999999", b"/Filter /FlateDecode", b"/Font <<>>", b"/Resources 3 0 R",
              b"/MediaBox [0 0 0 0]", b"/MediaBox [0 0 1e30 -1e30]", b"/Rotate 45", b"xref",
              b"trailer", b"startxref", b"%%EOF", b"/Encrypt 1 0 R", b"/ObjStm", b"<<", b">>",
              b"(", b")", b"\\", b"/Tf", b"BT", b"ET", b"Tj", b"TJ", b"Tm 1e38 0 0 1e38 0 0",
              b"0 0 R", b"1 0 R", b"2 0 R"]
XML_TOKENS = [b"<w:p>", b"</w:p>", b"<w:r><w:t>text</w:t></w:r>", b"<w:tbl>", b"</w:tbl>",
              b"<w:tr>", b"<w:tc>", b"<w:sdt><w:sdtContent>", b"</w:sdtContent></w:sdt>",
              b"<w:txbxContent>", b"<w:br w:type=\"page\"/>", b"<w:lastRenderedPageBreak/>",
              b"<w:pPr><w:pStyle w:val=\"Heading1\"/></w:pPr>",
              b"<w:pPr><w:outlineLvl w:val=\"-7\"/></w:pPr>",
              b"<w:pPr><w:outlineLvl w:val=\"99999999999999999999\"/></w:pPr>",
              b"<w:numPr><w:ilvl w:val=\"x\"/><w:numId w:val=\"99999999\"/></w:numPr>",
              b"<w:basedOn w:val=\"Normal\"/>", b"<w:basedOn w:val=\"Heading1\"/>",
              b"<w:style w:type=\"paragraph\" w:styleId=\"Heading1\"><w:name w:val=\"heading 9\"/>",
              b"<w:rPr><w:b w:val=\"maybe\"/></w:rPr>", b"<w:del><w:r><w:t>x</w:t></w:r></w:del>",
              b"<w:ins>", b"</w:ins>", b"<mc:Fallback>", b"&amp;", b"&#0;", b"&#xFFFE;",
              b"<w:tab/>", b"\xef\xbf\xbe", b"<w:t xml:space=\"preserve\">  </w:t>"]
_MC = 'xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006"'
# Well-formed pieces, dropped in between elements, so that the XML still parses and the
# reader's own logic is what gets exercised.
ELEMENTS = [
    b'<w:p><w:r><w:t>Extra text</w:t></w:r></w:p>',
    b'<w:p><w:pPr><w:pStyle w:val="Heading1"/></w:pPr><w:r><w:t>1 Heading</w:t></w:r></w:p>',
    b'<w:p><w:pPr><w:pStyle w:val="no-such-style"/></w:pPr><w:r><w:t>x</w:t></w:r></w:p>',
    b'<w:p><w:pPr><w:outlineLvl w:val="-7"/></w:pPr><w:r><w:t>x</w:t></w:r></w:p>',
    b'<w:p><w:pPr><w:outlineLvl w:val="99999999999999999999"/></w:pPr><w:r><w:t>x</w:t>'
    b'</w:r></w:p>',
    b'<w:p><w:pPr><w:numPr><w:ilvl w:val="x"/><w:numId w:val="99999999"/></w:numPr></w:pPr>'
    b'<w:r><w:t>item</w:t></w:r></w:p>',
    b'<w:p><w:pPr><w:numPr><w:ilvl w:val="99999999999999999999"/><w:numId w:val="1"/>'
    b'</w:numPr></w:pPr><w:r><w:t>item</w:t></w:r></w:p>',
    b'<w:tbl><w:tr><w:tc><w:p><w:r><w:t>a</w:t></w:r></w:p></w:tc><w:tc><w:p><w:r><w:t>b'
    b'</w:t></w:r></w:p></w:tc></w:tr></w:tbl>',
    b'<w:tbl><w:tr><w:trPr><w:del/></w:trPr></w:tr></w:tbl>',
    b'<w:tbl><w:tr><w:tc/></w:tr></w:tbl>',
    b'<w:tbl><w:tr><w:tc><w:p/></w:tc><w:tc><w:tbl><w:tr><w:tc><w:p><w:r><w:t>n</w:t></w:r>'
    b'</w:p></w:tc><w:tc/></w:tr></w:tbl></w:tc></w:tr></w:tbl>',
    b'<w:sdt><w:sdtPr><w:docPartObj><w:docPartGallery w:val="Table of Contents"/>'
    b'</w:docPartObj></w:sdtPr><w:sdtContent><w:p><w:r><w:t>Intro 3</w:t></w:r></w:p>'
    b'</w:sdtContent></w:sdt>',
    b'<w:r><w:br w:type="page"/></w:r>', b'<w:r><w:lastRenderedPageBreak/></w:r>',
    b'<w:r><w:rPr><w:b w:val="maybe"/></w:rPr><w:t>bold?</w:t></w:r>',
    b'<w:del><w:r><w:t>gone</w:t></w:r></w:del>', b'<w:ins><w:r><w:t>added</w:t></w:r></w:ins>',
    b'<w:r><w:t/></w:r>', b'<w:r><w:tab/><w:noBreakHyphen/><w:cr/></w:r>',
    b'<w:r><mc:AlternateContent ' + _MC.encode() + b'><mc:Choice Requires="wps"><w:txbxContent>'
    b'<w:p><w:r><w:t>box</w:t></w:r></w:p></w:txbxContent></mc:Choice><mc:Fallback>'
    b'<w:txbxContent><w:p><w:r><w:t>box</w:t></w:r></w:p></w:txbxContent></mc:Fallback>'
    b'</mc:AlternateContent></w:r>',
    b'<w:txbxContent><w:p><w:r><w:txbxContent><w:p/></w:txbxContent></w:r></w:p></w:txbxContent>',
    b'<w:sdt><w:sdtContent>' * 100 + b'<w:p><w:r><w:t>deep</w:t></w:r></w:p>'
    + b'</w:sdtContent></w:sdt>' * 100,
    b'<w:customXml><w:smartTag><w:p><w:r><w:t>tagged</w:t></w:r></w:p></w:smartTag></w:customXml>',
    b'<w:basedOn w:val="Normal"/>', b'<w:basedOn w:val="Heading1"/>',
    b'<w:style w:type="paragraph" w:styleId="Heading1"><w:name w:val="heading 9"/>'
    b'<w:basedOn w:val="Heading1"/></w:style>',
    b'<w:style w:type="bogus" w:styleId=""><w:name/></w:style>',
    b'<w:style w:type="paragraph" w:styleId="Loop"><w:name w:val="List 7"/>'
    b'<w:basedOn w:val="Loop"/><w:pPr><w:outlineLvl w:val="x"/></w:pPr></w:style>',
    b'<w:pPr><w:pageBreakBefore/></w:pPr>', b'<w:rPr><w:b/></w:rPr>',
]
ATTR_VALUES = [b"", b"-1", b"0", b"99999999999999999999", b"x", b"Heading1", b"NaN", b"true",
               b"\xe2\x80\xae", b"page", b"Table of Contents", b"heading 1"]
NUMBERS = [b"0", b"-1", b"1", b"2147483647", b"4294967296", b"99999999999999999999", b"1e309",
           b"-0", b"NaN", b"65535"]


# -- mutations -----------------------------------------------------------------------------

def flip(rng: random.Random, data: bytes, _: list[bytes]) -> bytes:
    out = bytearray(data)
    for _ in range(rng.randint(1, 16)):
        if out:
            out[rng.randrange(len(out))] = rng.randrange(256)
    return bytes(out)


def truncate(rng: random.Random, data: bytes, _: list[bytes]) -> bytes:
    return data[:rng.randrange(len(data) + 1)] if data else data


def delete(rng: random.Random, data: bytes, _: list[bytes]) -> bytes:
    if not data:
        return data
    start = rng.randrange(len(data))
    return data[:start] + data[start + rng.randint(1, max(1, len(data) // 20)):]


def duplicate(rng: random.Random, data: bytes, _: list[bytes]) -> bytes:
    if not data:
        return data
    start = rng.randrange(len(data))
    chunk = data[start:start + rng.randint(1, 4096)]
    at = rng.randrange(len(data) + 1)
    return data[:at] + chunk * rng.choice([1, 2, 8, 64]) + data[at:]


def splice(rng: random.Random, data: bytes, others: list[bytes]) -> bytes:
    """A piece of another input dropped in at a random place (or replacing a piece)."""
    donor = rng.choice(others) if others else data
    if not donor or not data:
        return data
    start = rng.randrange(len(donor))
    chunk = donor[start:start + rng.randint(1, 8192)]
    at = rng.randrange(len(data) + 1)
    cut = at + (rng.randint(0, len(chunk)) if rng.random() < 0.5 else 0)
    return data[:at] + chunk + data[cut:]


def token(tokens: list[bytes]):
    def mutate(rng: random.Random, data: bytes, _: list[bytes]) -> bytes:
        at = rng.randrange(len(data) + 1)
        return data[:at] + rng.choice(tokens) + data[at:]
    return mutate


def number(rng: random.Random, data: bytes, _: list[bytes]) -> bytes:
    """A number in the structure swapped for a hostile one."""
    matches = list(re.finditer(rb"(?<![\d.])\d{1,10}(?![\d.])", data[:200_000]))
    if not matches:
        return data
    m = rng.choice(matches)
    return data[:m.start()] + rng.choice(NUMBERS) + data[m.end():]


def element(rng: random.Random, data: bytes, _: list[bytes]) -> bytes:
    """A well-formed element dropped in between two elements."""
    ends = [m.end() for m in re.finditer(rb">(?=<)", data)]
    if not ends:
        return data
    at = rng.choice(ends)
    return data[:at] + rng.choice(ELEMENTS) * rng.choice([1, 1, 1, 50]) + data[at:]


def attribute(rng: random.Random, data: bytes, _: list[bytes]) -> bytes:
    """An attribute's value swapped for a hostile one."""
    values = list(re.finditer(rb'(w:[A-Za-z]+=")([^"]*)"', data))
    if not values:
        return data
    m = rng.choice(values)
    return data[:m.start(2)] + rng.choice(ATTR_VALUES) + data[m.end(2):]


def repeat_paragraph(rng: random.Random, data: bytes, _: list[bytes]) -> bytes:
    """A paragraph or table repeated, or wrapped in a content control."""
    found = list(re.finditer(rb"<w:(p|tbl)[ >].*?</w:\1>", data, re.S))
    if not found:
        return data
    m = rng.choice(found)
    piece = m.group(0)
    if rng.random() < 0.5:
        piece = piece * rng.choice([2, 10, 200])
    else:
        piece = b"<w:sdt><w:sdtContent>" + piece + b"</w:sdtContent></w:sdt>"
    return data[:m.start()] + piece + data[m.end():]


BYTE_MUTATIONS = [flip, truncate, delete, duplicate, splice, number]
PDF_MUTATIONS = [*BYTE_MUTATIONS, token(PDF_TOKENS), token(PDF_TOKENS)]
XML_MUTATIONS = [flip, delete, duplicate, splice, number, token(XML_TOKENS), element, element,
                 element, element, attribute, attribute, attribute, repeat_paragraph,
                 repeat_paragraph]


def mutate_pdf(rng: random.Random, data: bytes, others: list[bytes]) -> bytes:
    for _ in range(rng.randint(1, 4)):
        data = rng.choice(PDF_MUTATIONS)(rng, data, others)
    return data


def mutate_docx(rng: random.Random, data: bytes, others: list[bytes]) -> bytes:
    """Mostly inside the XML parts (re-zipped, so the zip stays valid); sometimes the raw
    zip bytes."""
    if rng.random() < 0.25:
        for _ in range(rng.randint(1, 3)):
            data = rng.choice(BYTE_MUTATIONS)(rng, data, others)
        return data
    archive = zipfile.ZipFile(io.BytesIO(data))
    parts = {info.filename: archive.read(info) for info in archive.infolist()}
    xml = [n for n in parts if n.endswith((".xml", ".rels"))]
    weights = [8 if n == "word/document.xml" else 2 if n.startswith("word/") else 1 for n in xml]
    donors = [parts[n] for n in xml]
    for _ in range(rng.randint(1, 4)):
        name = rng.choices(xml, weights)[0]
        parts[name] = rng.choice(XML_MUTATIONS)(rng, parts[name], donors)
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED, compresslevel=1) as target:
        for name, body in parts.items():
            target.writestr(name, body)
    return out.getvalue()


# -- the worker ------------------------------------------------------------------------------

def worker(conn) -> None:
    from checker.errors import UnreadableDocument
    from checker.parse import read_document

    while True:
        try:
            name, data = conn.recv()
        except EOFError:
            return
        start = time.perf_counter()
        try:
            document = read_document(name, data=data)
            kind, detail = "ok", f"{len(document.blocks)} blocks"
        except UnreadableDocument as exc:
            message = str(exc)
            vague = PYTHON_TALK.search(message) or "\n" in message or not message
            kind, detail = ("vague" if vague else "unreadable"), message
        except BaseException as exc:  # noqa: BLE001 - this is what is being counted
            if isinstance(exc, KeyboardInterrupt):
                raise
            kind, detail = "crash", traceback.format_exc()
        conn.send((kind, detail, time.perf_counter() - start,
                   resource.getrusage(resource.RUSAGE_SELF).ru_maxrss))


class Runner:
    """One worker process, restarted when it hangs or dies."""

    def __init__(self, timeout: float) -> None:
        self.timeout = timeout
        self.ctx = multiprocessing.get_context("fork")
        self.start()

    def start(self) -> None:
        self.conn, child = self.ctx.Pipe()
        self.proc = self.ctx.Process(target=worker, args=(child,), daemon=True)
        self.proc.start()
        child.close()

    def run(self, name: str, data: bytes) -> tuple[str, str, float, int]:
        try:
            self.conn.send((name, data))
            if self.conn.poll(self.timeout):
                return self.conn.recv()
            outcome = ("hang", f"no answer in {self.timeout:.0f} s", self.timeout, 0)
        except (EOFError, BrokenPipeError, ConnectionResetError):
            self.proc.join(5)
            outcome = ("fatal", f"worker died, exit code {self.proc.exitcode}", 0.0, 0)
        self.restart()
        return outcome

    def restart(self) -> None:
        if self.proc.is_alive():
            self.proc.kill()
        self.proc.join()
        self.conn.close()
        self.start()

    def close(self) -> None:
        self.conn.close()
        self.proc.kill()
        self.proc.join()


# -- the run ---------------------------------------------------------------------------------

def fuzz(seconds: float, seed: int, out: Path, timeout: float) -> dict:
    import checker.parse.docx  # noqa: F401 - imported once, before the worker forks
    import checker.parse.pdf  # noqa: F401

    rng = random.Random(seed)
    seeds = {name: (SAMPLES / name).read_bytes() for name in SEEDS}
    pdfs = [data for name, data in seeds.items() if name.endswith(".pdf")]
    out.mkdir(parents=True, exist_ok=True)
    for old in out.glob("*-*.*"):
        old.unlink()
    counts: Counter[str] = Counter()
    by_format: dict[str, Counter[str]] = {"pdf": Counter(), "docx": Counter()}
    messages: Counter[str] = Counter()
    saved: Counter[str] = Counter()
    slowest = (0.0, "")
    peak_kb = 0
    runner = Runner(timeout)
    start = time.monotonic()
    n = 0
    try:
        while time.monotonic() - start < seconds:
            name = rng.choice(SEEDS)
            fmt = name.rpartition(".")[2]
            case_rng = random.Random(rng.getrandbits(64))
            try:
                data = (mutate_pdf(case_rng, seeds[name], pdfs) if fmt == "pdf"
                        else mutate_docx(case_rng, seeds[name], []))
            except (zipfile.BadZipFile, ValueError, OSError):
                continue  # a mutator tripped over its own earlier mutation
            n += 1
            kind, detail, took, rss = runner.run(name, data)
            counts[kind] += 1
            by_format[fmt][kind] += 1
            peak_kb = max(peak_kb, rss)
            if took > slowest[0]:
                slowest = (took, f"{name} #{n}")
            if kind in ("unreadable", "vague"):
                messages[re.sub(r"\d+", "N", detail)[:110]] += 1
            if kind not in ("ok", "unreadable") and saved[kind] < KEEP:
                saved[kind] += 1
                stem = out / f"{kind}-{saved[kind]}"
                stem.with_suffix(f".{fmt}").write_bytes(data)
                stem.with_suffix(".txt").write_text(f"{name} #{n}\n{detail}\n")
    finally:
        runner.close()
    summary = {
        "seconds": round(time.monotonic() - start, 1), "seed": seed, "executions": n,
        "per_second": round(n / max(time.monotonic() - start, 1e-9), 1),
        "outcomes": dict(counts), "by_format": {k: dict(v) for k, v in by_format.items()},
        "slowest_seconds": round(slowest[0], 2), "slowest_input": slowest[1],
        "worker_peak_rss_mb": round(peak_kb / 1024),
        "top_messages": messages.most_common(25),
    }
    (out / "summary.json").write_text(json.dumps(summary, indent=2) + "\n")
    return summary


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=float, default=300)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--timeout", type=float, default=30, help="per input, seconds")
    parser.add_argument("--out", type=Path, default=ROOT / "bench" / "out" / "fuzz")
    args = parser.parse_args(argv)
    summary = fuzz(args.seconds, args.seed, args.out, args.timeout)
    print(json.dumps(summary, indent=2))
    bad = sum(summary["outcomes"].get(k, 0) for k in ("crash", "hang", "fatal"))
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
