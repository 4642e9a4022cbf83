"""Baseline: raw text extraction with pypdfium2 and nothing else (what reading costs)."""

import sys

import pypdfium2 as pdfium

chars = 0
for path in sys.argv[1:]:
    pdf = pdfium.PdfDocument(path)
    for page in pdf:
        textpage = page.get_textpage()
        chars += len(textpage.get_text_range())
        textpage.close()
        page.close()
    pdf.close()
print(chars)
