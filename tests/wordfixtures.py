"""Word files as Word and WPS store them, built from a report's text: automatic numbering
in numbering.xml, heading styles, tracked changes, content controls, fields, soft line
breaks, headers, footnotes, text boxes and comments. python-docx makes the package; the
XML that python-docx has no API for is written here as Word writes it.

    python tests/wordfixtures.py    rewrites the Word examples of the rules (rules/examples/)
"""
from __future__ import annotations

import re
import sys
from pathlib import Path

import docx
from docx.opc.constants import CONTENT_TYPE as CT
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.opc.packuri import PackURI
from docx.opc.part import Part
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls

ROOT = Path(__file__).resolve().parent.parent
REPORT = (ROOT / "examples" / "complete-report.txt").read_text("utf-8").rstrip("\n").split("\n")
LEVEL_1 = re.compile(r"^([一二三四五六七八九十]+)、")
LEVEL_2 = re.compile(r"^（([一二三四五六七八九十]+)）")
W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"

# abstractNum 10: 一、 then （一）, as Word makes it for typed 一、 + Enter (chineseCounting)
NUMBERING = f"""<w:numbering {nsdecls('w')}>
  <w:abstractNum w:abstractNumId="10">
    <w:multiLevelType w:val="multilevel"/>
    <w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="chineseCounting"/><w:suff w:val="nothing"/>
      <w:lvlText w:val="%1、"/><w:lvlJc w:val="left"/></w:lvl>
    <w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="chineseCounting"/><w:suff w:val="nothing"/>
      <w:lvlText w:val="（%2）"/><w:lvlJc w:val="left"/></w:lvl>
    <w:lvl w:ilvl="2"><w:start w:val="1"/><w:numFmt w:val="decimal"/><w:lvlText w:val="%3."/></w:lvl>
    <w:lvl w:ilvl="3"><w:start w:val="1"/><w:numFmt w:val="decimal"/><w:lvlText w:val="（%4）"/></w:lvl>
  </w:abstractNum>
  <w:num w:numId="7"><w:abstractNumId w:val="10"/></w:num>
</w:numbering>"""


def _strip_number(text: str) -> tuple[int, str]:
    """(level, text without its typed number); level 0 for body text."""
    for level, pattern in ((1, LEVEL_1), (2, LEVEL_2)):
        m = pattern.match(text)
        if m:
            return level, text[m.end():]
    return 0, text


def _numbering(document, xml: str = NUMBERING) -> None:
    part = document.part.numbering_part
    part._element = parse_xml(xml)


def _num_pr(paragraph_or_style, num_id: str, ilvl: int) -> None:
    element = getattr(paragraph_or_style, "_p", None)
    p_pr = (element if element is not None else paragraph_or_style.element).get_or_add_pPr()
    p_pr.append(parse_xml(f'<w:numPr {nsdecls("w")}><w:ilvl w:val="{ilvl}"/><w:numId w:val="{num_id}"/></w:numPr>'))


def plain(lines=REPORT):
    document = docx.Document()
    for line in lines:
        document.add_paragraph(line)
    return document


def auto_numbered(lines=REPORT, keep_typed: bool = False):
    """Headings numbered by Word's automatic list (the number is not in their text)."""
    document = docx.Document()
    _numbering(document)
    for line in lines:
        level, text = _strip_number(line)
        paragraph = document.add_paragraph(line if keep_typed else text)
        if level:
            _num_pr(paragraph, "7", level - 1)
    return document


def style_numbered(lines=REPORT):
    """Headings numbered through their style: Heading 1/2 carry the list in styles.xml."""
    document = docx.Document()
    _numbering(document)
    for style_name, ilvl in (("Heading 1", 0), ("Heading 2", 1)):
        _num_pr(document.styles[style_name], "7", ilvl)
    for line in lines:
        level, text = _strip_number(line)
        document.add_paragraph(text, style=f"Heading {level}" if level else None)
    return document


def heading_styles(lines=REPORT, title_style: str = "Title"):
    """Headings by Heading 1/2 styles and no number at all; the title in `title_style`."""
    document = docx.Document()
    for index, line in enumerate(lines):
        level, text = _strip_number(line)
        style = f"Heading {level}" if level else (title_style if index == 0 else None)
        document.add_paragraph(text, style=style)
    return document


def _runs_into(element, text: str) -> None:
    element.append(parse_xml(f'<w:r {nsdecls("w")}><w:t xml:space="preserve">{text}</w:t></w:r>'))


