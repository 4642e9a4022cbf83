"""One self-contained HTML file: summary with coverage bars per section, a verdict filter,
and each item expandable to its quotes, pages, sections and the framework's text."""

from __future__ import annotations

from html import escape

from checker.report.advice import action_needed
from checker.report.matrix import cell, summary_matrix
from checker.report.model import DocumentResult, Report
from checker.rules.model import Pack

STATUSES = ("covered", "weak", "missing", "not_applicable", "waived")

STYLE = """
body{font:15px/1.45 system-ui,sans-serif;margin:2rem auto;max-width:70rem;color:#1b1b1b}
h1{font-size:1.6rem}h2{border-bottom:2px solid #ddd;padding-bottom:.2rem}
.bar{display:flex;height:.9rem;width:18rem;border-radius:3px;overflow:hidden;background:#eee}
.bar span{display:block}.covered{background:#2e7d32}.weak{background:#f9a825}
.missing{background:#c62828}.not_applicable,.waived{background:#90a4ae}
table.summary{border-collapse:collapse;margin:.5rem 0 1.5rem}
table.summary td,table.summary th{padding:.2rem .6rem;text-align:left;border-bottom:1px solid #eee}
.filters button{margin-right:.3rem;padding:.3rem .7rem;border:1px solid #999;border-radius:4px;
background:#fff;cursor:pointer}.filters button.on{background:#333;color:#fff}
details{border:1px solid #ddd;border-radius:4px;margin:.3rem 0;padding:.3rem .6rem}
summary{cursor:pointer}.badge{display:inline-block;min-width:6.5rem;color:#fff;border-radius:3px;
padding:0 .4rem;margin-right:.5rem;text-align:center;font-size:.85rem}
blockquote{margin:.4rem 0 .4rem 1rem;padding-left:.6rem;border-left:3px solid #bbb}
.where{color:#555;font-size:.85rem}.framework-text{color:#333;font-style:italic}
.note{color:#555}.error{color:#c62828;font-weight:bold}
@media print{.filters{display:none}details{break-inside:avoid}details>*{display:block}
details:not([open]) > :not(summary){display:block}}
"""

SCRIPT = """
document.querySelectorAll('.filters button').forEach(b => b.addEventListener('click', () => {
  b.classList.toggle('on');
  const on = [...document.querySelectorAll('.filters button.on')].map(x => x.dataset.status);
  document.querySelectorAll('details.item').forEach(d => {
    d.style.display = (on.length === 0 || on.includes(d.dataset.status)) ? '' : 'none';
  });
}));
"""


def render(report: Report) -> str:
    body = ["<h1>Compliance report</h1>",
            f"<p class=note>checker {escape(report.tool['version'])}; frameworks: "
            f"{escape(', '.join(report.frameworks))}. Verdicts come from the document alone.</p>",
            '<div class=filters>Show: ' + "".join(
                f'<button data-status="{s}">{s.replace("_", " ")}</button>' for s in STATUSES[:3])
            + "</div>"]
    if len(report.documents) > 1:
        body.append(_matrix(report))
    for doc in report.documents:
        body += _document(doc, report)
    return ("<!DOCTYPE html>\n<html lang=en><head><meta charset=utf-8>"
            "<meta name=viewport content='width=device-width,initial-scale=1'>"
            f"<title>checker report</title><style>{STYLE}</style></head><body>\n"
            + "\n".join(body) + f"\n<script>{SCRIPT}</script></body></html>\n")


def _document(doc: DocumentResult, report: Report) -> list[str]:
    out = [f"<h2>{escape(doc.path)}</h2>"]
    if doc.status == "error":
        return out + [f"<p class=error>Could not be read: {escape(doc.error or '')}</p>"]
    if doc.pages:
        out.append(f"<p class=note>{doc.pages} pages</p>")
    by_id = {f.id: f for f in doc.findings}
    for pack in report.packs:
        s = doc.summary[pack.id]
        out.append(f"<h3>{escape(pack.id)}: {escape(pack.title)}</h3>"
                   f"<p>{s.covered} covered, {s.weak} weak, {s.missing} missing; "
                   f"coverage {s.coverage:.0%}</p>")
        if s.score:
            out.append(_scorecard(s.score))
        out.append(_section_bars(pack, by_id))
        for section in pack.sections:
            out.append(f"<h4>{escape(section.id)} {escape(section.title)}</h4>")
            out += [_item(by_id[i.id], i) for i in pack.items if i.section == section.id]
    return out


def _section_bars(pack: Pack, by_id) -> str:
    rows = ["<table class=summary><tr><th>section</th><th>coverage</th><th>covered / weak / "
            "missing</th></tr>"]
    for section in pack.sections:
        statuses = [by_id[i.id].status for i in pack.items if i.section == section.id]
        counts = {k: statuses.count(k) for k in STATUSES}
        bar = "".join(f'<span class="{k}" style="width:{100 * n / len(statuses):.1f}%"></span>'
                      for k, n in counts.items() if n)
        rows.append(f"<tr><td>{escape(section.id)}</td><td><div class=bar>{bar}</div></td>"
                    f"<td>{counts['covered']} / {counts['weak']} / {counts['missing']}</td></tr>")
    return "".join(rows) + "</table>"


def _scorecard(score: dict) -> str:
    rows = "".join(f"<tr><td>{k}</td><td>{v}</td><td>{score['national_mean'].get(k, '')}</td></tr>"
                   for k, v in score["criteria"].items())
    return (f"<p><b>HCC 2008 score: {score['total']} / 40 ({score['band']})</b> "
            f"<span class=note>{escape(score['basis'])}</span></p><table class=summary>"
            f"<tr><th>criterion</th><th>estimated score (1-4)</th><th>national mean 2008</th>"
            f"</tr>{rows}</table>")


def _item(finding, item) -> str:
    quotes = "".join(
        f"<blockquote>{escape(e.quote)}<div class=where>page {e.page or '-'}; "
        f"{escape(e.section or 'no heading')}; {e.context}</div></blockquote>"
        for e in finding.evidence)
    action = action_needed(finding, item)
    return (f'<details class=item data-status="{finding.status}"><summary>'
            f'<span class="badge {finding.status}">{finding.status.replace("_", " ")}</span>'
            f"<b>{escape(finding.id)}</b> {escape(item.text[:140])}</summary>"
            f"<p class=framework-text>{escape(item.text)}</p>"
            f"<p>{escape(finding.reason)}</p>{quotes}"
            + (f"<p><b>Action:</b> {escape(action)}</p>" if action else "") + "</details>")


def _matrix(report: Report) -> str:
    matrix = summary_matrix(report)
    head = "".join(f"<th>{escape(c.split('.', 1)[1])}</th>" for c in matrix.columns)
    rows = "".join(
        f"<tr><td>{escape(path)}</td>" + "".join(
            f"<td class=cell style='background:{_shade(v)}'>{cell(v)}</td>" for v in values)
        + "</tr>" for path, values in matrix.rows)
    return ("<h2>Summary matrix</h2><p class=note>Coverage per section; for hcc2008 the "
            "estimated criterion score (1-4).</p>"
            f"<table class=summary><tr><th>document</th>{head}</tr>{rows}</table>")


def _shade(value: float | int | None) -> str:
    if value is None:
        return "#eee"
    share = (value - 1) / 3 if isinstance(value, int) else value
    return f"hsl({round(120 * share)}, 60%, 85%)"
