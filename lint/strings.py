"""Every zh/en text of the engine, the reporters and the command line, in one place
(the rules' own messages live in their rule files). A wording change or a new
language is an edit here.

    say("zh", "fix.done", fixes=3, files=1)  ->  "已修复 3 处问题（1 个文件）"
"""
from __future__ import annotations

STRINGS: dict[str, dict[str, str]] = {
    "zh": {
        # severities and the per-file checklist (text reporter, rules table)
        "error": "错误", "warning": "警告", "info": "提示",
        "pairing.summary": "与上一年度报告配对 {paired} 份（按单位名称和报告年度）；未配对 {unpaired} 份",
        "pairing.unpaired": "  未配对：{path}（{why}）",
        "pairing.no_unit": "没有识别出报告单位", "pairing.no_year": "没有识别出报告年度",
        "pairing.none_found": "没有找到本单位上一年度的报告",
        "explain.off": "默认关闭（由配置文件 profile 或 rule-settings 的 enabled: true 打开）",
        "explain.previous": "去年的报告：\n{text}\n\n今年的报告：",
        # the reviewer's overview (review)
        "review.report": "报告", "review.unit": "单位", "review.year": "年度", "review.signed": "成文日期",
        "review.deadline": "报送期限", "review.errors": "错误", "review.warnings": "警告", "review.infos": "提示",
        "review.read": "已读取", "review.unread_reason": "无法读取的原因", "review.on_time": "按时",
        "review.late": "逾期{days}天", "review.before_year_end": "年内成文", "review.unknown": "未知",
        "review.title": "法治政府建设年度报告审查一览", "review.only_defective": "只看有问题的报告",
        "review.summary": "共 {files} 份报告，{defective} 份有问题（缺必备内容、有错误、逾期或无法读取），"
                          "{unread} 份无法读取",
        "review.findings": "问题", "review.line": "行", "review.column": "列", "review.rule": "规则",
        "review.severity": "级别", "review.message": "说明", "review.quote": "原文", "review.matrix": "报告一览",
        "review.no_findings": "未发现问题", "review.generated": "reportlint {version} 生成",
        "review.sort_hint": "点击表头排序", "review.previous": "对照本单位上一年度的报告：{path}",
        "off": "默认关闭", "coverage": "纲要主要任务",
        "parts": "必备内容", "present": "有", "missing": "缺", "unchecked": "未查",
        "counts": "{error} 个错误，{warning} 个警告，{info} 条提示",
        "total": "共检查 {files} 个文件，发现 {n} 个问题：{counts}",
        "clean": "共检查 {files} 个文件，未发现问题",
        "unread": "；另有 {count} 个文件无法读取，未检查：{names}",
        "repeated": "（本段共 {count} 处）",
        "cache.foreign": "reportlint：{directory} 不是 reportlint 的缓存目录且不为空，未使用缓存（请另选 --cache-dir）",
        "nothing_checked": "reportlint：没有检查任何文件（没有找到草稿，或找到的文件都无法读取）",
        # why a file could not be read (E001's {reason})
        "unreadable.empty": "文件为空",
        "unreadable.binary": "文件是二进制数据，不是文本",
        "unreadable.too_large": "文件超过大小上限",
        "unreadable.decode": "无法识别文件编码（支持 UTF-8、GB18030）",
        "unreadable.permission": "没有读取权限",
        "unreadable.is_directory": "这是一个目录",
        "unreadable.os_error": "无法读取文件",
        "unreadable.docx": "不是有效的 Word 文件",
        "unreadable.not_regular": "不是普通文件（管道、设备等）",
        "unreadable.convert": "无法直接读取此格式，请在 Word 或 WPS 中“另存为” .docx 后再检查"
                              "（安装 LibreOffice 后可自动转换）",
        "unreadable.convert_failed": "转换为 .docx 失败，请在 Word 或 WPS 中“另存为” .docx 后再检查",
        "unreadable.detail": "{reason}（{detail}）",
        "unreadable.pdf": "不是有效的 PDF 文件",
        "unreadable.pdf_scanned": "PDF 没有文字层（扫描件），无法检查文字；请提供可复制文字的 PDF 或原稿",
        "unreadable.web": "无法从网页中找到报告正文",
        "unreadable.timeout": "读取超过时限，文件可能已损坏或被特意构造",
        "page.at": "{message}（第{page}页）",
        "findings.more": "{message}（此规则在本文件中另有 {count} 处，未逐一列出）",
        # --statistics
        "statistics.total": "共 {total} 个问题，{files} 个文件",
        "statistics.fixable": "；[*] 可用 --fix 自动修复",
        # --fix, --diff, baselines
        "fix.done": "已修复 {fixes} 处问题（{files} 个文件）",
        "fix.would": "可修复 {fixes} 处问题（{files} 个文件）",
        "fix.write_failed": "无法写入（{reason}）",
        "fix.reencode": "文件按原编码重新编码后与原字节不一致",
        "fix.unencodable": "修复后的文字无法用 {encoding} 编码写入（{reason}）",
        "fix.changed": "检查期间文件被修改或替换",
        "fix.read_only": "文件是只读的",
        "fix.refused": "未修改",
        "fix.not_text": "--fix/--diff 不改写 .docx 文件，请在 Word 中修改",
        "baseline.recorded": "已记录 {count} 条问题到 {path}",
        # reporters' catalogue and `explain`
        "source_label": "依据",
        "explain.severity": "级别", "explain.check": "检查方式", "explain.source": "依据",
        "explain.message": "提示", "explain.pass": "合格示例", "explain.fail": "不合格示例",
        "explain.params": "参数", "explain.file": "规则文件", "explain.fix": "自动修复示例",
        "explain.fixable": "可自动修复（--fix）", "explain.before": "修复前", "explain.after": "修复后",
        "explain.fixable_unsafe": "可自动修复，但会改动词语（需 --fix --unsafe-fixes）",
        "explain.empty": "(空文件)",
        "explain.example_file": "（示例文件 {name}）",
        "doc.what": "检查什么", "doc.why": "为什么", "doc.example": "示例", "doc.fix_safety": "修复安全性",
        "doc.fix.safe": "可自动修复（--fix），修复是安全的：", "doc.fix.none": "不提供自动修复：",
        # the parts of a Word file, where a finding outside the body is
        "part.header": "页眉", "part.footer": "页脚", "part.footnote": "脚注", "part.endnote": "尾注",
        "part.comment": "批注", "part.textbox": "文本框", "part.at": "{part}：{message}",
        # reportlint annotate
        "annotate.fix": "\n修改为：“{replacement}”", "annotate.delete": "（删除）",
        "annotate.wrote": "已写入 {target}（{count} 条批注）",
    },
    "en": {
        "error": "error", "warning": "warning", "info": "info",
        "pairing.summary": "paired {paired} reports with the unit's report of the year before (by unit name and "
                           "reporting year); {unpaired} unpaired",
        "pairing.unpaired": "  unpaired: {path} ({why})",
        "pairing.no_unit": "no reporting unit found", "pairing.no_year": "no reporting year found",
        "pairing.none_found": "no report of the unit for the year before",
        "explain.off": "off by default (a profile or rule-settings enabled: true turns it on)",
        "explain.previous": "Last year's report:\n{text}\n\nThis year's report:",
        # the reviewer's overview (review)
        "review.report": "report", "review.unit": "unit", "review.year": "year", "review.signed": "signed",
        "review.deadline": "deadline", "review.errors": "errors", "review.warnings": "warnings", "review.infos": "info",
        "review.read": "read", "review.unread_reason": "why unread", "review.on_time": "on time",
        "review.late": "{days} days late", "review.before_year_end": "signed in the year", "review.unknown": "unknown",
        "review.title": "Annual rule-of-law reports: review", "review.only_defective": "only defective reports",
        "review.summary": "{files} reports, {defective} defective (a part missing, errors, late or unread), "
                          "{unread} unread",
        "review.findings": "findings", "review.line": "line", "review.column": "column", "review.rule": "rule",
        "review.severity": "severity", "review.message": "message", "review.quote": "text", "review.matrix": "reports",
        "review.no_findings": "no findings", "review.generated": "made by reportlint {version}",
        "review.sort_hint": "click a heading to sort",
        "review.previous": "held against the unit's report of the year before: {path}",
        "off": "off by default", "coverage": "outline tasks", "parts": "required parts",
        "present": "present", "missing": "missing", "unchecked": "unchecked",
        "counts": "{error} errors, {warning} warnings, {info} info",
        "total": "Checked {files} files, {n} findings: {counts}",
        "clean": "Checked {files} files, no findings",
        "unread": "; {count} file(s) could not be read and were not checked: {names}",
        "repeated": " ({count} in this paragraph)",
        "cache.foreign": "reportlint: {directory} is not a reportlint cache and is not empty: "
                         "no cache used (choose another --cache-dir)",
        "nothing_checked": "reportlint: no file was checked (no drafts found, or none could be read)",
        "unreadable.empty": "the file is empty",
        "unreadable.binary": "the file is binary, not text",
        "unreadable.too_large": "the file exceeds the size limit",
        "unreadable.decode": "cannot determine the encoding (UTF-8 and GB18030 are supported)",
        "unreadable.permission": "permission denied",
        "unreadable.is_directory": "this is a directory",
        "unreadable.os_error": "cannot read the file",
        "unreadable.docx": "not a valid Word file",
        "unreadable.not_regular": "not a regular file (a pipe, a device …)",
        "unreadable.convert": "this format cannot be read directly: save it as .docx in Word or WPS "
                              "(with LibreOffice installed it is converted automatically)",
        "unreadable.convert_failed": "conversion to .docx failed: save it as .docx in Word or WPS",
        "unreadable.detail": "{reason} ({detail})",
        "unreadable.pdf": "not a valid PDF file",
        "unreadable.pdf_scanned": "the PDF has no text layer (a scan): nothing to check; "
                                  "provide a PDF with text or the draft",
        "unreadable.web": "no report text found in the web page",
        "unreadable.timeout": "reading took longer than its limit; the file may be damaged or built to stall readers",
        "page.at": "{message} (page {page})",
        "findings.more": "{message} (and {count} more of this rule in this file, not listed)",
        "statistics.total": "{total} finding(s) in {files} file(s)",
        "statistics.fixable": "; [*] fixable with --fix",
        "fix.done": "fixed {fixes} finding(s) in {files} file(s)",
        "fix.would": "would fix {fixes} finding(s) in {files} file(s)",
        "fix.write_failed": "cannot write it ({reason})",
        "fix.reencode": "its bytes do not re-encode to what was read",
        "fix.unencodable": "a fix cannot be written in {encoding} ({reason})",
        "fix.changed": "the file changed or was replaced while it was being checked",
        "fix.read_only": "the file is read-only",
        "fix.refused": "not fixed",
        "fix.not_text": "--fix/--diff do not rewrite .docx files; edit it in Word",
        "baseline.recorded": "recorded {count} finding(s) in {path}",
        "source_label": "source",
        "explain.severity": "severity", "explain.check": "check", "explain.source": "source",
        "explain.message": "message", "explain.pass": "passing examples", "explain.fail": "failing examples",
        "explain.params": "parameters", "explain.file": "rule file", "explain.fix": "fix examples",
        "explain.fixable": "fixable (--fix)", "explain.before": "before", "explain.after": "after",
        "explain.fixable_unsafe": "fixable, changing words (--fix --unsafe-fixes)",
        "explain.empty": "(empty file)",
        "explain.example_file": "(example file {name})",
        "doc.what": "What it checks", "doc.why": "Why", "doc.example": "Example", "doc.fix_safety": "Fix safety",
        "doc.fix.safe": "Fixable with --fix; the fix is safe: ", "doc.fix.none": "No automatic fix: ",
        "part.header": "header", "part.footer": "footer", "part.footnote": "footnote", "part.endnote": "endnote",
        "part.comment": "comment", "part.textbox": "text box", "part.at": "{part}: {message}",
        "annotate.fix": "\nfix: \"{replacement}\"", "annotate.delete": "(delete)",
        "annotate.wrote": "wrote {target} ({count} comments)",
    },
}


def say(lang: str, key: str, **args) -> str:
    """The text for `key` in `lang` (Chinese when the language is unknown), filled in."""
    text = STRINGS.get(lang, STRINGS["zh"])[key]
    return text.format(**args) if args else text


def words(lang: str) -> dict[str, str]:
    """All texts of a language, for reporters that use many of them."""
    return STRINGS.get(lang, STRINGS["zh"])
