"""ODT (OpenDocument text) export with odfpy: named styles, page breaks per chapter, manuscript header."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from writer_app.export.model import Manuscript, inline_runs, rounded_word_count
from writer_app.export.progress import Progress
from writer_app.export.registry import ExportFormat

SERIF = "Times New Roman"


def _styles(document: Any, manuscript: Manuscript) -> dict[str, Any]:
    """Add fonts, page layouts, master pages and paragraph styles; return the styles by name."""
    from odf.style import (
        FontFace,
        Header,
        HeaderFooterProperties,
        HeaderStyle,
        MasterPage,
        PageLayout,
        PageLayoutProperties,
        ParagraphProperties,
        Style,
        TabStop,
        TabStops,
        TextProperties,
    )
    from odf.text import P, PageNumber

    ms = manuscript.options.manuscript_format
    document.fontfacedecls.addElement(
        FontFace(name=SERIF, fontfamily=f"'{SERIF}'", fontfamilygeneric="roman", fontpitch="variable")
    )
    margin = "1in" if ms else "1.1in"
    layouts = {}
    for name, with_header in (("Body", ms), ("Plain", False)):
        layout = PageLayout(name=f"{name}Layout")
        layout.addElement(
            PageLayoutProperties(
                pagewidth="8.5in", pageheight="11in", printorientation="portrait",
                margintop="0.5in" if with_header else margin, marginbottom=margin,
                marginleft=margin, marginright=margin,
            )
        )
        if with_header:
            header_style = HeaderStyle()
            header_style.addElement(HeaderFooterProperties(minheight="0.3in", marginbottom="0.2in"))
            layout.addElement(header_style)
        document.automaticstyles.addElement(layout)
        layouts[name] = layout

    def paragraph_style(name: str, parent: str | None = "Body", **props: str) -> Any:
        """Add a named paragraph style; ``text_*`` keywords are text properties, the rest paragraph ones."""
        text_props = {k[5:]: v for k, v in props.items() if k.startswith("text_")}
        para_props = {k: v for k, v in props.items() if not k.startswith("text_") and k != "masterpagename"}
        extra = {"masterpagename": props["masterpagename"]} if "masterpagename" in props else {}
        if parent:
            extra["parentstylename"] = parent
        style = Style(name=name, family="paragraph", **extra)
        if para_props:
            style.addElement(ParagraphProperties(**para_props))
        if text_props:
            style.addElement(TextProperties(**text_props))
        document.styles.addElement(style)
        return style

    language, _, country = (manuscript.language or "en-US").partition("-")
    heading_size = "12pt" if ms else "18pt"
    styles = {
        "Body": paragraph_style(
            "Body", parent=None, lineheight="200%" if ms else "115%", textindent="0.5in" if ms else "0.3in",
            margintop="0in", marginbottom="0in", text_fontname=SERIF, text_fontsize="12pt",
            text_language=language or "en", text_country=country or "US",
        ),
        "BodyFirst": paragraph_style("BodyFirst", textindent="0in"),
        "SceneBreak": paragraph_style("SceneBreak", textalign="center", textindent="0in"),
        "Heading": paragraph_style(
            "ChapterHeading", textalign="center", textindent="0in", margintop="2in" if ms else "1in",
            marginbottom="0.3in", keepwithnext="always", breakbefore="page", text_fontsize=heading_size,
        ),
        "ChapterStart": paragraph_style("ChapterStart", breakbefore="page", textindent="0in"),
        "Title": paragraph_style("TitleLine", textalign="center", textindent="0in", margintop="2.5in",
                                 text_fontsize="12pt" if ms else "28pt"),
        "Byline": paragraph_style("Byline", textalign="center", textindent="0in"),
    }
    contact = Style(name="Contact", family="paragraph", parentstylename="Body")
    contact_props = ParagraphProperties(textindent="0in", lineheight="100%")
    stops = TabStops()
    stops.addElement(TabStop(position="6.5in", type="right"))
    contact_props.addElement(stops)
    contact.addElement(contact_props)
    document.styles.addElement(contact)
    styles["Contact"] = contact
    for name, props in (("Italic", {"fontstyle": "italic"}), ("Bold", {"fontweight": "bold"})):
        styles[name] = Style(name=name, family="text")
        styles[name].addElement(TextProperties(**props))
        document.styles.addElement(styles[name])
    header_para = paragraph_style("HeaderRight", textalign="end", textindent="0in", lineheight="100%")

    body_master = MasterPage(name="Standard", pagelayoutname=layouts["Body"])
    if ms:
        header = Header()
        paragraph = P(stylename=header_para, text=f"{manuscript.surname} / {manuscript.title} / ")
        paragraph.addElement(PageNumber(selectpage="current", text="1"))
        header.addElement(paragraph)
        body_master.addElement(header)
    document.masterstyles.addElement(body_master)
    document.masterstyles.addElement(
        MasterPage(name="TitlePage", pagelayoutname=layouts["Plain"], nextstylename="Standard")
    )
    styles["TitlePageStart"] = paragraph_style("TitlePageStart", parent="Contact", masterpagename="TitlePage")
    return styles


def _paragraph(style: Any, text: str, styles: dict[str, Any]) -> Any:
    from odf import teletype
    from odf.text import P, Span

    paragraph = P(stylename=style)
    for run, italic, bold in inline_runs(text):
        target = paragraph
        if italic or bold:
            target = Span(stylename=styles["Italic" if italic else "Bold"])
            paragraph.addElement(target)
        if "  " in run or "\t" in run or "\n" in run:
            teletype.addTextToElement(target, run)
        else:
            target.addText(run)
    return paragraph


def write(manuscript: Manuscript, target: Path, progress: Progress) -> None:
    """Write the manuscript to ``target`` as an OpenDocument text file."""
    from odf.opendocument import OpenDocumentText
    from odf.text import P, Tab

    document = OpenDocumentText()
    for element in _meta(manuscript):
        document.meta.addElement(element)
    styles = _styles(document, manuscript)
    body = document.text
    options = manuscript.options
    if options.title_page:
        if options.manuscript_format:
            lines = [manuscript.author or "Anonymous", *options.contact]
            first = P(stylename=styles["TitlePageStart"], text=lines[0])
            first.addElement(Tab())
            first.addText(rounded_word_count(manuscript.word_count))
            body.addElement(first)
            for line in lines[1:]:
                body.addElement(P(stylename=styles["Contact"], text=line))
            body.addElement(P(stylename=styles["Title"], text=manuscript.title))
        else:
            title = P(stylename=styles["TitlePageStart"])
            body.addElement(title)
            body.addElement(P(stylename=styles["Title"], text=manuscript.title))
        if manuscript.author:
            body.addElement(P(stylename=styles["Byline"], text=f"by {manuscript.author}"))
    total = manuscript.paragraph_count or 1
    done = 0
    writing = progress.stage(0.0, 0.9)  # the rest is saving: the bar never jumps back when it starts
    for chapter in manuscript.chapters:
        writing.step(done, total, "Writing chapters…")
        new_page_style: Any = None
        if chapter.heading:
            body.addElement(P(stylename=styles["Heading"], text=chapter.heading))
        else:
            new_page_style = styles["ChapterStart"]
        indent = not chapter.heading
        for block in chapter.blocks:
            if block.kind == "scene_break":
                style = styles["SceneBreak"]
                indent = False
            elif new_page_style is not None:
                style = new_page_style
            else:
                style = styles["Body" if indent else "BodyFirst"]
                indent = True
            new_page_style = None
            body.addElement(_paragraph(style, block.text, styles))
        done += len(chapter.blocks)
    progress.report(0.9, "Saving…")
    document.save(str(target))
    progress.report(1.0)


def _meta(manuscript: Manuscript) -> list[Any]:
    """Document metadata: title, author (dc:creator and meta:initial-creator), language, generator."""
    from odf.dc import Creator, Language, Title
    from odf.meta import Generator, InitialCreator

    elements = [Title(text=manuscript.title), Generator(text="writer-app"), Language(text=manuscript.language)]
    if manuscript.author:
        elements += [Creator(text=manuscript.author), InitialCreator(text=manuscript.author)]
    return elements


FORMAT = ExportFormat(
    key="odt", label="OpenDocument text (ODT)", extension=".odt", write=write, order=50, supports_manuscript_format=True
)
