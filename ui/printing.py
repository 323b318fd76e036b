"""Printing the list of documents to bring, so residents leave with it on paper; and printing
a receipt or form the resident downloaded in the portal view.

Help points often have no printer attached; then the list is saved as a PDF in the app's cache
folder for a volunteer to print. Only catalog text goes on the checklist — never anything typed.
A portal download is the resident's own file: it is printed as it is, or not at all (it lives
in the session's folder, which is deleted when the session ends).
"""

from __future__ import annotations

import html
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QFont, QPageSize, QTextDocument
from PySide6.QtPrintSupport import QPrinter, QPrinterInfo

from kiosk.paths import app_dirs
from ui.theme import FONT_FAMILY

PDF_NAME = "danh-sach-giay-to.pdf"
SLIP_PDF_NAME = "phieu-theo-doi-ho-so.pdf"
PRINT_POINT_SIZE = 16
# Windows always lists "printers" that only make files and would open a save dialog on a kiosk.
VIRTUAL_PRINTER_WORDS = ("pdf", "xps", "onenote", "fax", "send to", "print to file")


def is_virtual_printer(name: str) -> bool:
    """Whether a printer name looks like a file-writing printer rather than paper."""
    lowered = name.casefold()
    return any(word in lowered for word in VIRTUAL_PRINTER_WORDS)


@dataclass(frozen=True)
class Checklist:
    """What goes on the paper: the procedure's name, the documents, and a line about where."""

    title: str
    heading: str
    items: tuple[str, ...]
    footer: str = ""
    # A caption for an EMPTY box under the items, where the resident copies her mã hồ sơ by
    # hand: the kiosk never sees the code, so it cannot print it.
    box_caption: str = ""
    pdf_name: str = PDF_NAME  # the file's name when there is no printer


@dataclass(frozen=True)
class PrintResult:
    """How printing went: sent to a printer, or saved as `pdf` because there was none."""

    printed: bool
    pdf: Path | None = None


def checklist_document(checklist: Checklist) -> QTextDocument:
    """The checklist as a simple, large-print document (every piece of text escaped)."""
    items = "".join(f"<li>{html.escape(item)}</li>" for item in checklist.items)
    footer = f"<p>{html.escape(checklist.footer)}</p>" if checklist.footer else ""
    if checklist.box_caption:
        footer += (
            f"<p><b>{html.escape(checklist.box_caption)}</b></p>"
            '<table border="2" cellpadding="8" cellspacing="0" width="100%">'
            # QTextDocument ignores a cell's height: empty lines give the pen room.
            "<tr><td>&nbsp;<br>&nbsp;<br>&nbsp;</td></tr></table>"
        )
    document = QTextDocument()
    # Large print for older eyes; the bundled font carries every Vietnamese diacritic.
    document.setDefaultFont(QFont(FONT_FAMILY, PRINT_POINT_SIZE))
    document.setHtml(
        f"<h1>{html.escape(checklist.title)}</h1>"
        f"<h2>{html.escape(checklist.heading)}</h2>"
        f"<ul>{items}</ul>{footer}"
    )
    return document


def paper_printers(printers: Callable[[], Sequence[QPrinterInfo]]) -> QPrinter | None:
    """A printer that puts ink on paper (the default one if it is real), or None."""
    real = [p for p in printers() if not is_virtual_printer(p.printerName())]
    if not real:
        return None
    default = QPrinterInfo.defaultPrinter()
    names = {p.printerName() for p in real}
    use_default = not default.isNull() and default.printerName() in names
    printer = QPrinter(default if use_default else real[0])
    printer.setPageSize(QPageSize(QPageSize.PageSizeId.A4))
    return printer


PRINTABLE_SUFFIXES = (".pdf", ".png", ".jpg", ".jpeg")


def print_file(path: Path, printer: QPrinter) -> int:
    """Print a PDF (page by page, rendered at 200 dpi) or a picture on `printer`; the number
    of pages printed. Raises ValueError for other kinds of file and OSError for a broken one.
    Safe off the GUI thread (no widget is involved)."""
    from PySide6.QtCore import QRect, QSize
    from PySide6.QtGui import QImage, QPainter

    suffix = path.suffix.lower()
    if suffix not in PRINTABLE_SUFFIXES:
        raise ValueError(f"cannot print a {suffix or 'nameless'} file")
    images: list[QImage] = []
    if suffix == ".pdf":
        from PySide6.QtPdf import QPdfDocument

        document = QPdfDocument()
        if document.load(str(path)) != QPdfDocument.Error.None_:
            raise OSError("the PDF could not be read")
        for index in range(document.pageCount()):
            points = document.pagePointSize(index)
            pixels = QSize(round(points.width() * 200 / 72), round(points.height() * 200 / 72))
            images.append(document.render(index, pixels))
        document.close()
    else:
        image = QImage(str(path))
        if image.isNull():
            raise OSError("the picture could not be read")
        images.append(image)
    if not images:
        raise OSError("the file has no pages")
    printer.setDocName(path.name)
    painter = QPainter()
    if not painter.begin(printer):
        raise OSError("the printer did not start")
    try:
        for number, image in enumerate(images):
            if number:
                printer.newPage()
            area = painter.viewport()
            size = image.size().scaled(area.size(), Qt.AspectRatioMode.KeepAspectRatio)
            painter.setViewport(QRect(area.x(), area.y(), size.width(), size.height()))
            painter.setWindow(image.rect())
            painter.drawImage(0, 0, image)
            painter.setViewport(area)
    finally:
        painter.end()
    return len(images)


class ChecklistPrinter:
    """Prints on the default printer, or writes a PDF to the cache folder when none is attached."""

    def __init__(
        self, printers: Callable[[], Sequence[QPrinterInfo]] = QPrinterInfo.availablePrinters
    ) -> None:
        # The printer lookup is Qt's; it is a parameter so a test can stand for "no printer".
        self._printers = printers

    def print_checklist(self, checklist: Checklist) -> PrintResult:
        """Print `checklist`; raises OSError when neither a printer nor the PDF file works."""
        document = checklist_document(checklist)
        printer = paper_printers(self._printers)
        if printer is not None:
            printer.setDocName(checklist.heading)
            document.print_(printer)
            return PrintResult(printed=True)
        folder = app_dirs().cache
        folder.mkdir(parents=True, exist_ok=True)
        path = folder / checklist.pdf_name
        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
        printer.setOutputFileName(str(path))
        printer.setDocName(checklist.heading)
        printer.setPageSize(QPageSize(QPageSize.PageSizeId.A4))
        document.print_(printer)
        if not path.is_file() or path.stat().st_size == 0:
            raise OSError(f"the PDF was not written to {path}")
        return PrintResult(printed=False, pdf=path)
