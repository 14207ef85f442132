"""The dashboard's pages: one row each. Navigation, the Forside links, the tests and the bench read this.

Adding a page = its script in views/ + one row here + its AppTest file tests/test_page_<name>.py.
"""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from campaign import auth


@dataclass(frozen=True)
class PageSpec:
    """One page: its script, how navigation shows it, and a line saying what it is for."""
    file: str  # relative to the project root, e.g. "views/kart.py"
    title: str
    icon: str
    section: str  # navigation section («Valg», «Valgkampen», «Data»); "" = top, without a header
    description: str  # one line in Norwegian, shown on the Forside
    min_role: str = auth.VIEWER  # the least role that sees the page in navigation ("viewer", "editor", "admin")

    @property
    def name(self) -> str:
        """The page's short name and URL path ("kart" for views/kart.py)."""
        return Path(self.file).stem


PAGES: tuple[PageSpec, ...] = (
    PageSpec("views/forside.py", "Forside", "🏠", "", "hva dashbordet inneholder og hvor du finner det"),
    PageSpec("views/i_dag.py", "I dag", "📅", "Valgkampen",
             "dager til valget, i går og siste uke, annonsebudsjettet og målene"),
    PageSpec("views/valgresultat.py", "Valgresultat", "📊", "Valg",
             "oppslutning, endring, mandater og per bydel"),
    PageSpec("views/valgdeltakelse.py", "Valgdeltakelse", "🗳️", "Valg",
             "per bydel og krets, og mot vår oppslutning"),
    PageSpec("views/kart.py", "Kart", "🗺️", "Valg",
             "oppslutning, endring, valgdeltakelse og potensial per bydel og krets, og dørbankingen"),
    PageSpec("views/evaluering.py", "Evaluering", "🎯", "Valg",
             "valgkampens mål nådd eller ikke, som lysbilder til evalueringsmøtet og rapport (HTML/PDF)"),
    PageSpec("views/banke.py", "Hvor skal vi banke på?", "🚪", "Valgkampen",
             "kretser rangert etter mobiliseringspotensial"),
    PageSpec("views/sosiale_medier.py", "Sosiale medier", "📱", "Valgkampen",
             "rekkevidde, visninger, engasjement og følgere per plattform og konto"),
    PageSpec("views/annonser.py", "Annonser", "📣", "Valgkampen",
             "annonsekostnad mot budsjett, resultater per kampanje og hva vi fikk for pengene"),
    PageSpec("views/nettside.py", "Nettside", "🌐", "Valgkampen",
             "besøk og kanaler per dag, landingssiden og hvor besøkene kom fra"),
    PageSpec("views/feltarbeid.py", "Feltarbeid", "📞", "Valgkampen",
             "ringing, dørbanking, stands, aktive per lokallag, mediesaker og innsamlede penger"),
    PageSpec("views/utforsk.py", "Utforsk", "🔎", "Data",
             "egne spørsmål til dataene: filtrer, grupper, pivoter, vis som diagram, lagre og send lenken"),
    PageSpec("views/importer.py", "Importer data", "📥", "Data",
             "last opp filer, se hva de inneholder, importlogg og angre", min_role=auth.EDITOR),
    PageSpec("views/data.py", "Data", "📚", "Data",
             "kildene og hvor ferske de er, og hver visning med kolonner, betydning og eksempler"),
    PageSpec("views/sql.py", "SQL", "🧮", "Data",
             "egne SELECT-spørringer over visningene, med eksempler og nedlasting", min_role=auth.EDITOR),
)
HOME = PAGES[0]


def sections(every_page: bool = False) -> dict[str, list[PageSpec]]:
    """Pages this session's role may open (`every_page`: all of them), grouped by navigation section, in table order."""
    grouped: dict[str, list[PageSpec]] = {}
    role = auth.role()
    for page in PAGES:
        if every_page or auth.at_least(role, page.min_role):
            grouped.setdefault(page.section, []).append(page)
    return grouped


def by_name(name: str) -> PageSpec:
    """The page with this short name."""
    return next(p for p in PAGES if p.name == name)
