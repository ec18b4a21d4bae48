"""`python manage.py report <report> …`: report figures for scripts, with the whole province in
scope (no actor).

    report timeliness --agency CODE --from 2026-01-01 --to 2026-03-31 --format json|csv
                      [--group-by agency|field|procedure|channel|none]

prints the timeliness statistics of the agency and its sub-tree (every agency without `--agency`)
for the period (`period_between`: whole months, quarters and years are recognised). Keys are the
stable English figure codes of `motcua.reports.timeliness.FIGURES` and the derived names
(`to_process`, `late_rate`, `on_time_rate`, …):

- JSON: `{"report", "agency": {"code", "name"} | null, "period": {"kind", "token", "label",
  "from", "to"}, "group_by", "total": {...}, "rows": [{..., "units": [...]}]}` — rates as
  numbers with two decimals, `null` when there is nothing to divide by; `units` (by agency only)
  are the agencies under a row, each with its own dossiers.
- CSV: a header row of the same keys after `row_type` (`row`, `unit` for the sub-units under the
  preceding row, `total` last); rates with a dot as decimal separator, empty when undefined. No
  byte-order mark (the output is for programs).

Errors (unknown agency, bad dates) end with a message in Vietnamese and exit code 1.
"""

import csv
import io
import json
from argparse import ArgumentParser
from decimal import Decimal
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from motcua.core.errors import DomainError
from motcua.reports.services import ReportParams, report_params_parse
from motcua.reports.timeliness import DERIVED, FIGURES, GROUPS, TimelinessRow, timeliness_table

KEYS = ("key", "label", *(f.code for f in FIGURES), *DERIVED)


def _csv_value(value: object) -> str:
    if value is None:
        return ""
    return str(value)  # Decimal keeps two places: "97.50"


def _csv_row(row_type: str, row: TimelinessRow) -> list[str]:
    values: list[object] = [row.key, row.label, *(row[f.code] for f in FIGURES)]
    values.extend(getattr(row, name) for name in DERIVED)
    return [row_type, *(_csv_value(v) for v in values)]


class Command(BaseCommand):
    help = (
        "In số liệu báo cáo cho các chương trình khác (JSON hoặc CSV). "
        "Print report figures for scripts (JSON or CSV)."
    )

    def add_arguments(self, parser: ArgumentParser) -> None:
        assert isinstance(parser, CommandParser)
        reports = parser.add_subparsers(dest="report", required=True, metavar="REPORT")
        timeliness = reports.add_parser(
            "timeliness",
            help="Tình hình tiếp nhận và giải quyết hồ sơ (timeliness statistics).",
        )
        timeliness.add_argument(
            "--agency", default="", help="Mã cơ quan (gồm cả các đơn vị trực thuộc)."
        )
        timeliness.add_argument("--from", dest="first", required=True, help="Từ ngày (2026-01-01).")
        timeliness.add_argument("--to", dest="last", required=True, help="Đến ngày (2026-03-31).")
        timeliness.add_argument("--format", dest="output", choices=("json", "csv"), default="json")
        timeliness.add_argument("--group-by", dest="group_by", choices=GROUPS, default="agency")

    def handle(self, *args: Any, report: str, **options: Any) -> None:
        if report == "timeliness":
            self.timeliness(**options)
        else:  # argparse only lets the reports above through
            raise CommandError(f"Không có báo cáo «{report}».")

    def _params(self, values: dict[str, str]) -> ReportParams:
        try:
            return report_params_parse(actor=None, params=values)
        except DomainError as exc:
            if exc.code == "agency_not_found":
                raise CommandError(f"Không có cơ quan mã «{values['agency']}».") from exc
            raise CommandError(exc.message) from exc

    def timeliness(
        self, *, agency: str, first: str, last: str, output: str, group_by: str, **_: Any
    ) -> None:
        params = self._params(
            {"agency": agency, "from": first, "to": last, "group_by": group_by, "period": ""}
        )
        table = timeliness_table(
            report=params.filter, period=params.period, group_by=params.group_by
        )
        if output == "csv":
            buffer = io.StringIO()
            writer = csv.writer(buffer, lineterminator="\n")
            writer.writerow(["row_type", *KEYS])
            for row in table.rows:
                writer.writerow(_csv_row("row", row))
                for unit in row.children:
                    writer.writerow(_csv_row("unit", unit))
            writer.writerow(_csv_row("total", table.total))
            self.stdout.write(buffer.getvalue(), ending="")
            return
        chosen = params.filter.agency
        period = params.period
        rows: list[dict[str, object]] = []
        for row in table.rows:
            data = row.as_dict()
            if table.group_by == "agency":
                data["units"] = [unit.as_dict() for unit in row.children]
            rows.append(data)
        document = {
            "report": "timeliness",
            "agency": {"code": chosen.code, "name": chosen.name} if chosen else None,
            "period": {
                "kind": period.kind.value,
                "token": period.token,
                "label": period.label,
                "from": period.first.isoformat(),
                "to": period.last.isoformat(),
            },
            "group_by": table.group_by,
            "total": table.total.as_dict(),
            "rows": rows,
        }
        self.stdout.write(json.dumps(document, ensure_ascii=False, indent=2, default=_json_default))


def _json_default(value: object) -> object:
    if isinstance(value, Decimal):
        return float(value)
    raise TypeError(type(value).__name__)
