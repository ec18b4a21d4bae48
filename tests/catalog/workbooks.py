"""Editing catalog workbooks in tests: find a row by its cells, change a cell, add a row."""

import io

from openpyxl import load_workbook

from motcua.catalog.management.commands.make_sample_workbook import (
    SAMPLE_FIELDS,
    sample_specs,
)
from motcua.catalog.models import Field
from motcua.catalog.workbook import KEY_ROW, write_workbook


def sample_workbook() -> bytes:
    return write_workbook(sample_specs())


def sample_fields() -> None:
    """The fields the sample refers to that `catalog_world` does not make."""
    for code, name in SAMPLE_FIELDS.items():
        Field.objects.get_or_create(code=code, defaults={"name": name})


class Book:
    """A workbook opened for editing; cells are named by the machine key of their column."""

    def __init__(self, data: bytes) -> None:
        self.book = load_workbook(io.BytesIO(data))

    def keys(self, sheet: str) -> list[str]:
        return [cell.value for cell in self.book[sheet][KEY_ROW]]

    def column(self, sheet: str, key: str) -> int:
        return self.keys(sheet).index(key) + 1

    def row(self, sheet: str, **match: object) -> int:
        """The number of the first data row whose cells equal `match`."""
        ws = self.book[sheet]
        for number in range(KEY_ROW + 1, ws.max_row + 1):
            if all(self.get(sheet, number, k) == v for k, v in match.items()):
                return number
        raise LookupError(f"no row in {sheet} with {match}")

    def get(self, sheet: str, row: int, key: str) -> object:
        return self.book[sheet].cell(row=row, column=self.column(sheet, key)).value

    def set(self, sheet: str, row: int, key: str, value: object) -> "Book":
        self.book[sheet].cell(row=row, column=self.column(sheet, key)).value = value
        return self

    def append(self, sheet: str, **values: object) -> int:
        ws = self.book[sheet]
        number = int(ws.max_row) + 1
        for key, value in values.items():
            ws.cell(row=number, column=self.column(sheet, key), value=value)
        return number

    def save(self) -> bytes:
        out = io.BytesIO()
        self.book.save(out)
        return out.getvalue()
