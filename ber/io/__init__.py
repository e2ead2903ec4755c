"""Files the user exchanges with other tools: capacity tables (``capacity``: Excel
paste, CSV, XLSX), the results workbook (``excel``), the case embedded in a report PDF
(``pdf_attachment``), and where shipped and per-user data live (``paths``).
"""
