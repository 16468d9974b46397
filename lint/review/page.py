"""The review as one self-contained HTML page: no network, no external scripts, fonts
or styles. A matrix of reports × required parts and deadline with counts; a click on
a heading sorts, a box (or the address ending in #only-defective) shows only the
defective reports; under each report its findings grouped by rule, errors first,
with the quoted lines. Each report is one <tbody> (its row and its findings), so the
page is written a report at a time and sorting moves a report whole."""
from __future__ import annotations

import html

from lint import __version__
from lint.findings import SEVERITY_RANK
from lint.review.tables import columns, deadline_label
from lint.strings import say

STYLE = """
body{font-family:"Microsoft YaHei","PingFang SC","Noto Sans CJK SC","Source Han Sans SC",sans-serif;margin:1.5em;
color:#222}
h1{font-size:1.4em}table{border-collapse:collapse;width:100%}th,td{border:1px solid #ccc;padding:.3em .5em;
text-align:left;vertical-align:top}th{background:#f2f2f2;cursor:pointer;user-select:none;position:sticky;top:0}
th[aria-sort=ascending]::after{content:" ▲"}th[aria-sort=descending]::after{content:" ▼"}
td.present{color:#1a7f37}td.missing{color:#fff;background:#cf222e}td.unchecked{color:#888}
td.late,td.before_year_end{color:#fff;background:#bc4c00}td.n{text-align:right}td.d{white-space:nowrap}
tr.details td{background:#fafafa;font-size:.92em}tbody.defective tr.report td:first-child{border-left:4px solid #cf222e}
table.only-defective tbody:not(.defective){display:none}.error{color:#cf222e}.warning{color:#9a6700}.info{color:#0969da}
pre{white-space:pre-wrap;margin:.2em 0 .6em 1.5em;color:#555}summary{cursor:pointer}
"""

SCRIPT = """
(function(){
  var table=document.getElementById('matrix'),box=document.getElementById('only-defective');
  function apply(){table.classList.toggle('only-defective',box.checked);}
  box.addEventListener('change',function(){apply();history.replaceState(null,'',box.checked?'#only-defective':'#');});
  if(location.hash==='#only-defective'){box.checked=true;}
  apply();
  var heads=table.tHead.rows[0].cells;
  for(var i=0;i<heads.length;i++){heads[i].addEventListener('click',sortBy.bind(null,i));}
  function key(body,i){var cell=body.rows[0].cells[i];var v=cell.getAttribute('data-sort')||cell.textContent;
    var n=parseFloat(v);return isNaN(n)||String(n)!==v.trim()?v:n;}
  function sortBy(i){var h=heads[i],down=h.getAttribute('aria-sort')==='ascending';
    for(var j=0;j<heads.length;j++){heads[j].removeAttribute('aria-sort');}
    h.setAttribute('aria-sort',down?'descending':'ascending');
    var bodies=Array.prototype.slice.call(table.tBodies);
    bodies.sort(function(a,b){var x=key(a,i),y=key(b,i);var c=x<y?-1:x>y?1:0;return down?-c:c;});
    bodies.forEach(function(b){table.appendChild(b);});}
})();
"""


def _e(value) -> str:
    return html.escape(str(value), quote=True)


