"""Evaluering (AppTest): the four 2023 goals scored on the demo store, the slides and the HTML download."""
from __future__ import annotations

from campaign.ui import NO_COMPARISON
from tests.apptest import figures, open_page, plain
from tests.branches import use_branch

PAGE = "views/evaluering.py"


def texts(at) -> str:
    return "\n".join(plain(e.value) for e in [*at.subheader, *at.markdown, *at.caption, *at.info])


def test_evaluering_scores_the_four_goals_on_the_demo(demo_env):
    at = open_page(PAGE)
    shown = texts(at)
    assert [plain(s.value) for s in at.subheader][0].startswith("2 av 4 mål nådd")
    assert "Rødgrønt flertall i bystyret: ikke nådd.** Rødgrønne fikk 27 av 59 mandater" in shown
    assert "SV som byens tredje største parti: ikke nådd.** SV ble 4. største parti, 363 stemmer bak MDG" in shown
    assert "Videre vekst i Groruddalen og Søndre Nordstrand: nådd.** SV vokste i alle 5 bydelene" in shown
    assert "Alna +2,1 pp, Bjerke +1,2 pp, Grorud +3,2 pp, Stovner +2,8 pp, Søndre Nordstrand +1,4 pp; samlet +2,1 pp " \
        "mot +1,0 pp i hele Oslo" in shown
    assert "Flere representanter i bydelsutvalgene: nådd.** SV fikk 29 representanter i bydelsutvalgene, mot 24 i " \
           "2019 (+5)" in shown


def test_evaluering_slides_state_their_finding_with_source_and_stamp(demo_env):
    at = open_page(PAGE)
    titles = [plain(s.value) for s in at.subheader]
    assert len(titles) >= 6
    assert "SV fikk 10,1 % (+1,0 pp fra 2019) og ble 4. største parti, 363 stemmer bak MDG." in titles
    assert "Mandater i bystyret: Rødgrønne 27, Borgerlige 31, Andre 1 av 59 – Borgerlige har flertall." in titles
    assert "Valgdeltakelsen var 64,2 % (−3,4 pp), og den spriker 28,4 pp mellom bydelene: fra 48,0 % i Stovner til " \
           "76,4 % i Vestre Aker." in titles
    assert "Skolevalget 2023: SV 16,2 % (2 342 stemmer), størst på 10 av 37 skoler, fram på 19 av 37 siden 2019." \
        in titles
    assert len(figures(at)) == len(titles)
    stamps = [plain(c.value) for c in at.caption if "Data per" in plain(c.value)]
    assert len(stamps) == len(titles) and all("Kilde:" in s for s in stamps)
    assert not at.info  # every slide has its data on the demo


def test_evaluering_offers_the_deck_as_html(demo_env):
    at = open_page(PAGE)
    buttons = [b for b in at.get("download_button") if "presentasjonen" in b.proto.label]
    assert len(buttons) == 1


def test_evaluering_without_a_comparison_leaves_slides_out_with_a_note(demo_env):
    at = open_page(PAGE)
    at.selectbox(key="compare_id").set_value(NO_COMPARISON).run()
    assert not at.exception
    note = plain(at.info[0].value)
    assert note.startswith("**Ikke med:**") and "velg et valg å sammenligne med" in note
    assert "Videre vekst i Groruddalen og Søndre Nordstrand: kan ikke vurderes" in texts(at)


def test_evaluering_empty_store(tmp_path, monkeypatch):
    monkeypatch.setenv("CAMPAIGN_DATA_DIR", str(tmp_path))
    at = open_page(PAGE)
    assert not at.subheader


def test_evaluering_other_branch_scores_its_own_goals(tmp_path, monkeypatch):
    from campaign.demo import write_demo
    from campaign.store import Store

    config = use_branch(monkeypatch, "trondheim")
    write_demo(Store(tmp_path), config)
    monkeypatch.setenv("CAMPAIGN_DATA_DIR", str(tmp_path))
    at = open_page(PAGE)
    shown = texts(at)
    assert "SV blant de tre største partiene" in shown and "Rødgrønt flertall i kommunestyret" in shown
    note = plain(at.info[0].value)
    assert "Skolevalget: skolevalget 2023 er ikke importert" in note and "Bydelsutvalgene" not in note  # no bydeler


def test_evaluering_makes_the_pdf_on_request(demo_env):
    from campaign import report_deck

    if report_deck.chromium() is None:
        import pytest
        pytest.skip("Chromium mangler: knappen «Lag PDF» vises bare der Chromium finnes")
    at = open_page(PAGE)
    at.button(key="evaluering_pdf_make").click().run()
    assert not at.exception and not at.error
    assert [b.proto.label for b in at.get("download_button") if b.proto.label == "Last ned PDF"] == ["Last ned PDF"]


def test_evaluering_of_a_storting_election_scores_no_majority(demo_env):
    at = open_page(PAGE)
    at.selectbox(key="election_id").set_value("st2021").run()
    assert not at.exception
    shown = texts(at)
    assert "Rødgrønt flertall i bystyret: kan ikke vurderes.** Flertall gjelder et kommunestyre" in shown
    assert "Bydelsutvalgene: de velges samme dag som bystyret, ikke ved Stortingsvalget 2021" in plain(at.info[0].value)
    assert "Skolevalget 2021: SV 19,5 %" in shown


def test_a_goal_written_wrong_is_named_and_the_other_slides_show(demo_env, tmp_path, monkeypatch, request):
    from campaign.config import DEFAULT_CONFIG

    broken = tmp_path / "campaign.toml"
    broken.write_text(DEFAULT_CONFIG.read_text(encoding="utf-8").replace('kind = "party_rank"', 'kind = "vinne"'),
                      encoding="utf-8")
    monkeypatch.setenv("CAMPAIGN_CONFIG", str(broken))
    from campaign import cache

    cache.clear()  # the slides are cached per data version; a server reads campaign.toml once, at start
    request.addfinalizer(cache.clear)  # the next test reads the right campaign.toml again
    at = open_page(PAGE)
    assert "Målene: [[evaluation_goals]] «SV som byens tredje største parti»: kind må være én av" in \
        plain(at.info[0].value)
    assert [plain(s.value) for s in at.subheader][0].startswith("SV fikk 10,1 %")
