"""Real .docx files for the import tests, written with python-docx plus the WordprocessingML that
Word itself writes for automatic numbering, comments, bookmarks and tracked changes."""

from __future__ import annotations

from pathlib import Path

import docx
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.opc.packuri import PackURI
from docx.opc.part import Part

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"

NUMBERING = f"""<w:numbering {nsdecls('w')}>
  <w:abstractNum w:abstractNumId="98">
    <w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="chineseCounting"/><w:lvlText w:val="%1、"/></w:lvl>
    <w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="decimal"/><w:lvlText w:val="（%2）"/></w:lvl>
  </w:abstractNum>
  <w:num w:numId="99"><w:abstractNumId w:val="98"/></w:num>
</w:numbering>"""

COMMENTS = f"""<w:comments {nsdecls('w')}>
  <w:comment w:id="0" w:author="C&amp;F" w:initials="CF"><w:p><w:r><w:t>请公司确认是否使用Cookie。</w:t></w:r></w:p></w:comment>
</w:comments>"""


def _numbered(paragraph, level: int) -> None:
    ppr = paragraph._p.get_or_add_pPr()
    ppr.append(parse_xml(f'<w:numPr {nsdecls("w")}><w:ilvl w:val="{level}"/><w:numId w:val="99"/></w:numPr>'))


def build_policy_docx(path: Path) -> Path:
    """A Chinese policy as Word writes it: auto-numbered Heading 1/2, a comment, a bookmark,
    a tracked insertion and deletion, a merged-cell inventory table, an NBSP and a soft break."""
    document = docx.Document()
    # The default template has a numbering part already: add Word's definitions to it.
    numbering = document.part.numbering_part.element
    for definition in parse_xml(NUMBERING).iterchildren():
        numbering.append(definition)
    comments_part = Part(PackURI("/word/comments.xml"),
                         "application/vnd.openxmlformats-officedocument.wordprocessingml.comments+xml",
                         COMMENTS.encode("utf-8"), document.part.package)
    document.part.relate_to(comments_part, RT.COMMENTS)

    document.add_paragraph("隐私政策", style="Title")
    intro = document.add_paragraph("示例科技有限公司（“我们”）重视您的个人信息。")
    intro._p.insert(1, parse_xml(f'<w:bookmarkStart {nsdecls("w")} w:id="5" w:name="OLE_LINK1"/>'))
    intro._p.append(parse_xml(f'<w:bookmarkEnd {nsdecls("w")} w:id="5"/>'))
    document.add_paragraph("本隐私政策最后一次更新是在2025年3月1日。")

    heading = document.add_heading("我们如何收集和使用您的个人信息", level=1)
    _numbered(heading, 0)
    sub = document.add_heading("注册登录", level=2)
    _numbered(sub, 1)
    body = document.add_paragraph("您注册时我们收集您的手机号")
    body._p.append(parse_xml(f'<w:ins {nsdecls("w")} w:id="11" w:author="Counsel" w:date="2025-01-01T00:00:00Z">'
                             '<w:r><w:t>和电子邮箱</w:t></w:r></w:ins>'))
    body.add_run("。")
    body._p.append(parse_xml(f'<w:del {nsdecls("w")} w:id="12" w:author="Counsel" w:date="2025-01-01T00:00:00Z">'
                             '<w:r><w:delText>我们也收集您的住址。</w:delText></w:r></w:del>'))
    table = document.add_table(rows=3, cols=4)
    cells = [["收集个人信息场景", "可能收集的个人信息", "收集目的", "收集方式"],
             ["注册登录", "手机号", "注册账号", "用户填写"],
             ["", "电子邮箱", "联系用户", "用户填写"]]
    for r, row in enumerate(cells):
        for c, value in enumerate(row):
            if value:
                table.cell(r, c).text = value
    table.cell(1, 0).merge(table.cell(2, 0))

    heading = document.add_heading("Cookie的使用", level=1)
    _numbered(heading, 0)
    cookie = document.add_paragraph()
    cookie._p.append(parse_xml(f'<w:commentRangeStart {nsdecls("w")} w:id="0"/>'))
    cookie.add_run("我们的网站使用Cookie。")
    cookie._p.append(parse_xml(f'<w:commentRangeEnd {nsdecls("w")} w:id="0"/>'))
    cookie.add_run().add_break()  # a soft line break (Shift+Enter)
    cookie.add_run("您可以在浏览器中删除Cookie。")

    heading = document.add_heading("如何联系我们", level=1)
    _numbered(heading, 0)
    document.add_paragraph("请发送电子邮件至\u00a0privacy@example.com 联系我们，我们将在15个工作日内答复。")
    document.save(path)
    return path