def tracked(lines=REPORT, inserted_heading: str = "三、存在的不足和原因"):
    """The heading typed with Track Changes on (w:ins), and a word deleted (w:del)."""
    document = docx.Document()
    for line in lines:
        paragraph = document.add_paragraph()
        if line == inserted_heading:
            ins = parse_xml(f'<w:ins {nsdecls("w")} w:id="1" w:author="起草人" w:date="2024-01-20T10:00:00Z"/>')
            _runs_into(ins, line)
            paragraph._p.append(ins)
            paragraph._p.get_or_add_pPr().append(parse_xml(
                f'<w:rPr {nsdecls("w")}><w:ins w:id="2" w:author="起草人" w:date="2024-01-20T10:00:00Z"/></w:rPr>'))
        elif line.startswith("（三）继续深化依法决策"):
            _runs_into(paragraph._p, "（三）继续")
            deleted = parse_xml(f'<w:del {nsdecls("w")} w:id="3" w:author="审核人" w:date="2024-01-21T09:00:00Z">'
                                f'<w:r><w:delText>全面</w:delText></w:r></w:del>')
            paragraph._p.append(deleted)
            _runs_into(paragraph._p, line[len("（三）继续"):])
        else:
            _runs_into(paragraph._p, line)
    return document


def _date_field(paragraph, shown: str, instruction: str = ' DATE \\@ "yyyy年M月d日" ') -> None:
    p = paragraph._p
    for xml in ('<w:r><w:fldChar w:fldCharType="begin"/></w:r>',
                f'<w:r><w:instrText xml:space="preserve">{instruction}</w:instrText></w:r>',
                '<w:r><w:fldChar w:fldCharType="separate"/></w:r>',
                f'<w:r><w:t>{shown}</w:t></w:r>',
                '<w:r><w:fldChar w:fldCharType="end"/></w:r>'):
        p.append(parse_xml(xml.replace("<w:r>", f'<w:r {nsdecls("w")}>', 1)))


def signature_in_controls(lines=REPORT, field: str = ' DATE \\@ "yyyy年M月d日" '):
    """The organ in a block content control (w:sdt), the date shown by a field."""
    document = docx.Document()
    body = document.element.body
    for line in lines[:-2]:
        document.add_paragraph(line)
    organ, date = lines[-2], lines[-1]
    sdt = parse_xml(f'<w:sdt {nsdecls("w")}><w:sdtPr><w:alias w:val="发文机关"/><w:tag w:val="organ"/></w:sdtPr>'
                    f'<w:sdtContent><w:p><w:r><w:t>{organ}</w:t></w:r></w:p></w:sdtContent></w:sdt>')
    body.insert(len(body) - 1, sdt)
    _date_field(document.add_paragraph(), date, field)
    return document


def soft_breaks(lines=REPORT, per_paragraph: int = 6):
    """Lines joined by Shift+Enter (w:br) as text pasted from a web page arrives."""
    document = docx.Document()
    for start in range(0, len(lines), per_paragraph):
        paragraph = document.add_paragraph()
        for i, line in enumerate(lines[start:start + per_paragraph]):
            if i:
                paragraph._p.append(parse_xml(f'<w:r {nsdecls("w")}><w:br/></w:r>'))
            _runs_into(paragraph._p, line)
    return document


FOOTNOTES = f"""<w:footnotes {nsdecls('w')}>
  <w:footnote w:type="separator" w:id="-1"><w:p><w:r><w:separator/></w:r></w:p></w:footnote>
  <w:footnote w:type="continuationSeparator" w:id="0"><w:p><w:r><w:continuationSeparator/></w:r></w:p></w:footnote>
  {{notes}}
</w:footnotes>"""


def _footnotes(document, notes: list[str], kind: str = "footnote") -> None:
    """Footnotes (or endnotes) with their references in the fourth paragraph."""
    xml = "".join(f'<w:{kind} w:id="{i}"><w:p><w:r><w:{kind}Ref/></w:r><w:r><w:t xml:space="preserve"> {text}'
                  f'</w:t></w:r></w:p></w:{kind}>' for i, text in enumerate(notes, 1))
    body = FOOTNOTES.replace("{notes}", xml).replace("footnote", kind).replace("Footnote", kind.capitalize())
    content_type, relation = ((CT.WML_FOOTNOTES, RT.FOOTNOTES) if kind == "footnote"
                              else (CT.WML_ENDNOTES, RT.ENDNOTES))
    part = Part(PackURI(f"/word/{kind}s.xml"), content_type, body.encode("utf-8"), document.part.package)
    document.part.relate_to(part, relation)
    paragraph = document.paragraphs[3]
    for i in range(1, len(notes) + 1):
        paragraph._p.append(parse_xml(f'<w:r {nsdecls("w")}><w:{kind}Reference w:id="{i}"/></w:r>'))


