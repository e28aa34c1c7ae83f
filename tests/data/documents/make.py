#!/usr/bin/env python3
"""Writes the press release fixtures: one document and its German
translation, as plain text and as the formats tandem reads, with the same
structure in each (a heading, paragraphs, a list, a table, bold, italic, a
link, a footnote).

    python3 tests/data/documents/make.py   # rewrites the files beside it

Python's standard library only; the output is the same bytes on every run
(fixed zip timestamps), so the files are committed and the tests read them.
"""

import os
import zipfile
from xml.sax.saxutils import escape, quoteattr

HERE = os.path.dirname(os.path.abspath(__file__))

# Each block: (kind, content). Inline content is a list of runs: a plain
# string, or (format, text) with format "b", "i" or ("a", href), or
# ("note", text) for a footnote whose mark stands there.
PRESS = {
    "en": [
        ("h1", ["Northwind Opens a Research Centre in Leipzig"]),
        ("p", ["Northwind Robotics opened its new research centre in Leipzig on Monday. "
               "The centre will employ ", ("b", "120 engineers"), " by 2026. "
               "Most of them will come from universities in Saxony."]),
        ("h2", ["What the centre works on"]),
        ("ul", [["Safe navigation in shared spaces"],
                ["Batteries that last a full shift"],
                ["Sensors for dusty warehouses"]]),
        ("p", ["The building covers 6,400 square metres. "
               "It was designed by a local architect.", ("note", "The architect also designed the new city library.")]),
        ("table", [[["Team"], ["Focus"]],
                   [["Navigation"], ["Maps and motion planning"]],
                   [["Energy"], ["Battery chemistry"]]]),
        ("p", ["Read the ", (("a", "https://example.com/kit"), "press kit"), " online. "
               "Questions go to the ", ("i", "press office"), "."]),
        ("p", ["The first five doctoral candidates start in October."]),
    ],
    "de": [
        ("h1", ["Northwind eröffnet ein Forschungszentrum in Leipzig"]),
        ("p", ["Northwind Robotics hat am Montag sein neues Forschungszentrum in Leipzig eröffnet. "
               "Das Zentrum wird bis 2026 ", ("b", "120 Ingenieure"), " beschäftigen. "
               "Die meisten von ihnen werden von sächsischen Universitäten kommen."]),
        ("h2", ["Woran das Zentrum arbeitet"]),
        ("ul", [["Sichere Navigation in geteilten Räumen"],
                ["Akkus, die eine ganze Schicht halten"],
                ["Sensoren für staubige Lagerhallen"]]),
        ("p", ["Das Gebäude umfasst 6.400 Quadratmeter. "
               "Es wurde von einem örtlichen Architekten entworfen.", ("note", "Der Architekt hat auch die neue Stadtbibliothek entworfen.")]),
        ("table", [[["Team"], ["Schwerpunkt"]],
                   [["Navigation"], ["Karten und Bewegungsplanung"]],
                   [["Energie"], ["Batteriechemie"]]]),
        ("p", ["Lesen Sie die ", (("a", "https://example.com/kit"), "Pressemappe"), " online. "
               "Fragen gehen an die ", ("i", "Pressestelle"), "."]),
        ("p", ["Die ersten fünf Doktoranden beginnen im Oktober."]),
    ],
}


def plain(runs):
    return "".join(r if isinstance(r, str) else ("" if r[0] == "note" else r[1]) for r in runs)


def notes(runs):
    return [r[1] for r in runs if not isinstance(r, str) and r[0] == "note"]


def text(blocks):
    """One paragraph a line, as a translator would save the document as
    text: notes after their paragraph, table cells one a line."""
    lines = []
    for kind, content in blocks:
        if kind == "ul":
            lines += [plain(item) for item in content]
        elif kind == "table":
            lines += [plain(cell) for row in content for cell in row]
        else:
            lines.append(plain(content))
            lines += notes(content)
    return "\n".join(lines) + "\n"


