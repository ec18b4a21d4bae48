"""Vietnamese accent-insensitive full-text search over procedure versions, on both databases.

- PostgreSQL: `unaccent` through an immutable wrapper (`motcua_unaccent`), so an expression GIN
  index over a weighted `tsvector` (name A, keywords B) serves the query; ranked by `ts_rank`.
- SQLite: an FTS5 table (`catalog_version_fts`, rowid = version id) holding the folded text
  (`motcua.core.text.fold`: FTS5's own diacritic removal leaves đ alone), kept in step by the
  catalog services; ranked by `bm25`.

Both match every word of the query in any order, the last one as a prefix (people type), and
put versions whose name contains the whole folded phrase first.
"""

from collections.abc import Iterable

from django.db import connection
from django.db.backends.base.base import BaseDatabaseWrapper
from django.db.models import BooleanField, FloatField, QuerySet
from django.db.models.expressions import RawSQL

from motcua.catalog.models import ProcedureVersion, VersionSearchEntry
from motcua.core.text import search_terms, search_text

FTS_TABLE = "catalog_version_fts"
MAX_TERMS = 12

# The weighted vector: the name (A) and the keywords (B), folded by motcua_search_text.
PG_VECTOR_EXPR = (
    "setweight(to_tsvector('simple'::regconfig, motcua_search_text(name)), 'A')"
    " || setweight(to_tsvector('simple'::regconfig, motcua_search_text(search_keywords)), 'B')"
)
PG_SETUP = [
    "CREATE EXTENSION IF NOT EXISTS unaccent",
    # unaccent() is STABLE (it reads a dictionary chosen at run time); naming the dictionary
    # makes the result depend on the argument only, so it may be IMMUTABLE and indexed.
    # unaccent before lower: lower() folds only ASCII under the C locale.
    """CREATE OR REPLACE FUNCTION motcua_unaccent(text) RETURNS text
       LANGUAGE sql IMMUTABLE PARALLEL SAFE STRICT
       AS $$ SELECT lower(public.unaccent('public.unaccent'::regdictionary, $1)) $$""",
    # The words only, as motcua.core.text.search_text: "1.000894" is two words, as on SQLite.
    """CREATE OR REPLACE FUNCTION motcua_search_text(text) RETURNS text
       LANGUAGE sql IMMUTABLE PARALLEL SAFE
       AS $$ SELECT trim(regexp_replace(motcua_unaccent(coalesce($1, '')), '[^0-9a-z]+', ' ', 'g'))
       $$""",
    # Stored, so ranking reads it instead of folding every matching name again.
    "ALTER TABLE catalog_procedureversion ADD COLUMN IF NOT EXISTS search_vector tsvector "
    f"GENERATED ALWAYS AS ({PG_VECTOR_EXPR}) STORED",
    "CREATE INDEX IF NOT EXISTS catalog_version_search_gin ON catalog_procedureversion "
    "USING gin (search_vector)",
]
PG_TEARDOWN = [
    "DROP INDEX IF EXISTS catalog_version_search_gin",
    "ALTER TABLE catalog_procedureversion DROP COLUMN IF EXISTS search_vector",
    "DROP FUNCTION IF EXISTS motcua_search_text(text)",
    "DROP FUNCTION IF EXISTS motcua_unaccent(text)",
]
SQLITE_SETUP = [
    f"CREATE VIRTUAL TABLE IF NOT EXISTS {FTS_TABLE} USING fts5("
    "name, keywords, tokenize = 'unicode61 remove_diacritics 2')",
]
SQLITE_TEARDOWN = [f"DROP TABLE IF EXISTS {FTS_TABLE}"]


def search_setup(db: BaseDatabaseWrapper) -> None:
    """Create the database objects search needs (run by the catalog migration)."""
    statements = {"postgresql": PG_SETUP, "sqlite": SQLITE_SETUP}.get(db.vendor, [])
    with db.cursor() as cursor:
        for sql in statements:
            cursor.execute(sql)


def search_teardown(db: BaseDatabaseWrapper) -> None:
    statements = {"postgresql": PG_TEARDOWN, "sqlite": SQLITE_TEARDOWN}.get(db.vendor, [])
    with db.cursor() as cursor:
        for sql in statements:
            cursor.execute(sql)


def search_index_update(*, version_ids: Iterable[int]) -> None:
    """Bring the SQLite index in step with these versions (PostgreSQL indexes by itself)."""
    if connection.vendor != "sqlite":
        return
    ids = list(version_ids)
    if not ids:
        return
    rows = ProcedureVersion.objects.filter(pk__in=ids).values_list("pk", "name", "search_keywords")
    with connection.cursor() as cursor:
        cursor.executemany(f"DELETE FROM {FTS_TABLE} WHERE rowid = %s", [(pk,) for pk in ids])
        cursor.executemany(
            f"INSERT INTO {FTS_TABLE} (rowid, name, keywords) VALUES (%s, %s, %s)",
            [(pk, search_text(name), search_text(keywords)) for pk, name, keywords in rows],
        )


def search_index_rebuild() -> int:
    """Re-index every version (SQLite); returns how many were indexed."""
    if connection.vendor != "sqlite":
        return 0
    with connection.cursor() as cursor:
        cursor.execute(f"DELETE FROM {FTS_TABLE}")
    ids = list(ProcedureVersion.objects.values_list("pk", flat=True))
    for start in range(0, len(ids), 500):
        search_index_update(version_ids=ids[start : start + 500])
    return len(ids)


def apply_text_search(
    queryset: QuerySet[ProcedureVersion], text: str
) -> QuerySet[ProcedureVersion]:
    """Keep the versions matching every word of `text`, best first. Empty text: no change."""
    terms = search_terms(text)[:MAX_TERMS]
    if not terms:
        return queryset
    table = ProcedureVersion._meta.db_table
    if connection.vendor == "postgresql":
        words = " & ".join([*terms[:-1], terms[-1] + ":*"])
        # The whole phrase, in order, in the name (weight A).
        phrase = " <-> ".join([*(t + ":A" for t in terms[:-1]), terms[-1] + ":*A"])
        return (
            queryset.filter(
                RawSQL(
                    f"{table}.search_vector @@ to_tsquery('simple', %s)",
                    (words,),
                    output_field=BooleanField(),
                )
            )
            .annotate(
                search_phrase=RawSQL(
                    f"{table}.search_vector @@ to_tsquery('simple', %s)",
                    (phrase,),
                    output_field=BooleanField(),
                ),
                search_rank=RawSQL(
                    f"ts_rank({table}.search_vector, to_tsquery('simple', %s))",
                    (words,),
                    output_field=FloatField(),
                ),
            )
            .order_by("-search_phrase", "-search_rank", "name", "pk")
        )
    # SQLite: the FTS5 table finds the matching versions (a subquery it runs once); they are
    # ranked by what their folded names hold: the whole phrase, how many of the words, brevity.
    match = " ".join(f'"{t}"' for t in terms[:-1]) + f' "{terms[-1]}"*'
    matching = VersionSearchEntry.objects.filter(name__fts=match).values("version_id")
    in_name = " + ".join(["(instr(' ' || search_name || ' ', %s) > 0)"] * len(terms))
    return (
        queryset.filter(pk__in=matching)
        .annotate(
            search_phrase=RawSQL(
                "instr(search_name, %s) > 0", (" ".join(terms),), output_field=BooleanField()
            ),
            search_rank=RawSQL(
                f"({in_name}) * 1000 - length(search_name)",
                tuple(f" {t}" for t in terms),
                output_field=FloatField(),
            ),
        )
        .order_by("-search_phrase", "-search_rank", "name", "pk")
    )
