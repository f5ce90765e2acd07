"""A workbook's cells as text, sheet by sheet, for the battery's comparison (tools/battery.sh)."""
import sys

import openpyxl

book = openpyxl.load_workbook(sys.argv[1])
for sheet in book.worksheets:
    print(f"== {sheet.title}")
    for row in sheet.iter_rows(values_only=True):
        print("\t".join("" if v is None else str(v) for v in row))
