"""Procedure codes in public URLs.

A national code is the path segment itself (`/thu-tuc/1.001193/`); codes contain dots, never
slashes. A province's local code (namespace `local`, for procedures not yet in the national
database) is prefixed with `noi-bo/` (`/thu-tuc/noi-bo/HT-01/`), so the two namespaces never
collide. `{% url 'portal:procedure-detail' procedure %}` takes a `Procedure` or a `ProcedureRef`.
"""

from dataclasses import dataclass

from motcua.catalog.models import CodeNamespace, Procedure

LOCAL_PREFIX = "noi-bo/"


@dataclass(frozen=True)
class ProcedureRef:
    namespace: str
    code: str


class ProcedureRefConverter:
    regex = r"(?:noi-bo/)?[^/]+"

    def to_python(self, value: str) -> ProcedureRef:
        if value.startswith(LOCAL_PREFIX):
            return ProcedureRef(CodeNamespace.LOCAL, value.removeprefix(LOCAL_PREFIX))
        return ProcedureRef(CodeNamespace.NATIONAL, value)

    def to_url(self, value: ProcedureRef | Procedure) -> str:
        prefix = LOCAL_PREFIX if value.namespace == CodeNamespace.LOCAL else ""
        return f"{prefix}{value.code}"
