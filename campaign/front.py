"""The Forside's first call to action: «I dag» inside the campaign period, the evaluation outside it. Pure."""
from __future__ import annotations

import datetime as dt

from campaign import fmt, pages
from campaign.config import Config


def today() -> dt.date:
    """The date the Forside uses (a test freezes it by replacing this function)."""
    return dt.date.today()


def lead(config: Config, day: dt.date, known: tuple[pages.PageSpec, ...] | None = None) -> tuple[pages.PageSpec, str]:
    """The page to open first on `day` and one sentence why: «I dag» inside [campaign], else «Evaluering»
    when that page exists (else «Valgresultat»)."""
    known = pages.PAGES if known is None else known
    names = {p.name: p for p in known}
    period = config.campaign_period
    if period and period[0] <= day <= period[1] and "i_dag" in names:
        return names["i_dag"], (f"Valgkampen pågår ({fmt.period(*period)}): se gårsdagens tall, tempoet og målene "
                                f"– {(period[1] - day).days} dager igjen.")
    why = (f"Valgkampen ({fmt.period(*period)}) er over: " if period and day > period[1] else
           f"Valgkampen starter {fmt.date(period[0])}; " if period else "Ingen valgkampperiode i campaign.toml; ")
    if "evaluering" in names:
        return names["evaluering"], why + "se hvordan det gikk – målene, resultatet og feltarbeidet til evalueringsmøtet."
    return names["valgresultat"], why + "se resultatet og endringen fra forrige valg."
