"""Configuration, waivers, document types, thresholds, batches and diff, through the CLI."""

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

CHECKER = [sys.executable, "-m", "checker.cli"]

STRONG = ("# Harrowdale drug treatment plan\n\n"
          "The council has ring-fenced £3.4m for adult drug treatment in 2024/25.\n\n"
          "The treatment contract runs for seven years from April 2023.\n")
WEAK = ("# Harrowdale drug treatment plan\n\n"
        "We will seek to ring-fence money for drug treatment.\n")


def run(*args, cwd=None):
    return subprocess.run(CHECKER + list(args), capture_output=True, text=True, cwd=cwd)


def findings(stdout: str, doc: int = 0) -> dict:
    return {f["id"]: f for f in json.loads(stdout)["documents"][doc]["findings"]}


@pytest.fixture()
def repo(tmp_path: Path) -> Path:
    (tmp_path / "plans").mkdir()
    (tmp_path / "plans" / "harrowdale.md").write_text(STRONG)
    (tmp_path / "plans" / "kestonbridge.md").write_text(WEAK)
    return tmp_path


def test_waiver_marks_item_waived_until_it_expires(repo):
    (repo / "waivers.yaml").write_text(
        "- item: acmd2018.r7\n  documents: 'plans/kestonbridge.md'\n"
        "  reason: recommissioning 2026\n  owner: Jo Bloggs\n  expires: 2999-01-01\n"
        "- item: acmd2018.r2\n  documents: '*'\n  reason: old\n  owner: Jo\n"
        "  expires: 2001-01-01\n")
    (repo / "checker.toml").write_text('frameworks = ["acmd2018"]\nwaivers = "waivers.yaml"\n')
    out = run("check", "plans/kestonbridge.md", "--format", "json", cwd=repo)
    found = findings(out.stdout)
    assert found["acmd2018.r7"]["status"] == "waived"
    assert "Jo Bloggs" in found["acmd2018.r7"]["reason"]
    assert found["acmd2018.r2"]["status"] == "missing"  # expired waiver no longer counts
    summary = json.loads(out.stdout)["documents"][0]["summary"]["acmd2018"]
    judged = summary["covered"] + summary["weak"] + summary["missing"]
    assert summary["waived"] == 1 and judged == 7


def test_pyproject_thresholds_and_skip(repo):
    (repo / "pyproject.toml").write_text(
        '[tool.checker]\nframeworks = ["acmd2018"]\nskip = ["plans/kestonbridge.md"]\n'
        "min_coverage = 90\n")
    out = run("check", "plans", "--format", "json", cwd=repo)
    docs = json.loads(out.stdout)["documents"]
    assert [d["path"] for d in docs] == ["plans/harrowdale.md"]
    assert out.returncode == 1  # coverage below 90%
    lenient = run("check", "plans", "--format", "json", "--min-coverage", "5", cwd=repo)
    assert lenient.returncode == 0


def test_fail_on_and_usage_errors(repo):
    ok = run("check", "plans/harrowdale.md", "-f", "acmd2018", "--format", "json", cwd=repo)
    assert ok.returncode == 0
    assert run("check", "plans/harrowdale.md", "-f", "acmd2018", "--fail-on", "missing",
               "--format", "json", cwd=repo).returncode == 1
    bad = run("check", "plans", "-f", "nosuch", cwd=repo)
    assert bad.returncode == 2 and "unknown framework 'nosuch'" in bad.stderr
    assert run("show", "acmd2018.r99").returncode == 2


def test_batch_reports_every_file_and_exits_3_when_one_is_unreadable(repo):
    (repo / "plans" / "broken.pdf").write_bytes(b"%PDF-1.7\n1 0 obj <<")
    out = run("check", "plans", "-f", "acmd2018", "--format", "json", "--jobs", "2", cwd=repo)
    assert out.returncode == 3
    docs = {d["path"]: d for d in json.loads(out.stdout)["documents"]}
    assert docs["plans/broken.pdf"]["status"] == "error"
    assert docs["plans/harrowdale.md"]["findings"][0]["status"] == "covered"
    assert "Traceback" not in out.stderr and "plans/broken.pdf" in out.stderr


