"""The data dictionary: what each column of each stored table (schema.TABLE_SPECS) means, in Norwegian.

One entry per column: (meaning, unit); unit "" when the column is a name, a code or a date.
tests/test_dictionary.py fails when a table in schema.TABLE_SPECS gains a column without an entry
here. The «Data» page and the «SQL» page show these; README's data dictionary points to them.
"""
from __future__ import annotations

import pyarrow as pa

from campaign.schema import TABLE_SPECS

# import_id ends every table's columns (the import log's key).
COMMON = {"import_id": ("importen raden kom fra (nøkkel i importloggen)", "")}
ELECTION = ("valget, f.eks. ko2023 (ko = kommunestyre, fy = fylkesting, st = storting)", "")
DAY = ("dagen tallene gjelder", "")
PLATFORM = ("plattformen (facebook, instagram, tiktok, meta, snapchat, linkedin …)", "")
FIRST, LAST = ("første dag i perioden tallene gjelder", ""), ("siste dag i perioden tallene gjelder", "")

COLUMNS: dict[str, dict[str, tuple[str, str]]] = {
    "elections": {"election_id": ELECTION, "kind": ("valgtype: ko, fy, st, sa eller skolevalg", ""),
                  "year": ("valgåret", "år"), "election_date": ("valgdagen", ""), "name": ("valgets navn", "")},
    "results": {
        "election_id": ELECTION, "area_level": ("nivået raden gjelder: krets, bydel, kommune eller fylke", ""),
        "fylke_id": ("fylkesnummer (2 sifre)", ""), "kommune_id": ("kommunenummer (4 sifre)", ""),
        "bydel_id": ("bydelsnummer (6 sifre); tom utenfor bydeler", ""),
        "krets_id": ("stemmekretsens nummer (kommune-krets)", ""), "krets_name": ("stemmekretsens navn", ""),
        "party_code": ("partikoden (SV, A, H …)", ""), "party_name": ("partiets navn", ""),
        "advance_votes": ("forhåndsstemmer", "stemmer"), "election_day_votes": ("stemmer på valgdagen", "stemmer"),
        "votes": ("godkjente stemmer i alt", "stemmer"), "kommune_name": ("kommunens navn fra fila", "")},
    "mandates": {
        "election_id": ELECTION, "area_level": ("nivået: valgdistrikt/fylke eller kommune", ""),
        "area_id": ("områdets nummer", ""), "area_name": ("områdets navn", ""), "party_code": ("partikoden", ""),
        "seats": ("mandater i alt", "mandater"), "leveling_seats": ("utjevningsmandater", "mandater")},
    "turnout": {
        "election_id": ELECTION, "area_level": ("nivået: krets, bydel eller kommune", ""),
        "area_id": ("områdets nummer", ""), "area_name": ("områdets navn", ""),
        "kommune_id": ("kommunenummer", ""), "bydel_id": ("bydelsnummer; tom utenfor bydeler", ""),
        "eligible_voters": ("stemmeberettigede", "personer"), "votes_cast": ("avgitte stemmer", "stemmer")},
    "social": {
        "date": DAY, "platform": PLATFORM, "account": ("kontoen (siden eller profilen)", ""),
        "metric": ("målet: reach, views, likes, comments, shares, followers, new_followers, posts …", ""),
        "value": ("verdien av målet den dagen", "antall")},
    "ads": {
        "date": DAY, "platform": PLATFORM, "campaign": ("annonsekampanjen", ""),
        "spend_nok": ("annonsekostnad", "kr"), "impressions": ("visninger", "visninger"),
        "reach": ("rekkevidde den dagen (kan ikke summeres over dager)", "personer"),
        "link_clicks": ("lenkeklikk", "klikk"), "landing_page_views": ("visninger av landingssiden", "visninger"),
        "video_p25": ("videoavspillinger til 25 %", "avspillinger"),
        "video_p50": ("videoavspillinger til 50 %", "avspillinger"),
        "video_p75": ("videoavspillinger til 75 %", "avspillinger"),
        "video_p100": ("videoavspillinger til slutten", "avspillinger")},
    "ads_period": {
        "platform": PLATFORM, "campaign": ("annonsekampanjen (tom = hele kontoen)", ""),
        "first_date": FIRST, "last_date": LAST,
        "reach": ("plattformens unike rekkevidde for hele perioden", "personer"),
        "impressions": ("visninger i perioden", "visninger"), "frequency": ("visninger per person nådd", "ganger"),
        "spend_nok": ("annonsekostnad i perioden", "kr"), "link_clicks": ("lenkeklikk i perioden", "klikk"),
        "landing_page_views": ("visninger av landingssiden i perioden", "visninger")},
    "web": {
        "date": DAY, "site": ("nettstedet (GA4-egenskapen)", ""), "channel": ("kanalen besøket kom fra", ""),
        "sessions": ("økter (besøk)", "økter"), "engaged_sessions": ("engasjerte økter", "økter"),
        "users": ("brukere", "brukere"), "views": ("sidevisninger", "visninger")},
    "web_pages": {
        "date": DAY, "site": ("nettstedet", ""), "page": ("siden (sti)", ""),
        "views": ("sidevisninger", "visninger"), "users": ("brukere", "brukere")},
    "audience": {
        "first_date": FIRST, "last_date": LAST, "platform": PLATFORM, "account": ("kontoen", ""),
        "dimension": ("hva publikum er delt etter: gender, age, city, country …", ""),
        "bucket": ("gruppen (f.eks. Female, 25-34, Oslo)", ""), "share": ("gruppens andel av publikum", "andel 0–1")},
    "ad_buys": {
        "first_date": FIRST, "last_date": LAST, "channel": ("kanalen (utendørs, avis, Google, sms …)", ""),
        "supplier": ("leverandøren eller kjøpet", ""), "spend_nok": ("kostnad", "kr"),
        "impressions": ("visninger eller opplag", "visninger"),
        "landing_page_views": ("visninger av landingssiden", "visninger")},
    "field_calls": {
        "date": DAY, "assignment": ("ringeoppdraget (velgere, medlemmer …)", ""), "shift": ("vakten", ""),
        "calls_made": ("oppringinger", "samtaler"), "calls_reached": ("personer nådd", "samtaler"),
        "positive": ("positive svar", "samtaler"), "undecided": ("usikre", "samtaler"),
        "negative": ("negative svar", "samtaler"), "wrong_number": ("feil nummer", "samtaler")},
    "field_doors": {
        "date": DAY, "place": ("stedet det ble banket på", ""), "bydel_id": ("bydelsnummer", ""),
        "krets_id": ("stemmekretsens nummer", ""), "kommune_id": ("kommunenummer", ""),
        "doors": ("dører banket på", "dører"), "conversations": ("samtaler på døra", "samtaler"),
        "participants": ("frivillige som deltok", "personer")},
    "field_stands": {
        "date": DAY, "place": ("standens sted", ""), "hours": ("timer standen sto", "timer"),
        "people": ("personer på vakt", "personer"), "leaflets": ("løpesedler delt ut", "stykk")},
    "members": {
        "date": ("dagen medlemstallet gjelder", ""), "branch": ("lokallaget", ""),
        "members": ("medlemmer", "personer"), "active": ("aktive medlemmer", "personer"),
        "activists": ("aktivister", "personer")},
    "media": {
        "date": DAY, "outlet": ("mediet", ""), "topic": ("saken handlet om", ""),
        "kind": ("type sak (nyhet, debatt, kronikk …)", ""), "stories": ("mediesaker", "saker")},
    "events": {
        "date": DAY, "kind": ("type arrangement", ""), "name": ("arrangementets navn", ""),
        "attendance": ("deltakere", "personer")},
    "money": {
        "date": DAY, "kind": ("type penger (faste givere, innsamling …)", ""),
        "amount_nok": ("beløp", "kr"), "donors": ("givere", "personer")},
    "district_council": {
        "election_id": ("bydelsutvalgsvalget, f.eks. bu2023", ""), "bydel_id": ("bydelsnummer (6 sifre)", ""),
        "party_code": ("partikoden", ""), "party_name": ("partiets navn", ""),
        "votes": ("godkjente stemmer", "stemmer"), "seats": ("mandater i bydelsutvalget", "mandater")},
    "school_election": {
        "election_id": ("skolevalget, f.eks. skolevalg2023", ""), "school": ("skolen", ""),
        "party_code": ("partikoden", ""), "party_name": ("partiets navn", ""),
        "votes": ("stemmer", "stemmer")},
    "boundaries": {
        "level": ("nivået: kommune, bydel eller krets", ""), "area_id": ("områdets nummer", ""),
        "area_name": ("områdets navn", ""), "kommune_id": ("kommunenummer", ""),
        "bydel_id": ("bydelsnummer", ""), "geometry": ("grensen som GeoJSON (EPSG:4326)", ""),
        "attribution": ("kilden kartet skal krediteres", "")},
    "saved_questions": {
        "name": ("spørsmålets navn på «Utforsk»", ""), "question_json": ("spørsmålet (datasett, filtre, gruppering) som JSON", ""),
        "saved_at": ("når spørsmålet ble lagret", ""), "saved_by": ("hvem som lagret det", "")},
    "imports": {
        "imported_at": ("når importen ble gjort", ""), "kind": ("kildetypen (valg_csv, meta_ads …)", ""),
        "source_name": ("filnavnet", ""), "sha256": ("filens sjekksum (samme fil to ganger gjenkjennes)", ""),
        "rows": ("rader importert", "rader"), "first_date": ("første dag fila dekker", ""),
        "last_date": ("siste dag fila dekker", ""), "election_id": ("valget eller valgene fila gjelder", ""),
        "replaced_rows": ("eldre rader importen erstattet", "rader"),
        "area": ("området (fylkesnummer) som avgjorde hvilke rader som ble beholdt", "")},
}


def entry(table: str, column: str) -> tuple[str, str] | None:
    """(meaning, unit) of a column, or None when it is undocumented."""
    return COLUMNS.get(table, {}).get(column) or COMMON.get(column)


def type_name(data_type: pa.DataType) -> str:
    """A column type in Norwegian ("tekst", "heltall", "desimaltall", "dato", "tidspunkt")."""
    if pa.types.is_integer(data_type):
        return "heltall"
    if pa.types.is_floating(data_type):
        return "desimaltall"
    if pa.types.is_date(data_type):
        return "dato"
    if pa.types.is_timestamp(data_type):
        return "tidspunkt"
    return "tekst"


def columns(table: str) -> list[dict]:
    """The table's columns in order: name, type, meaning and unit."""
    rows = []
    for field in TABLE_SPECS[table].schema:
        meaning, unit = entry(table, field.name) or ("", "")
        rows.append({"column": field.name, "type": type_name(field.type), "meaning": meaning, "unit": unit})
    return rows


def undocumented() -> list[str]:
    """Every table.column in schema.TABLE_SPECS without an entry (should be empty)."""
    return [f"{t}.{f.name}" for t, spec in TABLE_SPECS.items() for f in spec.schema if entry(t, f.name) is None]
