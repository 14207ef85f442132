"""Media stories: the template CSV → media."""
from __future__ import annotations

import datetime as dt

import pytest

from campaign.ingest.media_stories import parse_media_stories
from campaign.store import Store
from tests.field_helpers import FIELD, assert_rejected_whole, cli_import, store_bytes, write

MEDIA = FIELD / "media_stories_utf8.csv"
LABEL = "Mediesaker (mal)"
GOOD = "dato;medium;tema;type;saker\n"


def test_values_kinds_and_default_of_one_story():
    batch = parse_media_stories(MEDIA.read_bytes(), MEDIA.name)
    media = batch.tables["media"]
    assert list(media.columns) == ["date", "outlet", "topic", "kind", "stories"]
    assert media["kind"].tolist() == ["nyhet", "radio/TV", "kronikk/innlegg"]
    assert media["stories"].tolist() == [2, 1, 1]
    assert media["date"].iloc[1] == dt.date(2023, 8, 30) and media["outlet"].iloc[1] == "NRK Trøndelag"
    assert batch.areas == "4 mediesaker i 3 medier, 28. aug.–1. sep. 2023"


def test_cli_import_reimport_and_correction(tmp_path, capsys):
    code, out = cli_import(tmp_path, capsys, str(MEDIA))
    assert code == 0 and out.startswith("OK") and LABEL in out, out
    assert Store(tmp_path / "store").read("media")["stories"].sum() == 4
    before = store_bytes(tmp_path / "store")
    code, out = cli_import(tmp_path, capsys, str(MEDIA))
    assert code == 0 and "allerede importert" in out and store_bytes(tmp_path / "store") == before
    fixed = MEDIA.read_bytes().replace(b"bompenger;nyhet;2", b"bompenger;nyhet;3")
    code, out = cli_import(tmp_path, capsys, str(write(tmp_path, "media_rettet.csv", fixed)))
    assert code == 0 and "erstatter 3 rader" in out, out
    media = Store(tmp_path / "store").read("media")
    assert len(media) == 3 and media.loc[media["topic"] == "bompenger", "stories"].tolist() == [3]


@pytest.mark.parametrize(("text", "message"), [
    (GOOD, "ingen mediesaker"),
    (GOOD + "28.08.2023;VG;skole;reportasje;1\n", "rad 2, kolonne «type».*kjente: nyhet, kronikk/innlegg, "
                                                  "debatt, radio/TV"),
    (GOOD + "28.08.2023;VG;skole;nyhet;0\n", "rad 2, kolonne «saker».*minst 1"),
    (GOOD + "28.08.2023;VG;skole;nyhet;1,5\n", "rad 2, kolonne «saker».*ikke et helt tall"),
    (GOOD + "28.08.2023;VG;;nyhet;1\n", "rad 2, kolonne «tema».*mangler"),
    (GOOD + "28.08.2099;VG;skole;nyhet;1\n", "fram i tid"),
    (GOOD + "28.08.2023;VG;skole;nyhet;1\n28.08.2023;VG;skole;debatt;1\n", "rad 2 og rad 3"),
])
def test_broken_files_are_rejected_whole(tmp_path, capsys, text, message):
    assert_rejected_whole(tmp_path, capsys, MEDIA, text, message, parse_media_stories)