def html(blocks, lang):
    def inline(runs):
        out = ""
        for r in runs:
            if isinstance(r, str):
                out += escape(r)
            elif r[0] == "b":
                out += f"<b>{escape(r[1])}</b>"
            elif r[0] == "i":
                out += f"<em>{escape(r[1])}</em>"
            elif r[0] == "note":
                pass
            else:
                out += f"<a href={quoteattr(r[0][1])}>{escape(r[1])}</a>"
        return out

    body = []
    for kind, content in blocks:
        if kind == "ul":
            body.append("<ul>" + "".join(f"<li>{inline(i)}</li>" for i in content) + "</ul>")
        elif kind == "table":
            rows = "".join(
                "<tr>" + "".join(f"<td>{inline(c)}</td>" for c in row) + "</tr>" for row in content
            )
            body.append(f"<table>{rows}</table>")
        else:
            body.append(f"<{kind}>{inline(content)}</{kind}>")
            body += [f"<p>{escape(n)}</p>" for n in notes(content)]
    title = escape(plain(blocks[0][1]))
    return (
        f'<!DOCTYPE html>\n<html lang="{lang}">\n<head>\n<meta charset="utf-8">\n'
        f"<title>{title}</title>\n<style>body {{ font-family: sans-serif }}</style>\n</head>\n<body>\n"
        + "\n".join(body)
        + "\n</body>\n</html>\n"
    )


def markdown(blocks):
    def inline(runs):
        out = ""
        for r in runs:
            if isinstance(r, str):
                out += r
            elif r[0] == "b":
                out += f"**{r[1]}**"
            elif r[0] == "i":
                out += f"*{r[1]}*"
            elif r[0] == "note":
                out += "[^1]"
            else:
                out += f"[{r[1]}]({r[0][1]})"
        return out

    out, footnotes = [], []
    for kind, content in blocks:
        if kind in ("h1", "h2"):
            out.append("#" * int(kind[1]) + " " + inline(content))
        elif kind == "ul":
            out.append("\n".join(f"- {inline(i)}" for i in content))
        elif kind == "table":
            rows = [f"| {' | '.join(inline(c) for c in row)} |" for row in content]
            rows.insert(1, "|" + "---|" * len(content[0]))
            out.append("\n".join(rows))
        else:
            out.append(inline(content))
            footnotes += [f"[^1]: {n}" for n in notes(content)]
    return "\n\n".join(out + footnotes) + "\n"


W = ('xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" '
     'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"')


def docx(blocks):
    note_ids = []
    links = []

    def run(t, props=""):
        rpr = f"<w:rPr>{props}</w:rPr>" if props else ""
        return f'<w:r>{rpr}<w:t xml:space="preserve">{escape(t)}</w:t></w:r>'

    def inline(runs):
        out = ""
        for r in runs:
            if isinstance(r, str):
                out += run(r)
            elif r[0] == "b":
                out += run(r[1], "<w:b/>")
            elif r[0] == "i":
                out += run(r[1], "<w:i/>")
            elif r[0] == "note":
                note_ids.append(r[1])
                out += (f'<w:r><w:rPr><w:rStyle w:val="FootnoteReference"/></w:rPr>'
                        f'<w:footnoteReference w:id="{len(note_ids)}"/></w:r>')
            else:
                links.append(r[0][1])
                out += (f'<w:hyperlink r:id="rIdLink{len(links)}">'
                        + run(r[1], '<w:rStyle w:val="Hyperlink"/>') + "</w:hyperlink>")
        return out

    def para(runs, style=None):
        ppr = f'<w:pPr><w:pStyle w:val="{style}"/></w:pPr>' if style else ""
        return f"<w:p>{ppr}{inline(runs)}</w:p>"

    body = []
    for kind, content in blocks:
        if kind in ("h1", "h2"):
            body.append(para(content, "Heading" + kind[1]))
        elif kind == "ul":
            body += [para(item, "ListBullet") for item in content]
        elif kind == "table":
            rows = "".join(
                "<w:tr>" + "".join(f"<w:tc>{para(c)}</w:tc>" for c in row) + "</w:tr>" for row in content
            )
            body.append(f"<w:tbl>{rows}</w:tbl>")
        else:
            body.append(para(content))
    document = (f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
                f'<w:document {W}><w:body>{"".join(body)}</w:body></w:document>')
    footnotes = "".join(
        f'<w:footnote w:id="{k + 1}"><w:p><w:r><w:rPr><w:rStyle w:val="FootnoteReference"/></w:rPr>'
        f"<w:footnoteRef/></w:r>{run(' ' + n)}</w:p></w:footnote>"
        for k, n in enumerate(note_ids)
    )
    footnotes = (f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<w:footnotes {W}>'
                 '<w:footnote w:type="separator" w:id="-1"><w:p><w:r><w:separator/></w:r></w:p></w:footnote>'
                 f"{footnotes}</w:footnotes>")
    rels = ('<Relationship Id="rIdNotes" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
            'relationships/footnotes" Target="footnotes.xml"/>')
    rels += "".join(
        f'<Relationship Id="rIdLink{k + 1}" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
        f'relationships/hyperlink" Target={quoteattr(href)} TargetMode="External"/>'
        for k, href in enumerate(links)
    )
    package = "http://schemas.openxmlformats.org/package/2006"
    main = "application/vnd.openxmlformats-officedocument.wordprocessingml"
    parts = {
        "[Content_Types].xml": (
            f'<?xml version="1.0" encoding="UTF-8"?>\n<Types xmlns="{package}/content-types">'
            '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
            '<Default Extension="xml" ContentType="application/xml"/>'
            f'<Override PartName="/word/document.xml" ContentType="{main}.document.main+xml"/>'
            f'<Override PartName="/word/footnotes.xml" ContentType="{main}.footnotes+xml"/></Types>'),
        "_rels/.rels": (
            f'<?xml version="1.0" encoding="UTF-8"?>\n<Relationships xmlns="{package}/relationships">'
            '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
            'relationships/officeDocument" Target="word/document.xml"/></Relationships>'),
        "word/_rels/document.xml.rels": (
            f'<?xml version="1.0" encoding="UTF-8"?>\n<Relationships xmlns="{package}/relationships">'
            f"{rels}</Relationships>"),
        "word/document.xml": document,
        "word/footnotes.xml": footnotes,
    }
    return parts


