"""Where an election's seats are won for the branch, and over which votes: one answer for the page and the CLI.

- Municipal election, kommune branch: the kommunestyre (configured `seats`, else the kommune's
  «Antall mandater» rows, else no allocation and a sentence why).
- Municipal election, county branch: one council per kommune — each kommune's seats where a
  kommune-level file carries them, else no allocation.
- Fylkestingsvalg: the fylkesting of the branch's fylke.
- Storting election: the constituency's district seats over the valgdistrikt's votes (the
  fylke file), unless the kommune is the whole constituency (Oslo: its own votes, as before);
  a county branch gets one basis per constituency its kommuner vote in.
`run(name, **params)` runs a named query: the cached one on a page, Database.query in the CLI.
"""
from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

import pandas as pd

from campaign import analysis
from campaign.config import Config

Run = Callable[..., pd.DataFrame]
NO_VOTES = pd.DataFrame({"party_code": pd.Series(dtype=str), "party_name": pd.Series(dtype=str),
                         "votes": pd.Series(dtype="int64")})
WHOLE_SHARE = 0.99  # a kommune holding ≥ 99 % of the valgdistrikt's votes is the constituency (late counts differ)


@dataclass(frozen=True)
class SeatBasis:
    """The seats of one body: how many, over which votes, what to call them, and what to say."""
    total: int | None  # seats to allocate; None: no allocation (see note)
    votes: pd.DataFrame  # party_code, party_name, votes (BLANKE left out)
    body: str  # «bystyret», «Stortinget (distriktsmandater fra Sør-Trøndelag)»
    note: str | None = None  # constituency note, or why nothing is allocated
    official: dict[str, int] | None = None  # the file's own seats (district seats for a constituency)
    key: tuple[str, str] | None = None  # (election kind, area): a seat change only between equal keys
    area_name: str = ""
    parts: tuple[SeatBasis, ...] = ()  # a county branch: one basis per constituency or kommune

    @property
    def allocates(self) -> bool:
        return self.total is not None and self.total > 0 and not self.votes.empty

    def allocating(self) -> tuple[SeatBasis, ...]:
        """This basis, or its parts, that allocate seats."""
        return tuple(p for p in (self.parts or (self,)) if p.allocates)


def default_run() -> Run:
    from campaign.queries import run_query  # the cached runner; imported late so the CLI stays light
    return run_query


def election_kind(election_id: str, config: Config) -> str:
    """«ko», «st», «fy» …: the configured kind, else the letters the election id starts with."""
    setting = config.election(election_id)
    if setting and setting.kind:
        return setting.kind
    match = re.match(r"[a-z]+", election_id or "")
    return match.group(0) if match else ""


def seat_basis(election_id: str, config: Config, run: Run | None = None) -> SeatBasis:
    """The body the branch's voters elect in this election, with its seats and votes."""
    run = run or default_run()
    kind = election_kind(election_id, config)
    if kind == "st":
        return _storting(election_id, config, run)
    if kind == "fy":
        return _fylkesting(election_id, config, run)
    if config.is_county:
        return _county_councils(election_id, config, run)
    return _council(election_id, config.kommune_id, config.kommune_name or config.kommune_id, config, run,
                    configured=config.seats_for(election_id))


def _votes(run: Run, election_id: str, area_id: str) -> pd.DataFrame:
    shares = run("party_shares", election_id=election_id, compare_id=None, area_id=area_id)
    return shares[shares["party_code"] != "BLANKE"].reset_index(drop=True)


def _official(run: Run, election_id: str, level: str, area_id: str, column: str) -> dict[str, int] | None:
    rows = run("mandates", election_id=election_id, area_level=level, area_id=area_id)
    return {str(p): int(s) for p, s in zip(rows["party_code"], rows[column])} if not rows.empty else None


def _council(election_id: str, kommune_id: str, name: str, config: Config, run: Run,
             configured: int | None) -> SeatBasis:
    official = _official(run, election_id, "kommune", kommune_id, "seats")
    total = configured or (sum(official.values()) if official else None)
    body = config.body_for(election_id) if not config.is_county else f"kommunestyret i {name}"
    votes = _votes(run, election_id, kommune_id)
    note = None if total else (f"Ingen mandatfordeling vises: antall mandater i {body} er ikke oppgitt "
                               "(«seats» i campaign.toml) og finnes ikke i noen importert fil for kommunen.")
    if votes.empty:
        note = f"Ingen resultater for {election_id} i {name}."
    return SeatBasis(total, votes, body, note, official, ("ko", kommune_id), name)


def _county_councils(election_id: str, config: Config, run: Run) -> SeatBasis:
    rows = run("mandates", election_id=election_id, area_level="kommune", area_id=config.fylke_id)
    names = dict(zip(rows["area_id"], rows["area_name"]))
    parts = tuple(_council(election_id, k, names[k] or k, config, run, configured=None) for k in sorted(names))
    note = None if parts else ("Ingen mandatfordeling vises: hver kommune velger sitt eget kommunestyre, og ingen "
                               "importert fil oppgir antall mandater per kommune («Antall mandater» i CSV-en "
                               "på kommunenivå).")
    return SeatBasis(None, NO_VOTES, "kommunestyrene", note, None, ("ko", config.fylke_id),
                     config.area_name, parts)