TEXT_BOX = """<w:r {ns}><mc:AlternateContent><mc:Choice Requires="wps"><w:drawing><wp:anchor distT="0" distB="0"
 distL="0" distR="0" simplePos="0" relativeHeight="1" behindDoc="0" locked="0" layoutInCell="1" allowOverlap="1">
 <wp:simplePos x="0" y="0"/><wp:positionH relativeFrom="page"><wp:posOffset>500000</wp:posOffset></wp:positionH>
 <wp:positionV relativeFrom="page"><wp:posOffset>300000</wp:posOffset></wp:positionV><wp:extent cx="1500000"
 cy="400000"/><wp:wrapNone/><wp:docPr id="5" name="文本框 5"/><a:graphic><a:graphicData
 uri="http://schemas.microsoft.com/office/word/2010/wordprocessingShape"><wps:wsp><wps:cNvSpPr txBox="1"/>
 <wps:spPr><a:xfrm><a:off x="0" y="0"/><a:ext cx="1500000" cy="400000"/></a:xfrm><a:prstGeom prst="rect"/></wps:spPr>
 <wps:txbx><w:txbxContent><w:p><w:r><w:t>{text}</w:t></w:r></w:p></w:txbxContent></wps:txbx><wps:bodyPr/>
 </wps:wsp></a:graphicData></a:graphic></wp:anchor></w:drawing></mc:Choice><mc:Fallback><w:pict><v:shape
 id="文本框 5" type="#_x0000_t202" style="position:absolute;width:118pt;height:31pt"><v:textbox><w:txbxContent>
 <w:p><w:r><w:t>{text}</w:t></w:r></w:p></w:txbxContent></v:textbox></v:shape></w:pict></mc:Fallback>
 </mc:AlternateContent></w:r>"""
TEXT_BOX_NS = ('xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" '
               'xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006" '
               'xmlns:wp="http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing" '
               'xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" '
               'xmlns:wps="http://schemas.microsoft.com/office/word/2010/wordprocessingShape" '
               'xmlns:v="urn:schemas-microsoft-com:vml"')


def published_parts(lines=REPORT, header: str = "内部资料", box: str = "秘密★1年",
                    footnote: str = "联系人：王某，电话13812345678。"):
    """A header, a text box anchored in the first paragraph, and a footnote."""
    document = plain(lines)
    document.sections[0].header.paragraphs[0].text = header
    document.paragraphs[0]._p.append(parse_xml(TEXT_BOX.replace("{ns}", TEXT_BOX_NS).replace("{text}", box)))
    _footnotes(document, [footnote])
    return document


def commented(lines=REPORT, comments=(("依法行政", "此处请补充数据。"),)):
    """Comments left by a reviewer, anchored on words of the text."""
    document = plain(lines)
    for word, text in comments:
        paragraph = next(p for p in document.paragraphs if word in p.text)
        before, _, after = paragraph.text.partition(word)
        paragraph.text = ""
        paragraph.add_run(before)
        anchored = paragraph.add_run(word)
        paragraph.add_run(after)
        document.add_comment(anchored, text=text, author="审核人", initials="审")
    return document


def strict(document) -> bytes:
    """The document saved in the Strict OOXML namespaces (Word's "Strict Open XML")."""
    import io
    import zipfile

    buffer = io.BytesIO()
    document.save(buffer)
    source, target = zipfile.ZipFile(io.BytesIO(buffer.getvalue())), io.BytesIO()
    with zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as out:
        for info in source.infolist():
            data = source.read(info.filename)
            if info.filename.endswith(".xml") or info.filename.endswith(".rels"):
                data = data.replace(W_NS.encode(), b"http://purl.oclc.org/ooxml/wordprocessingml/main").replace(
                    b"http://schemas.openxmlformats.org/officeDocument/2006/relationships",
                    b"http://purl.oclc.org/ooxml/officeDocument/relationships")
            out.writestr(info, data)
    return target.getvalue()


def save(document, path: Path) -> Path:
    document.save(path)
    return path


RULE_EXAMPLES = {
    "H408-tracked-changes.docx": lambda: tracked(),
    "H408-accepted.docx": lambda: plain(),
    "H409-comment.docx": lambda: commented(),
    "H410-date-field.docx": lambda: signature_in_controls(),
    "H410-page-field.docx": lambda: signature_in_controls(field=" PAGE "),
    "H411-typed-and-automatic.docx": lambda: auto_numbered(keep_typed=True),
    "H411-automatic-only.docx": lambda: auto_numbered(),
}


if __name__ == "__main__":
    target = ROOT / "rules" / "examples"
    target.mkdir(exist_ok=True)
    for name, build in RULE_EXAMPLES.items():
        save(build(), target / name)
        print(target / name, file=sys.stderr)
