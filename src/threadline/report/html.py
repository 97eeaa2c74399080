"""The report as one self-contained HTML file an analyst can send.

Everything shown comes from ads written by adversaries, so every value is
escaped (stored XSS from collected data is the commonest flaw of OSINT tools);
the page loads nothing from outside and runs no script.
"""

from __future__ import annotations

from html import escape

from threadline.report.table import SUMMARY_ROWS

STYLE = """
body{font-family:system-ui,sans-serif;margin:2rem;color:#222;max-width:70rem}
table{border-collapse:collapse;margin:1rem 0}td,th{border:1px solid #ccc;padding:.3rem .6rem;
text-align:left;vertical-align:top}th{background:#f3f3f3}.sus{color:#a00;font-weight:bold}
.caveat{background:#fff6d6;padding:.6rem;border-left:4px solid #e0b000}
"""


def _row(*cells: object) -> str:
    return "<tr>" + "".join(f"<td>{escape(str(c))}</td>" for c in cells) + "</tr>"


def _head(*cells: str) -> str:
    return "<tr>" + "".join(f"<th>{escape(c)}</th>" for c in cells) + "</tr>"


def render_html(report: dict, networks: int = 20) -> str:
    s = report["summary"]
    parts = [
        "<!doctype html><html><head><meta charset='utf-8'>",
        "<meta http-equiv='Content-Security-Policy' content=\"default-src 'none'; style-src 'unsafe-inline'\">",
        f"<title>Threadline report</title><style>{STYLE}</style></head><body>",
        "<h1>Threadline operation report</h1>",
        f"<p>Generated {escape(report['generated_at'])}; analysed {escape(str(report['analysed_at']))}.</p>",
        f"<p class='caveat'>{escape(report['caveat'])}</p>",
        "<h2>Summary</h2><table>",
    ]
    parts += [_row(label, s[key]) for key, label in SUMMARY_ROWS if key in s]
    parts.append("</table>")
    if report["hubs"]:
        parts.append("<h2>Hub selectors ignored for linking</h2><table>")
        parts.append(_head("kind", "value", "documents", "reason"))
        parts += [_row(h["kind"], h["value"], h["documents"], h["reason"]) for h in report["hubs"]]
        parts.append("</table>")
    parts.append(f"<h2>Networks (top {networks} by risk)</h2>")
    for n in report["networks"][:networks]:
        cls = " class='sus'" if n["suspicious"] else ""
        parts.append(
            f"<h3{cls}>{escape(n['id'])} — risk {n['risk']:.2f}"
            f"{' — suspicious' if n['suspicious'] else ''}</h3>"
        )
        parts.append(
            f"<p>{n['size']} documents; first seen {escape(str(n.get('first_seen')))}, last seen "
            f"{escape(str(n.get('last_seen')))}; places: {escape(' → '.join(n.get('places', [])))}</p>"
        )
        parts.append("<table>" + _head("held together by", "value", "documents", "sites"))
        parts += [_row(t["kind"], t["value"], t["documents"], t["sites"]) for t in n.get("ties", [])[:10]]
        parts.append("</table><table>" + _head("selector kind", "values"))
        parts += [_row(k, ", ".join(v)) for k, v in n["selectors"].items() if v]
        parts.append("</table>")
    flagged = sorted((d for d in report["documents"] if d["flagged"]), key=lambda d: -(d["risk"] or 0))
    parts.append("<h2>Flagged documents and their reasons</h2><table>")
    parts.append(_head("document", "risk", "network", "reasons"))
    for d in flagged[:200]:
        reasons = "; ".join(
            f"{i['indicator']}" + (f" “{i['span']}”" if i.get("span") else "")
            for i in sorted(d["indicators"], key=lambda i: -float(i.get("contribution", 0)))[:4]
        )
        parts.append(_row(d["ref"], f"{d['risk']:.2f}", d["network"] or "", reasons))
    parts.append("</table>")
    minors = [d for d in report["documents"] if d["minor_risk"]]
    if minors:
        parts.append("<h2>Potential minors — child-protection triage, needs review</h2><table>")
        parts.append(_head("document", "cues"))
        for d in minors:
            cues = "; ".join(f"{c['indicator']} “{c.get('span', '')}”" for c in d["minor_cues"])
            parts.append(_row(d["ref"], cues))
        parts.append("</table>")
    parts.append("</body></html>")
    return "\n".join(parts)
