"""The class report as one self-contained HTML page for the TA: inline CSS, the score histogram as
inline SVG, no scripts, nothing fetched. Every text from the gradebook (student ids, messages) is
escaped: it is untrusted."""
from __future__ import annotations

import math
import statistics
from collections import Counter
from html import escape
from pathlib import Path

from nnlab.gradebook import SubmissionResult
from nnlab.report import CaseStats, case_stats, labelled_bars, score_bins, trouble

CSS = """
body { font: 15px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, "DejaVu Sans", sans-serif;
       color: #222; margin: 24px auto; max-width: 1150px; padding: 0 16px; }
h1 { font-size: 26px; margin: 0 0 4px; } h2 { font-size: 19px; margin: 28px 0 8px; }
.summary { color: #444; margin: 0 0 8px; } .summary b { color: #111; }
.note { color: #555; font-size: 13px; margin: 4px 0 10px; }
.warn { color: #b3261e; font-weight: 600; }
figure { margin: 0; } figcaption { color: #555; font-size: 13px; }
svg text { font: 11px system-ui, "DejaVu Sans", sans-serif; fill: #333; }
svg .bar { fill: #4477aa; } svg .full { fill: #228833; } svg .axis { stroke: #888; }
svg .n { font-weight: 600; text-anchor: middle; } svg .tick { text-anchor: middle; fill: #555; }
table { border-collapse: collapse; width: 100%; font-size: 13.5px; }
th, td { text-align: left; vertical-align: top; padding: 6px 8px; border-bottom: 1px solid #ddd; }
th { background: #f3f3f3; font-weight: 600; } tbody tr:nth-child(even) { background: #fafafa; }
.num { text-align: right; } td.num { white-space: nowrap; }
code { font: 12.5px ui-monospace, "DejaVu Sans Mono", monospace; overflow-wrap: anywhere; }
table.cases { table-layout: fixed; }
.target { color: #666; font-size: 12px; }
.rate { width: 110px; height: 8px; background: #e6e6e6; border-radius: 4px; margin-bottom: 3px; }
.rate span { display: block; height: 100%; border-radius: 4px; }
.low { background: #cc3311; } .mid { background: #ddaa33; } .high { background: #66aa55; }
.symptom { font-weight: 600; } .msg { color: #555; font-size: 12px; margin-top: 2px; word-break: break-word; }
.who { word-break: break-word; }
"""


def _e(text: object) -> str:
    return escape(str(text), quote=True)


def _clip(text: str, limit: int = 300) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


def histogram_svg(results: list[SubmissionResult]) -> str:
    """The total scores as an inline SVG bar chart on whole-point bars (see :func:`score_bins`),
    each bar labelled with its number of students; the full-marks bar in green."""
    max_score = max((r.max_score for r in results), default=1.0)
    edges, counts = score_bins([r.score for r in results], max_score)
    width, height, left, right, top, bottom = 1000, 250, 12, 12, 22, 40
    sx = (width - left - right) / (edges[-1] - edges[0])
    sy = (height - top - bottom) / max(max(counts), 1)
    base = height - bottom
    ticks = set(labelled_bars(len(counts)))
    out = [f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}" width="100%" role="img" '
           f'aria-label="histogram of total scores">',
           f'<line class="axis" x1="{left}" y1="{base}" x2="{width - right}" y2="{base}"/>']
    for i, n in enumerate(counts):
        lo, hi = edges[i], edges[i + 1]
        full = i == len(counts) - 1
        x, w, h = left + (lo - edges[0]) * sx, (hi - lo) * sx, n * sy
        span = f"{lo}" if hi - lo == 1 else f"{lo} to under {hi}"
        if full:
            span = "full marks" if lo == max_score else f"{lo} or more"
        out.append(f'<rect class="{"full" if full else "bar"}" x="{x + 1:.1f}" y="{base - h:.1f}" '
                   f'width="{max(w - 2, 1):.1f}" height="{h:.1f}"><title>{span}: '
                   f'{n} student{"s" * (n != 1)}</title></rect>')
        if n:
            out.append(f'<text class="n" x="{x + w / 2:.1f}" y="{base - h - 5:.1f}">{n}</text>')
        if i in ticks:
            out.append(f'<text class="tick" x="{x + w / 2:.1f}" y="{base + 15}">{lo}</text>')
    out.append(f'<text class="tick" x="{width / 2}" y="{height - 6}">score (of {max_score:g}); one bar per '
               f'{"point" if edges[1] - edges[0] == 1 else f"{edges[1] - edges[0]} points"}</text></svg>')
    return "\n".join(out)


