"""JUnit XML: a test suite per document and framework, a test case per item.

Missing items fail; weak items fail too when the run's threshold is `--fail-on weak`,
and are otherwise reported in the case's output.
"""

from __future__ import annotations

from xml.etree import ElementTree as ET

from checker.report.model import Report


def render(report: Report) -> str:
    failing = {"missing", "weak"} if report.fail_on == "weak" else {"missing"}
    root = ET.Element("testsuites", name="checker")
    for doc in report.documents:
        if doc.status == "error":
            suite = ET.SubElement(root, "testsuite", name=doc.path, tests="1", failures="0",
                                  errors="1")
            case = ET.SubElement(suite, "testcase", classname=doc.path, name="read document")
            ET.SubElement(case, "error", message=doc.error or "unreadable")
            continue
        for pack in report.packs:
            findings = [f for f in doc.findings if f.framework == pack.id]
            failures = sum(f.status in failing for f in findings)
            suite = ET.SubElement(root, "testsuite", name=f"{doc.path} :: {pack.id}",
                                  tests=str(len(findings)), failures=str(failures), errors="0",
                                  skipped=str(sum(f.status in ("not_applicable", "waived")
                                                  for f in findings)))
            for f in findings:
                case = ET.SubElement(suite, "testcase", classname=f"{pack.id}.{doc.path}",
                                     name=f.id)
                if f.status in failing:
                    ET.SubElement(case, "failure", message=f"{f.status}: {f.reason}",
                                  type=f.status)
                elif f.status in ("not_applicable", "waived"):
                    ET.SubElement(case, "skipped", message=f"{f.status}: {f.reason}")
                out = [f"{f.status}: {f.reason}"] + [
                    f"\"{e.quote}\" (page {e.page}, {e.section}; {e.context})" for e in f.evidence]
                ET.SubElement(case, "system-out").text = "\n".join(out)
    ET.indent(root)
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(root, encoding="unicode") + "\n"
