"""A long document shared out among forked workers gives what one process gives."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from pathlib import Path

import pytest

from checker.analysis import MIN_CHARS_PER_JOB, analyse, split_runs
from checker.document import BlockKind
from checker.engine import judge_document
from checker.forking import forked_map
from checker.parse.text import parse_text
from checker.rules import load_packs
from checker.verdict import Judge

ROOT = Path(__file__).resolve().parent.parent
CHECKER = [sys.executable, "-m", "checker.cli"]


def _long_plan() -> bytes:
    """The Markdown sample plans, one after another, five times over (~130 pages)."""
    sources = sorted((ROOT / "sample_docs" / "src").glob("*.md"))
    text = "\n\n".join(p.read_text(encoding="utf-8") for p in sources)
    return ("\n\n".join([text] * 5)).encode()


@pytest.fixture(scope="module")
def long_plan():
    document = parse_text("long.md", _long_plan())
    assert sum(len(b.text) for b in document.blocks) > 2 * MIN_CHARS_PER_JOB
    return document


def test_runs_cover_every_block_in_order_and_never_start_at_a_list_item(long_plan):
    runs = split_runs(long_plan.blocks, 3)
    assert len(runs) == 3
    assert [b for run in runs for b in run] == long_plan.blocks
    assert all(run[0].kind is not BlockKind.LIST_ITEM for run in runs)
    assert len(split_runs(long_plan.blocks, 1)) == 1
    assert len(split_runs(long_plan.blocks[:20], 4)) == 1  # too short to be worth sharing


def test_findings_are_those_of_judging_every_sentence_at_once(long_plan):
    packs = load_packs(["all"])
    judge = Judge(packs)
    for n, sentence in enumerate(analyse(long_plan)):
        if not sentence.national:
            judge.add(sentence, (0, n))
    at_once = judge.findings()
    assert sum(f.status == "covered" for f in at_once) > 50
    for jobs in (1, 2, 3):
        assert judge_document(long_plan, packs, jobs) == at_once



def test_a_worker_error_reaches_the_caller():
    assert forked_map(pow, [(2, 3), (3, 2), (4, 2)]) == [8, 9, 16]
    with pytest.raises(ValueError, match="bad 2"):
        forked_map(_identity_or_fail, [(1,), (2,)])


def test_a_worker_that_dies_is_reported_not_waited_for():
    from checker.errors import WorkerFailed

    with pytest.raises(WorkerFailed, match="exit code 3"):
        forked_map(_exit_if_two, [(1,), (2,)])


def _exit_if_two(x):
    if x == 2:
        os._exit(3)  # as a crash in a reader library, or the out-of-memory killer, would
    return x


def _identity_or_fail(x):
    if x == 2:
        raise ValueError(f"bad {x}")
    return x


def test_one_long_document_gives_the_same_report_with_one_or_two_jobs(tmp_path):
    plan = tmp_path / "long.md"
    plan.write_bytes(_long_plan())
    reports = [subprocess.run(CHECKER + ["check", str(plan), "-f", "all", "--format", "json",
                                         "--jobs", "2"], capture_output=True, text=True)
               for jobs in ("1", "2")]
    assert [r.returncode for r in reports] == [0, 0]
    assert json.loads(reports[0].stdout) == json.loads(reports[1].stdout)


def test_one_document_over_the_time_limit_stops_its_workers(tmp_path):
    huge = tmp_path / "huge.txt"
    huge.write_text("The Harrowdale treatment service offers naloxone to every client. " * 60000)
    started = time.monotonic()
    out = subprocess.run(CHECKER + ["check", str(huge), "-f", "acmd2018", "--format", "json",
                                    "--timeout", "1", "--jobs", "2"],
                         capture_output=True, text=True, timeout=120)
    assert out.returncode == 3
    assert json.loads(out.stdout)["documents"][0]["error"].startswith("took longer than the 1 s")
    assert time.monotonic() - started < 20  # not waiting for a worker to finish (~30 s)
    time.sleep(0.5)
    assert not _running_with(str(huge))  # its forked workers were stopped, not orphaned


def _running_with(argument: str) -> list[str]:
    """Processes whose command line includes `argument` (forked workers share the parent's)."""
    found = []
    for cmdline in Path("/proc").glob("[0-9]*/cmdline"):
        try:
            if argument.encode() in cmdline.read_bytes().split(b"\0"):
                found.append(cmdline.parent.name)
        except OSError:
            continue
    return found


def test_an_unreadable_document_alone_is_an_error_with_two_jobs(tmp_path):
    broken = tmp_path / "broken.pdf"
    broken.write_bytes(b"%PDF-1.7\n" + b"\x00garbage" * 100)
    out = subprocess.run(CHECKER + ["check", str(broken), "--format", "json", "--jobs", "2"],
                         capture_output=True, text=True, timeout=120)
    assert out.returncode == 3
    assert json.loads(out.stdout)["documents"][0]["status"] == "error"
    assert "Traceback" not in out.stderr


def test_a_tally_keeps_the_best_evidence_whatever_the_order_it_arrives_in():
    from checker.verdict import MAX_EVIDENCE, Evidence, Tally

    pieces = [(Evidence(f"q{n}", n, "s", context, strong, relevance), (n // 4, n))
              for n, (context, strong, relevance) in enumerate(
                  [("affirmed", False, 1), ("negated", False, 3), ("affirmed", True, 1),
                   ("hypothetical", False, 2), ("affirmed", True, 2), ("affirmed", False, 2),
                   ("negated", False, 1), ("affirmed", True, 1)])]
    forwards, backwards, halves, other = Tally(), Tally(), Tally(), Tally()
    for evidence, order in pieces:
        forwards.add(evidence, order)
    for evidence, order in reversed(pieces):
        backwards.add(evidence, order)
    for evidence, order in pieces[:3]:
        halves.add(evidence, order)
    for evidence, order in pieces[3:]:
        other.add(evidence, order)
    halves.merge(other)
    assert [e.quote for _, e in forwards.best] == ["q4", "q2", "q7"][:MAX_EVIDENCE]
    for tally in (backwards, halves):
        assert tally == forwards
    assert (forwards.strong, forwards.usable, forwards.planned, forwards.negated) == (3, 6, 1, 2)


def test_ctrl_c_stops_the_run_and_its_workers_quietly(tmp_path):
    import signal

    plan = tmp_path / "very_long.md"
    plan.write_bytes(b"\n\n".join([_long_plan()] * 4))  # ~500 pages: well over 2.5 s
    run = subprocess.Popen(CHECKER + ["check", str(plan), "-f", "all", "--format", "json",
                                      "--jobs", "2"],
                           stdout=subprocess.PIPE, stderr=subprocess.PIPE, start_new_session=True)
    time.sleep(2.5)  # (the pipeline is loaded and the workers are busy)
    os.killpg(run.pid, signal.SIGINT)  # what Ctrl-C in a terminal does
    out, err = run.communicate(timeout=60)
    assert run.returncode == 130
    assert b"Traceback" not in err and not out
    time.sleep(0.5)
    assert not _running_with(str(plan))


def test_a_worker_crash_on_one_document_does_not_stop_the_batch(monkeypatch, tmp_path):
    from checker import batch

    real = batch._check_one

    def crash_on_one(path, *args, **kwargs):
        if path.endswith("crash.md"):
            os._exit(11)  # as a crash in a reader library would
        return real(path, *args, **kwargs)

    monkeypatch.setattr(batch, "_check_one", crash_on_one)
    paths = []
    for name in ("first.md", "crash.md", "last.md"):
        (tmp_path / name).write_text("# Plan\n\nThe council offers naloxone to every client.\n")
        paths.append(str(tmp_path / name))
    results = batch.check_all(paths, ["acmd2018"], jobs=2, progress=False)
    assert [r.status for r in results] == ["ok", "error", "ok"]
    assert results[1].error == "a worker process stopped unexpectedly (exit code 11)"


def test_reading_in_a_worker_counts_against_the_time_limit(monkeypatch, tmp_path):
    from checker import batch
    from checker.parse import Limits

    def slow_read(path, **kwargs):
        time.sleep(60)  # as a reader stuck on a pathological file would

    monkeypatch.setattr(batch, "read_path", slow_read)
    plan = tmp_path / "plan.md"
    plan.write_text("# Plan\n\nThe council offers naloxone.\n")
    started = time.monotonic()
    result, = batch.check_all([str(plan)], ["acmd2018"], jobs=2, progress=False,
                              limits=Limits(max_seconds=2))
    assert result.error.startswith("took longer than the 2 s limit")
    assert time.monotonic() - started < 20
