"""Template filters for the public catalog (see motcua.catalog.formatting)."""

from decimal import Decimal

from django import template

from motcua.catalog import formatting
from motcua.catalog.models import CaseVariant, ProcedureVersion

register = template.Library()


@register.filter
def money_vi(amount: Decimal | int, unit: str = "đồng") -> str:
    return formatting.money_vi(amount, unit)


@register.filter
def decimal_vi(value: Decimal | int) -> str:
    return formatting.decimal_vi(value)


@register.filter
def percent_vi(value: Decimal) -> str:
    return formatting.percent_vi(value)


@register.filter
def statutory_limit(variant: CaseVariant) -> str:
    return formatting.time_limit_vi(variant.time_limit_value, variant.time_limit_unit)


@register.filter
def committed_limit(variant: CaseVariant) -> str:
    """The province's committed time; empty when it has not committed to a shorter one."""
    if variant.committed_value is None:
        return ""
    return formatting.time_limit_vi(variant.committed_value, variant.time_limit_unit)


@register.filter
def effective_limit(variant: CaseVariant) -> str:
    return formatting.time_limit_vi(variant.effective_limit, variant.time_limit_unit)


@register.filter
def limits_summary(version: ProcedureVersion) -> str:
    """The committed (else statutory) time limits of a version's case variants, in one phrase.
    Reads `version.variants.all()`: prefetch the variants on lists."""
    return formatting.limits_summary_vi(
        (variant.effective_limit, variant.time_limit_unit) for variant in version.variants.all()
    )
