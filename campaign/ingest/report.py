"""One import report, in Norwegian, for the CLI and the import page alike."""
from __future__ import annotations

from dataclasses import dataclass

from campaign import fmt
from campaign.ingest import registry
from campaign.store import TABLE_SPECS

REJECTED, UNCHANGED, ACCEPTED = "avvist", "uendret", "ok"
# How a check line starts: a rejecting check (impossible data; a file failing it is rejected) or an
# informing one (surprising but possible; shown, never blocking).
REJECTING, INFORMING = "Avvisende kontroll", "Til informasjon"


@dataclass(frozen=True)
class ReportText:
    """What to say about one file: its status, one headline, the checks and the notes."""
    status: str  # REJECTED, UNCHANGED or ACCEPTED
    headline: str
    checks: tuple[tuple[bool, str], ...] = ()
    notes: tuple[str, ...] = ()

    def failed_checks(self) -> list[str]:
        """The checks that did not hold."""
        return [text for ok, text in self.checks if not ok]


def describe(report) -> ReportText:
    """The report of one file (an importer.FileReport) as Norwegian sentences."""
    if report.error:
        return ReportText(REJECTED, report.error)
    if report.already_imported:
        return ReportText(UNCHANGED, f"{report.source_name}: allerede importert (samme fil), ingenting endres.")
    rows = ", ".join(f"{TABLE_SPECS[t].label} {fmt.number(n)} rader" for t, n in report.rows.items())
    passed = sum(c.ok for c in report.checks)
    parts = [registry.label(report.kind), report.election_id, rows, report.areas]
    headline = (f"{report.source_name}: {', '.join(p for p in parts if p)}; "
                f"erstatter {fmt.number(report.replaces)} rader som finnes fra før; "
                f"kontroller {passed}/{len(report.checks)} i orden{_split(report.checks)}.")
    return ReportText(ACCEPTED, headline, check_lines(report.checks), tuple(report.warnings))


def check_lines(checks) -> tuple[tuple[bool, str], ...]:
    """Rejecting checks first (impossible data: the file would have been rejected), then those «Til informasjon»."""
    ordered = sorted(checks, key=lambda c: not getattr(c, "rejects", False))
    return tuple((c.ok, f"{REJECTING if getattr(c, 'rejects', False) else INFORMING} – {c.name}: {c.message}")
                 for c in ordered)


def _split(checks) -> str:
    rejecting = sum(bool(getattr(c, "rejects", False)) for c in checks)
    if not checks:
        return ""
    return f" ({rejecting} avvisende, {len(checks) - rejecting} til informasjon)"


def as_text(report, verbose: bool = False) -> list[str]:
    """The report as lines for a terminal: a status word, then failed checks (all with verbose)."""
    text = describe(report)
    lines = [f"{text.status.upper():<7} {text.headline}"]
    lines += [f"          {'✓' if ok else '!'} {line}" for ok, line in text.checks if verbose or not ok]
    lines += [f"          – {note}" for note in text.notes] if verbose else []
    return lines