def _case_row(s: CaseStats) -> str:
    symptoms = s.symptoms()
    level = "low" if s.rate < 0.5 else "mid" if s.rate < 0.9 else "high"
    cells = [f'<td><code>{_e(s.name)}</code><div class="target">{_e(s.target)}</div></td>',
             f'<td class="num">{s.points:g}</td>',
             f'<td><div class="rate"><span class="{level}" style="width:{100 * s.rate:.0f}%"></span></div>'
             f'{s.passed} / {s.ran} ({100 * s.rate:.0f}%)</td>',
             f'<td class="num">{s.stuck or ""}</td>']
    if symptoms:
        symptom, hits = symptoms[0]
        cells.append(f'<td><span class="symptom">{_e(symptom)}</span> ({len(hits)})'
                     f'<div class="msg">{_e(_clip(hits[0][1]))}</div></td>')
        cells.append(f'<td class="who">{_e(", ".join(student for student, _ in hits))}</td>')
        cells.append("<td>" + "<br>".join(f'<span class="symptom">{_e(sym)}</span> ({len(h)}): '
                                          f'{_e(", ".join(student for student, _ in h))}'
                                          for sym, h in symptoms[1:]) + "</td>")
    else:
        cells.append('<td colspan="3">no notebook ran</td>')
    return f'<tr id="case-{_e(s.name)}">' + "".join(cells) + "</tr>"


def render(results: list[SubmissionResult]) -> str:
    """The whole page for one assignment's results."""
    assignment = results[0].assignment if results else ""
    max_score = max((r.max_score for r in results), default=0.0)
    scores = [r.score for r in results]
    ran = sum(r.error is None for r in results)
    full = sum(math.isclose(s, max_score) or s > max_score for s in scores)
    stats = case_stats(results)
    failing = [s for s in stats if s.passed < s.ran or not s.ran]
    all_pass = [s for s in stats if s.ran and s.passed == s.ran]
    form = {t.name for r in results for t in r.tests if t.max_score <= 0}
    levels = Counter(r.isolation or "unknown" for r in results)
    below = sum(n for level, n in levels.items() if level != "bwrap")
    summary = (f"<b>{len(results)}</b> submissions · <b>{ran}</b> ran · "
               + (f'<span class="warn">{len(results) - ran} could not run</span>' if ran < len(results)
                  else "all ran")
               + f" · full marks: <b>{full}</b>"
               + (f" · median {statistics.median(scores):g} · mean {statistics.mean(scores):.1f} "
                  f"of {max_score:g}" if scores else "")
               + " · isolation: " + ", ".join(f"{_e(level)} ({n})" for level, n in sorted(levels.items()))
               + (f' <span class="warn">({below} below bwrap)</span>' if below else ""))
    parts = [f'<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8">'
             f'<meta name="viewport" content="width=device-width, initial-scale=1">'
             f"<title>{_e(assignment)}: class report</title><style>{CSS}</style></head><body>",
             f"<h1>{_e(assignment)}: class report</h1>", f'<p class="summary">{summary}</p>',
             "<h2>Total scores</h2>", f"<figure>{histogram_svg(results)}",
             "<figcaption>Students by total score; the green bar is "
             + (f"full marks ({max_score:g}): {full} student{'s' * (full != 1)}." if max_score == int(max_score)
                else f"{int(max_score)} points or more (full marks, {max_score:g}: {full}).")
             + "</figcaption></figure>",
             '<h2 id="cases">Cases, worst first</h2>',
             f'<p class="note">Pass rates over the {ran} notebooks that ran; a case that timed out or crashed '
             f"counts as not passed and in its own column."
             + (f" {len(form)} zero-point form check{'s are' if len(form) != 1 else ' is'} left out." if form
                else "") + "</p>"]
    if failing:
        parts += ['<table class="cases"><colgroup><col style="width:24%"><col style="width:6%">'
                  '<col style="width:12%"><col style="width:8%"><col style="width:24%"><col style="width:13%">'
                  '<col style="width:13%"></colgroup><thead><tr><th>case</th><th class="num">points</th><th>passed</th>'
                  '<th class="num">timed out or crashed</th><th>most common problem</th><th>students who hit it</th>'
                  "<th>other problems</th></tr></thead><tbody>", *map(_case_row, failing), "</tbody></table>"]
    else:
        parts.append("<p>Every notebook that ran passed every case.</p>")
    if all_pass:
        parts.append(f'<p class="note">Passed by every notebook that ran ({len(all_pass)} cases): '
                     + ", ".join(f"<code>{_e(s.name)}</code>" for s in all_pass) + "</p>")
    parts.append('<h2 id="trouble">Could not run, timed out or crashed</h2>')
    rows = trouble(results)
    if rows:
        parts += ['<table class="trouble"><thead><tr><th>student</th><th class="num">score</th><th>what happened</th>'
                  "</tr></thead><tbody>",
                  *(f'<tr><td class="who">{_e(r.student)}</td><td class="num">{r.score:g} / {r.max_score:g}</td>'
                    f'<td class="msg">{_e(_clip(what, 400))}</td></tr>' for r, what in rows),
                  "</tbody></table>"]
    else:
        parts.append("<p>None.</p>")
    parts.append("</body></html>\n")
    return "\n".join(parts)


def write_html(results: list[SubmissionResult], path: Path) -> Path:
    """Write :func:`render`'s page to ``path``."""
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(render(results), encoding="utf-8")
    return path