def odt(blocks):
    def inline(runs):
        out = ""
        for r in runs:
            if isinstance(r, str):
                out += escape(r)
            elif r[0] == "note":
                out += ('<text:note text:note-class="footnote"><text:note-citation>1</text:note-citation>'
                        f"<text:note-body><text:p>{escape(r[1])}</text:p></text:note-body></text:note>")
            elif r[0] in ("b", "i"):
                out += f'<text:span text:style-name="{r[0].upper()}">{escape(r[1])}</text:span>'
            else:
                out += f'<text:a xlink:href={quoteattr(r[0][1])}>{escape(r[1])}</text:a>'
        return out

    body = []
    for kind, content in blocks:
        if kind in ("h1", "h2"):
            body.append(f'<text:h text:outline-level="{kind[1]}">{inline(content)}</text:h>')
        elif kind == "ul":
            items = "".join(f"<text:list-item><text:p>{inline(i)}</text:p></text:list-item>" for i in content)
            body.append(f"<text:list>{items}</text:list>")
        elif kind == "table":
            rows = "".join(
                "<table:table-row>"
                + "".join(f"<table:table-cell><text:p>{inline(c)}</text:p></table:table-cell>" for c in row)
                + "</table:table-row>"
                for row in content
            )
            body.append(f"<table:table>{rows}</table:table>")
        else:
            body.append(f"<text:p>{inline(content)}</text:p>")
    ns = ('xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
          'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" '
          'xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" '
          'xmlns:style="urn:oasis:names:tc:opendocument:xmlns:style:1.0" '
          'xmlns:fo="urn:oasis:names:tc:opendocument:xmlns:xsl-fo-compatible:1.0" '
          'xmlns:xlink="http://www.w3.org/1999/xlink"')
    styles = ('<office:automatic-styles>'
              '<style:style style:name="B" style:family="text"><style:text-properties fo:font-weight="bold"/></style:style>'
              '<style:style style:name="I" style:family="text"><style:text-properties fo:font-style="italic"/></style:style>'
              '</office:automatic-styles>')
    content = (f'<?xml version="1.0" encoding="UTF-8"?>\n<office:document-content {ns} office:version="1.3">'
               f'{styles}<office:body><office:text>{"".join(body)}</office:text></office:body></office:document-content>')
    manifest = ('<?xml version="1.0" encoding="UTF-8"?>\n'
                '<manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0" manifest:version="1.3">'
                '<manifest:file-entry manifest:full-path="/" manifest:media-type="application/vnd.oasis.opendocument.text"/>'
                '<manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml"/>'
                '</manifest:manifest>')
    return {
        "mimetype": "application/vnd.oasis.opendocument.text",
        "content.xml": content,
        "META-INF/manifest.xml": manifest,
    }


