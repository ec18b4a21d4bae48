"""The catalog and the organisation an import refers to, loaded once per import."""

from dataclasses import dataclass
from decimal import Decimal

from django.db.models import Prefetch

from motcua.accounts.models import Agency, Desk
from motcua.catalog.models import (
    CaseVariant,
    Component,
    ProcedureVersion,
    ProcessStep,
    StepKind,
    VersionStatus,
)


@dataclass
class VariantInfo:
    """A case variant's process, components and fees, with targets as the canonical step rows."""

    variant: CaseVariant
    steps: dict[str, ProcessStep]
    forward: dict[int, list[ProcessStep]]
    back: dict[int, list[ProcessStep]]
    components: list[Component]
    fees: Decimal

    @property
    def reception(self) -> ProcessStep | None:
        """The step reception opens (as `workflow.intake._reception_step`)."""
        ordered = sorted(self.steps.values(), key=lambda s: s.position)
        for step in ordered:
            if step.kind == StepKind.RECEPTION:
                return step
        return ordered[0] if ordered else None

    def returns(self) -> list[ProcessStep]:
        return sorted(
            (s for s in self.steps.values() if s.kind == StepKind.RETURN), key=lambda s: s.position
        )


class Catalog:
    def __init__(self) -> None:
        self._versions: dict[str, list[ProcedureVersion]] = {}
        self._variants: dict[int, VariantInfo] = {}
        self._desks: dict[str, Desk | None] = {}
        self._agencies: dict[str, Agency | None] = {}
        self._served: dict[int, set[int]] = {}

    def versions(self, procedure_code: str) -> list[ProcedureVersion]:
        if procedure_code not in self._versions:
            steps = ProcessStep.objects.select_related("agency").prefetch_related(
                "forward_to", "send_back_to"
            )
            variants = CaseVariant.objects.prefetch_related(
                "components", "fees", Prefetch("steps", queryset=steps)
            )
            self._versions[procedure_code] = list(
                ProcedureVersion.objects.filter(
                    procedure__code=procedure_code, status=VersionStatus.PUBLISHED
                )
                .select_related("procedure")
                .prefetch_related("executing_agencies", Prefetch("variants", queryset=variants))
                .order_by("number")
            )
        return self._versions[procedure_code]

    def variant(self, variant: CaseVariant) -> VariantInfo:
        if variant.pk not in self._variants:
            rows = list(variant.steps.all())
            by_pk = {s.pk: s for s in rows}
            self._variants[variant.pk] = VariantInfo(
                variant=variant,
                steps={s.code: s for s in rows},
                forward={s.pk: [by_pk[t.pk] for t in s.forward_to.all()] for s in rows},
                back={s.pk: [by_pk[t.pk] for t in s.send_back_to.all()] for s in rows},
                components=list(variant.components.all()),
                fees=sum((f.amount for f in variant.fees.all()), Decimal(0)),
            )
        return self._variants[variant.pk]

    def desk(self, code: str) -> Desk | None:
        if code not in self._desks:
            desk = Desk.objects.select_related("host").filter(code=code).first()
            self._desks[code] = desk
            if desk is not None:
                self._served[desk.pk] = set(desk.serves.values_list("pk", flat=True)) | {
                    desk.host_id
                }
        return self._desks[code]

    def served_by(self, desk: Desk) -> set[int]:
        return self._served[desk.pk]

    def agency(self, code: str) -> Agency | None:
        if code not in self._agencies:
            self._agencies[code] = Agency.objects.filter(code=code).first()
        return self._agencies[code]