def test_json_is_byte_identical_between_runs_and_job_counts(repo):
    one = run("check", "plans", "-f", "acmd2018", "--format", "json", cwd=repo).stdout
    two = run("check", "plans", "-f", "acmd2018", "--format", "json", "-j", "2", cwd=repo).stdout
    assert one == two


def test_diff_reports_regressions(repo):
    diff = run("diff", "plans/harrowdale.md", "plans/kestonbridge.md", "-f", "acmd2018",
               cwd=repo)
    assert diff.returncode == 1
    assert "acmd2018.r1: covered -> weak" in diff.stdout
    back = run("diff", "plans/kestonbridge.md", "plans/harrowdale.md", "-f", "acmd2018",
               cwd=repo)
    assert back.returncode == 0 and "Newly covered" in back.stdout


def test_output_file_is_written_and_inputs_untouched(repo):
    before = (repo / "plans" / "harrowdale.md").read_bytes()
    out = run("check", "plans/harrowdale.md", "-f", "acmd2018", "--format", "sarif",
              "-o", "report.sarif", cwd=repo)
    assert out.returncode == 0 and out.stdout == ""
    assert json.loads((repo / "report.sarif").read_text())["version"] == "2.1.0"
    assert (repo / "plans" / "harrowdale.md").read_bytes() == before
    assert not list(repo.glob(".report.sarif*"))


@pytest.mark.skipif(shutil.which("chromium") is None, reason="chromium not installed")
def test_html_report_renders_in_headless_chromium(repo):
    artefacts = Path(__file__).resolve().parent.parent / "test-artifacts"
    artefacts.mkdir(exist_ok=True)
    report = repo / "report.html"
    run("check", "plans/harrowdale.md", "-f", "acmd2018", "-f", "hcc2008", "--format", "html",
        "-o", str(report), cwd=repo)
    flags = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
             "--disable-background-networking", "--disable-component-update", "--disable-sync",
             f"--user-data-dir={repo / 'profile'}"]
    dom = subprocess.run(["chromium", *flags, "--dump-dom", report.as_uri()],
                         capture_output=True, text=True, timeout=120).stdout
    assert dom.count('class="item"') == 53 and "ring-fenced £3.4m" in dom
    shot = artefacts / "html-report.png"
    subprocess.run(["chromium", *flags, f"--screenshot={shot}", "--window-size=1280,1600",
                    report.as_uri()], capture_output=True, timeout=120)
    assert shot.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"


def test_items_for_another_document_type_are_not_applicable(repo):
    (repo / "checker.toml").write_text(
        'frameworks = ["phe2018"]\n[document_types]\n"plans/**" = "plan"\n')
    out = run("check", "plans/harrowdale.md", "--format", "json", cwd=repo)
    doc = json.loads(out.stdout)["documents"][0]
    found = {f["id"]: f for f in doc["findings"]}
    assert found["phe2018.s5.i10"]["status"] == "not_applicable"  # a needs-assessment item
    assert "needs_assessment" in found["phe2018.s5.i10"]["reason"]
    assert found["phe2018.s4.i13"]["status"] != "not_applicable"
    summary = doc["summary"]["phe2018"]
    assert summary["not_applicable"] == 14
    assert summary["covered"] + summary["weak"] + summary["missing"] == 151 - 14


@pytest.mark.parametrize("jobs", ["1", "2"])
def test_a_document_over_the_time_limit_is_reported_and_the_rest_still_checked(repo, jobs):
    (repo / "plans" / "huge.txt").write_text(
        "The Harrowdale treatment service offers naloxone to every client. " * 60000)
    out = run("check", "plans", "-f", "acmd2018", "--format", "json", "--timeout", "1",
              "--jobs", jobs, cwd=repo)
    assert out.returncode == 3
    docs = {d["path"]: d for d in json.loads(out.stdout)["documents"]}
    assert docs["plans/huge.txt"]["error"] == (
        "took longer than the 1 s limit per document (raise it with --timeout)")
    assert docs["plans/harrowdale.md"]["status"] == "ok"


def test_check_help_shows_each_default():
    out = run("check", "--help")
    text = " ".join(out.stdout.replace("│", " ").split())
    for default in ("(default: the config's, else phe2018)", "(default: the config's, else never)",
                    "(default: one per CPU, up to 8)"):
        assert default in text