class PageWriter:
    def __init__(self, output, lang: str):
        from lint.review.tables import _sink

        self.lang, self.sink = lang, _sink(output, "html")
        self.files = self.defective = self.unread = 0
        self._opened = False
        self.sink.write(f'<!DOCTYPE html>\n<html lang="{"zh-CN" if lang == "zh" else "en"}">\n<head>\n'
                        f'<meta charset="utf-8">\n<meta name="viewport" content="width=device-width,initial-scale=1">\n'
                        f'<title>{_e(say(lang, "review.title"))}</title>\n<style>{STYLE}</style>\n</head>\n<body>\n'
                        f'<h1>{_e(say(lang, "review.title"))}</h1>\n<p><label><input type="checkbox" '
                        f'id="only-defective"> {_e(say(lang, "review.only_defective"))}</label> · '
                        f'<span class="hint">{_e(say(lang, "review.sort_hint"))}</span></p>\n')

    def add(self, record: dict) -> None:
        from lint.review import defective

        bad = defective(record)
        self.files += 1
        self.defective += bad
        self.unread += not record["read"]
        if not self._opened:
            self._open_table(columns(record, self.lang))
        self.sink.write(self._report(record, bad))

    def _open_table(self, names: list[str]) -> None:
        self._opened = True
        self._width = len(names)
        heads = "".join(f"<th scope=\"col\">{_e(name)}</th>" for name in names)
        self.sink.write(f'<table id="matrix">\n<thead><tr>{heads}</tr></thead>\n')

    def _report(self, record: dict, bad: bool) -> str:
        counts = record["counts"]
        status, deadline = record["deadline_status"], _e(deadline_label(record, self.lang))
        cells = [f'<td data-sort="{_e(record["path"])}"><a href="#r{self.files}">{_e(record["path"])}</a></td>',
                 f"<td>{_e(record['unit'] or '')}</td>", f"<td class=\"n\">{_e(record['year'] or '')}</td>",
                 f"<td class=\"d\">{_e(record['signed'] or '')}</td>",
                 f'<td class="{status} d" data-sort="{record["days_late"] or 0}">{deadline}</td>']
        marks = {"present": "✓", "missing": "✗", "unchecked": "·"}
        cells += [f'<td class="{p["status"]}" title="{_e(say(self.lang, p["status"]))}">{marks[p["status"]]}</td>'
                  for p in record["parts"]]
        cells += [f'<td class="n">{counts[k]}</td>' for k in ("error", "warning", "info")]
        return (f'<tbody id="r{self.files}" class="{"defective" if bad else "clean"}">\n'
                f'<tr class="report">{"".join(cells)}</tr>\n'
                f'<tr class="details"><td colspan="{self._width}">{self._findings(record)}</td></tr>\n</tbody>\n')

    def _findings(self, record: dict) -> str:
        previous = record.get("previous")
        held = f'<p class="previous">{_e(say(self.lang, "review.previous", path=previous))}</p>' if previous else ""
        return held + self._found(record)

    def _found(self, record: dict) -> str:
        if not record["read"]:
            return f'<p class="error">{_e(record["unread_reason"])}</p>'
        if not record["findings"]:
            return f"<p>{_e(say(self.lang, 'review.no_findings'))}</p>"
        by_rule: dict[str, list] = {}
        for f in record["findings"]:
            by_rule.setdefault(f["rule"], []).append(f)
        order = sorted(by_rule, key=lambda r: (-SEVERITY_RANK[by_rule[r][0]["severity"]], r))
        total = len(record["findings"])
        out = [f"<details><summary>{_e(say(self.lang, 'review.findings'))} ({total})</summary>"]
        for rule in order:
            found = by_rule[rule]
            severity = found[0]["severity"]
            out.append(f'<h3 class="{severity}">{_e(rule)} [{_e(say(self.lang, severity))}] ({len(found)})</h3><ul>')
            for f in found:
                quote = f"<pre>{_e(f['quote'])}</pre>" if f["quote"] else ""
                out.append(f'<li class="finding" data-rule="{_e(rule)}">{f["line"]}:{f["column"]} '
                           f"{_e(f['message'])}{quote}</li>")
            out.append("</ul>")
        out.append("</details>")
        return "".join(out)

    def close(self) -> None:
        if not self._opened:
            self._open_table([say(self.lang, "review.report")])
        summary = say(self.lang, "review.summary", files=self.files, defective=self.defective, unread=self.unread)
        self.sink.write(f'</table>\n<p id="summary">{_e(summary)}</p>\n'
                        f'<p><small>{_e(say(self.lang, "review.generated", version=__version__))}</small></p>\n'
                        f"<script>{SCRIPT}</script>\n</body>\n</html>\n")
        self.sink.close()

    def abort(self) -> None:
        self.sink.abort()
