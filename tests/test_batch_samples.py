"""A folder of plans (the bundled samples plus one broken file) checked as one batch."""

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

SAMPLES = Path(__file__).resolve().parent.parent / "sample_docs"
CHECKER = [sys.executable, "-m", "checker.cli"]


@pytest.fixture(scope="module")
def folder(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("partnerships")
    for sample in SAMPLES.iterdir():
        if sample.is_file() and sample.suffix in {".pdf", ".docx", ".md", ".html", ".txt"} \
                and sample.stem != "README":
            shutil.copy(sample, folder / sample.name)
    (folder / "zz_half_downloaded.pdf").write_bytes(
        (SAMPLES / "oakfield_commissioning_plan_2022.pdf").read_bytes()[:3000])
    return folder


def test_batch_gives_matrix_and_exit_3_with_one_unreadable_file(folder):
    out = subprocess.run(CHECKER + ["check", str(folder), "-f", "hcc2008", "-f", "phe2018",
                                    "--format", "json", "--jobs", "2"],
                         capture_output=True, text=True)
    assert out.returncode == 3
    report = json.loads(out.stdout)
    docs = {Path(d["path"]).name: d for d in report["documents"]}
    assert len(docs) == 7
    assert docs["zz_half_downloaded.pdf"]["status"] == "error"
    ok = [d for d in docs.values() if d["status"] == "ok"]
    assert len(ok) == 6 and all(len(d["findings"]) == 45 + 151 for d in ok)
    matrix = report["matrix"]
    assert matrix["columns"][:2] == ["hcc2008.c1", "hcc2008.c2"]
    assert matrix["columns"][-1] == "phe2018.s5"
    rows = {Path(r["path"]).name: r["values"] for r in matrix["rows"]}
    assert rows["zz_half_downloaded.pdf"] == [None] * len(matrix["columns"])
    strong = rows["harrowdale_needs_assessment_2024.pdf"]
    assert all(1 <= v <= 4 for v in strong[:10]) and all(0 <= v <= 1 for v in strong[10:])
    assert sum(strong[:10]) == docs["harrowdale_needs_assessment_2024.pdf"]["summary"][
        "hcc2008"]["score"]["total"]
    assert out.stderr.count("\n") == 1 and "zz_half_downloaded.pdf" in out.stderr


def test_progress_bar_is_drawn_on_a_terminal(folder):
    """With stderr on a terminal the batch shows a progress bar there, not in the report."""
    master, slave = os.openpty()
    out = subprocess.run(CHECKER + ["check", str(folder), "-f", "acmd2018", "--format", "json"],
                         stdout=subprocess.PIPE, stderr=slave, text=True)
    os.close(slave)
    drawn = b""
    while True:
        try:
            chunk = os.read(master, 65536)
        except OSError:
            break
        if not chunk:
            break
        drawn += chunk
    os.close(master)
    assert json.loads(out.stdout)["frameworks"] == ["acmd2018"]
    assert b"checking" in drawn or b"\xe2\x94\x81" in drawn  # the bar's label or its glyph


def test_checking_makes_no_network_connection(folder, monkeypatch):
    import socket

    from checker.batch import check_all

    def refuse(*args, **kwargs):
        raise AssertionError("the checker tried to open a network connection")

    monkeypatch.setattr(socket.socket, "connect", refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)
    results = check_all(sorted(str(p) for p in folder.iterdir()), ["all"], progress=False)
    assert sum(r.status == "ok" for r in results) == 6
