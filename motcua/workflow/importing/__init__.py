"""Import dossiers with their whole history from a previous system (format: docs/dossier-import.md).

A province switching to motcua keeps its history: each line of a JSON Lines file is one received
dossier with its events in order. The import replays those events through the same transition
table and pinned process as the workflow services, so an imported dossier has the same rows a
natively processed one has — step visits with the steps' budgets and the working time used on the
acting agency's calendar, supplement and financial pauses, the clock restarted by a completed
supplement, the event log with its status and step chain, the apology — and the deadline engine
and the reports treat it exactly like one received here. No file, no notification, no form number
is produced; events carry `{"imported": true}` and have no actor account (only `actor_name`).

Checks are line by line and collect every problem (line, field path, stable code, message). A file
is all or nothing: one transaction, nothing written if any line is wrong. Lines are keyed by the
dossier code: a code already imported from the same source is skipped ("đã có"), a code that
exists in motcua or came from another source is a problem. Logbook serials given in the file must
be free; missing ones are allocated after the desk's last serial of that year; the counters of
logbook serials and of motcua-format dossier codes are raised past what was imported, so dossiers
received later never collide with imported ones.

The import reads the workflow's rules (`workflow.transitions`, `workflow.intake`) instead of
calling its services: the services act now, for an account, one dossier per transaction, with
side effects; an import writes finished history in bulk.

- `reading`: the problems, and typed readers of a line's JSON values;
- `catalog`: procedure versions, variants with their process, desks and agencies, cached;
- `lines`: checking each line into the plan of the rows it will write;
- `replay`: the events played on the unsaved dossier (statuses, visits, pauses, clocks);
- `service`: `dossier_import`, the report, and the bulk write.
"""

from motcua.workflow.importing.reading import ImportProblem
from motcua.workflow.importing.service import DossierImportInvalid, ImportReport, dossier_import

__all__ = ["DossierImportInvalid", "ImportProblem", "ImportReport", "dossier_import"]
