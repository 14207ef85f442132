"""The data sources the dashboard can import. Adding a source = one module + one line in SOURCES.

Detection, the CLI's options, the import page's upload types and fields, the import log's
labels and the charts' source lines all read from here.
"""
from __future__ import annotations

import importlib
import json
import zipfile

from campaign.demo import DEMO_KIND
from campaign.ingest.base import Check, ImportRejected, ParsedBatch, rejected
from campaign.ingest.source import Option, Sniff, Source

# One line per source: the module in campaign/ingest/ that ends with `SOURCE = Source(...)`.
SOURCE_MODULES = (
    "valg_csv",
    "valg_json",
    "boundaries",
    "ga4",
    "meta_ads",
    "meta_insights",
    "ad_buys",
    "field_calls",
    "field_doors",
    "field_stands",
    "media_stories",
    "events",
    "money",
    "tiktok_studio",
    "tiktok_ads",
    "snapchat_ads",
    "linkedin_ads",
    "zetkin_members",
    "member_counts",
    "district_council",
    "school_election",
)
SOURCES: tuple[Source, ...] = tuple(importlib.import_module(f"campaign.ingest.{m}").SOURCE for m in SOURCE_MODULES)
# Kinds in the import log that no file has: (label, credit).
OTHER_KINDS = {DEMO_KIND: ("Eksempeldata", "Eksempeldata (generert)")}


def by_kind(kind: str) -> Source | None:
    """The source of a kind, or None for kinds no file has (demo) and unknown ones."""
    return next((s for s in SOURCES if s.kind == kind), None)


def label(kind: str) -> str:
    """The Norwegian name of a kind of import ("Valgresultat (CSV)", "Eksempeldata")."""
    source = by_kind(kind)
    return source.label if source else OTHER_KINDS.get(kind, (kind, kind))[0]


def credit(kind: str) -> str:
    """The origin of a kind of import as the charts name it ("Valgdirektoratet / valgresultat.no")."""
    source = by_kind(kind)
    return source.credit if source else OTHER_KINDS.get(kind, (kind, kind))[1]


def upload_extensions() -> list[str]:
    """File endings the import page accepts (each source's, without duplicates)."""
    return list(dict.fromkeys(e for s in SOURCES for e in s.extensions))


def options() -> list[Option]:
    """Every option some source takes, once each, in registry order."""
    return list({o.name: o for s in SOURCES for o in s.options}.values())


def detect(data: bytes, source_name: str) -> Source:
    """The source a file belongs to, from its content; rejects anything no source recognises."""
    sniff = Sniff(data, source_name)
    if not sniff.head:
        raise rejected(source_name, "filen er tom.")
    try:
        sniff.zip_names  # noqa: B018 - read once here so a broken file is named
    except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, EOFError, ValueError):
        raise rejected(source_name, "zip-fila kan ikke åpnes (den er skadet eller ufullstendig).") from None
    try:
        sniff.document  # noqa: B018 - likewise
    except UnicodeDecodeError as exc:
        raise rejected(source_name, f"ugyldig JSON: filen er ikke UTF-8-tekst (byte {exc.start}).") from None
    except json.JSONDecodeError as exc:
        raise rejected(source_name, f"ugyldig JSON (linje {exc.lineno}, tegn {exc.colno}).") from None
    for source in SOURCES:
        if source.recognise(sniff):
            return source
    if sniff.is_zip:
        hints = " eller ".join(s.zip_hint for s in SOURCES if s.zip_hint)
        raise rejected(source_name, f"zip-fila inneholder ingen {hints}.")
    known = "; ".join(s.description for s in SOURCES)
    raise rejected(source_name, f"ukjent filtype. Dashbordet kjenner {known}.")


def parse(data: bytes, source_name: str, config, **given) -> tuple[Source, object]:
    """Detect a file's source and parse it with the options that source takes."""
    source = detect(data, source_name)
    kwargs = {}
    for option in source.options:
        value = given.get(option.name)
        if value in (None, "") and option.required:
            raise rejected(source_name, f"{option.missing} Oppgi --{option.name.replace('_', '-')} på "
                                        f"kommandolinjen, eller velg «{option.label}» på importsiden.")
        if value not in (None, ""):
            if option.choices and value not in option.choices:
                raise rejected(source_name, f"«{value}» er ikke et gyldig valg for {option.label.lower()} "
                                            f"(gyldige: {', '.join(option.choices)}).")
            kwargs[option.name] = value
    batch = source.parse(data, source_name, config, **kwargs)
    return source, enforce_rules(source, batch)


RULES_CHECK = "Umulige data"


def enforce_rules(source: Source, batch: ParsedBatch) -> ParsedBatch:
    """Reject a batch that failed a rejecting check; list the source's rules as one passed rejecting check."""
    failed = [c for c in batch.checks if c.rejects and not c.ok]
    if failed:
        raise rejected(batch.source_name, f"{failed[0].name}: {failed[0].message}")
    if source.rules and not any(c.name == RULES_CHECK for c in batch.checks):
        batch.checks.insert(0, Check(RULES_CHECK, True, "ingen funnet – filen ville ellers blitt avvist: "
                                                        + "; ".join(source.rules) + ".", rejects=True))
    return batch


__all__ = ["SOURCES", "ImportRejected", "by_kind", "credit", "detect", "label", "options", "parse",
           "upload_extensions"]