def pdf(blocks):
    """A two-page PDF of Helvetica text (WinAnsiEncoding), laid out as a
    word processor would: a running header and a page number on each page,
    long words hyphenated at line ends, the table's cells side by side, the
    footnote at the foot of the page that refers to it."""
    size, leading, width, top, bottom = 11, 14, 70, 770, 80
    pages, lines, y = [], [], top

    def new_page():
        nonlocal lines, y
        if lines:
            pages.append(lines)
        lines, y = [], top

    def wrap(text):
        out, line = [], ""
        for word in text.split(" "):
            candidate = (line + " " + word).strip()
            if len(candidate) <= width:
                line = candidate
                continue
            room = width - len(line) - 2
            if word.isalpha() and len(word) > 8 and room >= 4:
                cut = min(room, len(word) - 3)
                out.append((line + " " + word[:cut] + "-").strip())
                line = word[cut:]
            else:
                out.append(line)
                line = word
        return out + [line]

    def put(text, font="F1", points=size, x=72, gap=leading):
        nonlocal y
        lines.append((x, y, font, points, text))
        y -= gap

    footnote = None
    for number, (kind, content) in enumerate(blocks):
        if number == 5:
            # The table starts the second page.
            if footnote:
                lines.append((72, bottom + 20, "F1", 8, footnote))
            new_page()
        if kind in ("h1", "h2"):
            put(plain(content), "F2", 16 if kind == "h1" else 13, gap=24)
        elif kind == "ul":
            for item in content:
                put("\u2022 " + plain(item))
            y -= 10
        elif kind == "table":
            for row in content:
                lines.append((72, y, "F1", size, plain(row[0])))
                put(plain(row[1]), x=250)
            y -= 10
        else:
            for line in wrap(plain(content)):
                put(line)
            y -= 10
            footnote = (notes(content) or [footnote])[0]
    new_page()

    objects = []

    def add(body):
        objects.append(body)
        return len(objects)

    def string(text):
        data = text.encode("cp1252")
        return b"(" + data.replace(b"\\", b"\\\\").replace(b"(", b"\\(").replace(b")", b"\\)") + b")"

    catalog = add(None)
    tree = add(None)
    fonts = {
        name: add(f"<< /Type /Font /Subtype /Type1 /BaseFont /{base} /Encoding /WinAnsiEncoding >>".encode())
        for name, base in (("F1", "Helvetica"), ("F2", "Helvetica-Bold"))
    }
    kids = []
    for k, page in enumerate(pages):
        header = [(72, 810, "F1", 9, "Northwind Robotics \xb7 Press release")]
        footer = [(280, 40, "F1", 9, f"Page {k + 1} of {len(pages)}")]
        stream = b"".join(
            b"BT /%s %d Tf %d %d Td %s Tj ET\n" % (f.encode(), pt, x, yy, string(t))
            for x, yy, f, pt, t in header + page + footer
        )
        content = add(b"<< /Length %d >>\nstream\n" % len(stream) + stream + b"\nendstream")
        resources = " ".join(f"/{n} {o} 0 R" for n, o in fonts.items())
        kids.append(add(
            f"<< /Type /Page /Parent {tree} 0 R /MediaBox [0 0 595 842] "
            f"/Resources << /Font << {resources} >> >> /Contents {content} 0 R >>".encode()
        ))
    objects[catalog - 1] = f"<< /Type /Catalog /Pages {tree} 0 R >>".encode()
    objects[tree - 1] = (
        f"<< /Type /Pages /Kids [{' '.join(f'{k} 0 R' for k in kids)}] /Count {len(kids)} >>".encode()
    )
    out = b"%PDF-1.4\n"
    offsets = []
    for number, body in enumerate(objects, 1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % o for o in offsets)
    out += b"trailer\n<< /Size %d /Root %d 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, catalog, xref)
    return out


def write_zip(path, parts):
    with zipfile.ZipFile(path, "w") as z:
        for name, data in parts.items():
            info = zipfile.ZipInfo(name, date_time=(2024, 1, 21, 0, 0, 0))
            info.compress_type = zipfile.ZIP_STORED if name == "mimetype" else zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            z.writestr(info, data.encode("utf-8"))


def main():
    for lang, blocks in PRESS.items():
        base = os.path.join(HERE, f"press.{lang}")
        with open(base + ".txt", "w", encoding="utf-8", newline="\n") as f:
            f.write(text(blocks))
        with open(base + ".html", "w", encoding="utf-8", newline="\n") as f:
            f.write(html(blocks, lang))
        with open(base + ".md", "w", encoding="utf-8", newline="\n") as f:
            f.write(markdown(blocks))
        write_zip(base + ".docx", docx(blocks))
        write_zip(base + ".odt", odt(blocks))
        with open(base + ".pdf", "wb") as f:
            f.write(pdf(blocks))


if __name__ == "__main__":
    main()