def _fylkesting(election_id: str, config: Config, run: Run) -> SeatBasis:
    official = _official(run, election_id, "fylke", config.fylke_id, "seats")
    total = config.seats_for(election_id) or (sum(official.values()) if official else None)
    setting = config.election(election_id)
    body = setting.body if setting and setting.body else "fylkestinget"
    votes = _votes(run, election_id, config.fylke_id)
    note = None if total else (f"Ingen mandatfordeling vises: antall mandater i {body} er ikke oppgitt "
                               "(«seats» i campaign.toml) og finnes ikke i noen importert fil.")
    if votes.empty:
        note = f"Ingen resultater for {election_id} i {config.fylke_name or config.fylke_id}."
    return SeatBasis(total, votes, body, note, official, ("fy", config.fylke_id), config.fylke_name or config.fylke_id)


def _storting(election_id: str, config: Config, run: Run) -> SeatBasis:
    rows = run("constituencies", election_id=election_id, area_id=config.area_id)
    if rows.empty:
        return SeatBasis(None, NO_VOTES, "Stortinget", f"Ingen resultater for {election_id} i {config.area_name}.")
    if not config.is_county:
        return _constituency(rows.iloc[0], election_id, config, run, single=True)
    parts = tuple(_constituency(row, election_id, config, run, single=len(rows) == 1) for _, row in rows.iterrows())
    notes = [p.note for p in parts if not p.allocates and p.note]
    return SeatBasis(None, NO_VOTES, "Stortinget", notes[0] if len(notes) == len(parts) else None, None,
                     ("st", ",".join(rows["constituency_id"])), config.area_name, parts)


def _constituency(row: pd.Series, election_id: str, config: Config, run: Run, single: bool) -> SeatBasis:
    """The district seats of one valgdistrikt; `single`: the branch lies in this one constituency only."""
    cid = str(row["constituency_id"])
    name = row["district_name"] if isinstance(row["district_name"], str) else f"valgdistrikt {cid}"
    setting = config.election(election_id)
    configured = config.seats_for(election_id) if single else None
    body = setting.body if single and setting and setting.body else f"Stortinget (distriktsmandater fra {name})"
    district_seats = None if pd.isna(row["district_seats"]) else int(row["district_seats"])
    total = configured or district_seats
    official = _official(run, election_id, "fylke", cid, "district_seats")
    whole = row["other_kommuner"] == 0 and (pd.isna(row["district_votes"])
                                            or row["area_votes"] >= WHOLE_SHARE * row["district_votes"])
    if not config.is_county and whole:  # the kommune is the constituency (Oslo): its own votes, as before
        votes, note = _votes(run, election_id, config.kommune_id), None
    elif pd.isna(row["district_votes"]):
        return SeatBasis(None, NO_VOTES, body, (
            f"Importer fylkesfila for {election_id} (partifordeling på fylkesnivå fra valgresultat.no): "
            f"{config.area_name} hører til valgdistriktet {name}, og mandatene fordeles på hele valgdistriktets "
            "stemmer – ikke på stemmene i området alene."), official, ("st", cid), name)
    else:
        votes = _votes(run, election_id, cid)
        note = None if whole else (f"{config.area_name} er en del av valgdistriktet {name}; mandatene er fordelt "
                                   "på hele valgdistriktets stemmer.")
    if not total:
        note = (f"Ingen mandatfordeling vises: antall distriktsmandater fra {name} er ikke oppgitt («seats» i "
                "campaign.toml) og finnes ikke i fylkesfila.")
    return SeatBasis(total, votes, body, note, official, ("st", cid), name)


def seat_frame(basis: SeatBasis, config: Config) -> pd.DataFrame | None:
    """Seats with blocs and margins for every allocating basis (one per constituency for a county);
    None when nothing is allocated. The column `area` names the constituency or kommune."""
    frames = [analysis.seats_with_blocs(b.votes, b.total, config).assign(area=b.area_name)
              for b in basis.allocating()]
    return pd.concat(frames, ignore_index=True) if frames else None


def seats_before(election_id: str, compare_id: str | None, config: Config, run: Run | None = None
                 ) -> dict[str, int] | None:
    """Seats per party in the comparison election when it filled the same body (kind and area); else None."""
    if compare_id is None:
        return None
    run = run or default_run()
    now, then = seat_basis(election_id, config, run), seat_basis(compare_id, config, run)
    if now.key is None or now.key != then.key or not then.allocating():
        return None
    won: dict[str, int] = {}
    for part in then.allocating():
        for party, seats in analysis.seats_won(part.votes, part.total, config).items():
            won[party] = won.get(party, 0) + seats
    return won
