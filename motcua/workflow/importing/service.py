"""The import service: check every line, then write every row in one transaction."""

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

from django.db import transaction

from motcua.accounts.models import User
from motcua.core.audit import audit_record
from motcua.core.errors import ValidationFailed
from motcua.dossiers.models import (
    Apology,
    Dossier,
    DossierComponent,
    DossierEvent,
    DossierPause,
    SequenceCounter,
    StepVisit,
)
from motcua.reports.facts import facts_refresh
from motcua.workflow.importing.lines import Checker, Plan
from motcua.workflow.importing.reading import BATCH, ImportProblem, max_length

_EPOCH = dt.datetime(2000, 1, 1, tzinfo=dt.UTC)


@dataclass(frozen=True)
class ImportReport:
    """What an import did (or, in a dry run or when refused, would have done)."""

    source_system: str
    dry_run: bool
    lines: int  # non-blank lines read
    created: tuple[str, ...] = ()  # codes imported (or to import, in a dry run)
    skipped: tuple[str, ...] = ()  # codes already imported from the same source ("đã có")
    problems: tuple[ImportProblem, ...] = ()

    @property
    def ok(self) -> bool:
        return not self.problems

    @property
    def bad_lines(self) -> int:
        return len({p.line for p in self.problems})


class DossierImportInvalid(ValidationFailed):
    """The file has problems; nothing was written. `problems` lists every one."""

    code = "dossier_import_invalid"

    def __init__(self, report: ImportReport) -> None:
        first = report.problems[0].describe()
        more = f" (và {len(report.problems) - 1} lỗi khác)" if len(report.problems) > 1 else ""
        super().__init__(
            f"Tệp chưa được nhập: {first}{more}",
            details={"problems": [p.as_dict() for p in report.problems]},
        )
        self.report = report
        self.problems = report.problems


def dossier_import(
    *, lines: Iterable[str], source_system: str, actor: User | None, dry_run: bool = False
) -> ImportReport:
    """Import the dossiers of a JSON Lines file from `source_system` (docs/dossier-import.md).

    Every line is checked first and every problem collected. A file with problems raises
    DossierImportInvalid (nothing written); a dry run returns the report with the problems
    instead and never writes. `actor` is who runs the import (None from the command line); the
    imported events have no actor account, only the names the file gives; one audit row (on the
    first imported dossier) records who imported how many dossiers from where.
    """
    source = source_system.strip()
    if not source or len(source) > max_length(Dossier, "source_system"):
        raise ValidationFailed(
            "Phải ghi tên hệ thống nguồn (tối đa 64 ký tự).",
            code="source_required",
            field="source_system",
        )
    with transaction.atomic():
        checker = Checker(source)
        plans, skipped, count = checker.check(lines)
        report = ImportReport(
            source_system=source,
            dry_run=dry_run,
            lines=count,
            created=tuple(p.dossier.code or "" for p in plans),
            skipped=tuple(skipped),
            problems=tuple(sorted(checker.problems, key=lambda p: p.line)),
        )
        if report.problems and not dry_run:
            raise DossierImportInvalid(report)
        if not dry_run and plans:
            write_plans(plans)
            audit_record(
                actor=actor,
                action="dossier.imported",
                obj=plans[0].dossier,
                reason=f"Nhập hồ sơ từ hệ thống {source}.",
                data={
                    "source_system": source,
                    "created": len(plans),
                    "skipped": len(skipped),
                    "first_code": plans[0].dossier.code,
                    "last_code": plans[-1].dossier.code,
                },
            )
    return report


# --- Writing -------------------------------------------------------------------------------------


def write_plans(plans: Sequence[Plan]) -> None:
    """Allocate the missing logbook serials and raise the counters past what is imported, then
    create every row of every plan in bulk."""
    _allocate_serials(plans)
    counters: dict[str, int] = {}
    for plan in plans:
        if plan.code_counter is not None:
            name, sequence = plan.code_counter
            counters[name] = max(counters.get(name, 0), sequence)
    _raise_counters(counters)

    Dossier.objects.bulk_create([plan.dossier for plan in plans], batch_size=BATCH)
    components, visits, events = [], [], []
    for plan in plans:
        pk = plan.dossier.pk
        components += [DossierComponent(dossier_id=pk, **fields) for fields in plan.components]
        visits += [row.model(pk) for row in plan.visits]
        events += [row.model(pk) for row in plan.events]
        for pause in plan.pauses:
            pause.dossier_id = pk
        if plan.apology is not None:
            plan.apology.dossier_id = pk
    DossierComponent.objects.bulk_create(components, batch_size=BATCH)
    StepVisit.objects.bulk_create(visits, batch_size=BATCH)
    DossierEvent.objects.bulk_create(events, batch_size=BATCH)
    DossierPause.objects.bulk_create(
        [row for plan in plans for row in plan.pauses], batch_size=BATCH
    )
    Apology.objects.bulk_create(
        [plan.apology for plan in plans if plan.apology is not None], batch_size=BATCH
    )
    facts_refresh([plan.dossier.pk for plan in plans])


def _allocate_serials(plans: Sequence[Plan]) -> None:
    """Logbook serials: given ones kept; missing ones continue the desk's series for the year,
    skipping the serials given in the file; the counter ends past all of them."""
    groups: dict[str, list[Plan]] = defaultdict(list)
    for plan in plans:
        groups[f"logbook:{plan.dossier.desk.code}:{plan.dossier.logbook_year}"].append(plan)
    current = _counter_values(list(groups))
    wanted: dict[str, int] = {}
    for name, group in groups.items():
        given = {p.logbook_serial for p in group if p.logbook_serial is not None}
        value = current.get(name, 0)
        for plan in sorted(group, key=lambda p: (p.dossier.received_at or _EPOCH, p.line)):
            if plan.logbook_serial is None:
                value += 1
                while value in given:
                    value += 1
                plan.logbook_serial = value
        wanted[name] = max([value, *given])
    for plan in plans:
        plan.dossier.logbook_serial = plan.logbook_serial
        plan.receive_event.data = {**plan.receive_event.data, "logbook_serial": plan.logbook_serial}
    _raise_counters(wanted)


def _counter_values(names: Sequence[str]) -> dict[str, int]:
    values: dict[str, int] = {}
    for start in range(0, len(names), BATCH):
        values.update(
            SequenceCounter.objects.select_for_update()
            .filter(name__in=names[start : start + BATCH])
            .values_list("name", "value")
        )
    return values


def _raise_counters(wanted: Mapping[str, int]) -> None:
    """Set each counter to at least the wanted value (never lower it)."""
    names = list(wanted)
    existing: dict[str, SequenceCounter] = {}
    for start in range(0, len(names), BATCH):
        for row in SequenceCounter.objects.select_for_update().filter(
            name__in=names[start : start + BATCH]
        ):
            existing[row.name] = row
    changed = []
    for name, row in existing.items():
        if row.value < wanted[name]:
            row.value = wanted[name]
            changed.append(row)
    SequenceCounter.objects.bulk_update(changed, ["value"], batch_size=BATCH)
    SequenceCounter.objects.bulk_create(
        [SequenceCounter(name=n, value=v) for n, v in wanted.items() if n not in existing],
        batch_size=BATCH,
    )
