"""Export a project to text, Markdown, HTML, DOCX, ODT, PDF or EPUB, with typography polished on the way out.

Entry points: :func:`writer_app.export.writer.export_project` (safe, atomic, with progress and cancel),
:class:`writer_app.export.model.ExportOptions`, :func:`writer_app.export.registry.formats` and
:func:`writer_app.export.polish.polish_text`. Plain Python; the PDF module uses QtGui (never QtWidgets).
"""
