"""Shared reading of platform exports: encodings, headers below titles, numbers and dates as locales write them."""
from __future__ import annotations

import datetime as dt

import pytest

from campaign.ingest.base import ImportRejected
from campaign.ingest.tabular import Columns, count, decode, number, one_date_format, read_table, sniff_delimiter


def test_decode_by_bom_and_fallback():
    assert decode("Dato\tVisninger\n".encode("utf-16"), "x") == ("Dato\tVisninger\n", "UTF-16")
    assert decode(b"\xef\xbb\xbfa,b", "x") == ("a,b", "UTF-8")
    assert decode("Beløp brukt;Rekkevidde".encode("cp1252"), "x") == ("Beløp brukt;Rekkevidde", "Windows-1252")


def test_header_found_below_comments_titles_and_sep_line():
    text = "sep=,\n# GA4\nReport title\n\nDate,Sessions,Views\n20230801,10,20\n"
    table = read_table(text, "x.csv", lambda h: "date" in h and "sessions" in h)
    assert table.header == ["date", "sessions", "views"] and table.rows[0] == ["20230801", "10", "20"]
    assert table.first_line == 6 and table.delimiter == "," and table.preamble[0] == "sep=,"
    assert sniff_delimiter("a;b;c,d") == ";" and sniff_delimiter("a\tb\tc") == "\t"
    with pytest.raises(ImportRejected, match="overskriftsrad"):
        read_table("x,y\n1,2\n", "x.csv", lambda h: "date" in h)


def test_columns_by_alias_in_any_order_and_a_clear_rejection():
    aliases = {"spend": ["amount spent (nok)", "beløp brukt (nok)"], "day": ["reporting starts"]}
    cols = Columns(["Beløp brukt (NOK)".casefold(), "reporting starts"], aliases)
    assert cols.cell(["12,5", "2023-08-01"], "spend") == "12,5" and "day" in cols
    with pytest.raises(ImportRejected, match="Mangler «day».*Fant «beløp brukt"):
        Columns(["beløp brukt (nok)"], aliases).require("x.csv", ["spend", "day"], aliases)


@pytest.mark.parametrize(("text", "comma", "expected"), [
    ("4.19763158", False, 4.19763158), ("454,06", False, 454.06), ("95,769%", True, 95.769),
    ("1 234,5", True, 1234.5), ("1\u00a0234", False, 1234.0), ("1,234.56", False, 1234.56),
    ("58369", False, 58369.0), ("1,234", False, 1234.0), ("", False, None), ("-", False, None),
])
def test_numbers_as_locales_write_them(text, comma, expected):
    assert number(text, "x", 2, "c", decimal_comma=comma) == expected


@pytest.mark.parametrize("text", ["١٢", "１２", "12abc", "1e400", "-3", "9" * 20])
def test_numbers_that_are_not_plain_counts_are_rejected(text):
    with pytest.raises(ImportRejected, match="rad 7, kolonne «Klikk»"):
        number(text, "x.csv", 7, "Klikk")


def test_counts_and_negative_where_allowed():
    assert count("12,0", "x", 2, "c", decimal_comma=True) == 12
    assert count("-4", "x", 2, "Kommentarer", negative=True) == -4
    with pytest.raises(ImportRejected, match="helt tall"):
        count("12,5", "x", 2, "c", decimal_comma=True)


def test_one_date_format_per_file():
    assert one_date_format(["01/09/2023", "13/09/2023"], ["%m/%d/%Y", "%d/%m/%Y"], "x", 2, "Dato") == [
        dt.date(2023, 9, 1), dt.date(2023, 9, 13)]
    assert one_date_format(["20230801"], ["%Y-%m-%d", "%Y%m%d"], "x", 2, "Date") == [dt.date(2023, 8, 1)]
    with pytest.raises(ImportRejected, match="rad 3, kolonne «Dato»"):
        one_date_format(["2023-08-01", "i går"], ["%Y-%m-%d"], "x", 2, "Dato")


def test_period_text_as_reports_name_it():
    from campaign.ingest.tabular import period_text

    assert period_text(dt.date(2023, 7, 27), dt.date(2023, 9, 11)) == "27. juli–11. sep. 2023"
    assert period_text(dt.date(2022, 12, 30), dt.date(2023, 1, 2)) == "30. des. 2022–2. jan. 2023"
    assert period_text(dt.date(2023, 8, 1), dt.date(2023, 8, 1)) == "1. aug. 2023"


def test_head_text_and_sniff_header_for_recognise():
    from campaign.ingest.tabular import head_text, sniff_header

    utf16 = "Rapport\n\nStart Date (in UTC)\tTotal Spent\n01/08/2023\t10,5\n".encode("utf-16")
    assert sniff_header(utf16[:91], lambda h: "total spent" in h) == ["start date (in utc)", "total spent"]
    assert sniff_header(b"\xef\xbb\xbf\"Date\",\"Likes\"", lambda h: "cost" in h) is None
    assert head_text("Beløp;Å".encode("cp1252")) == "Beløp;Å"
    assert head_text("Beløp".encode()[:4]) == "Bel"  # cut inside «ø»


@pytest.mark.parametrize(("values", "marks"), [
    (["454,06", "95,769%"], {","}), (["0,769"], {","}), (["1 234,5"], {","}), (["1.234,56"], {","}),
    (["4.19763158"], {"."}), (["1,234.56"], {"."}), (["95,769", "58369", "1,234", ""], set()),
    (["12,5", "12.5"], {",", "."}), (["abc", "1.234.567"], set()),
])
def test_decimal_marks_from_the_values(values, marks):
    from campaign.ingest.tabular import decimal_marks

    assert decimal_marks(values) == marks


def test_workbook_sheets_read_like_a_csv_export():
    import io
    import zipfile

    import openpyxl

    from campaign.ingest.tabular import is_workbook, workbook_sheets

    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "Raw Data Report"
    sheet["B2"], sheet["C2"] = "Raw Data Report", "Report Period: Aug 1, 2023 - Aug 7, 2023"
    for column, value in zip("BCDE", ["Day", "Amount spent (NOK)", "Reach", "Campaign name"]):
        sheet[f"{column}3"] = value
    for column, value in zip("BCDE", [dt.datetime(2023, 8, 1), 412.37, 11020, "Valg,\nkamp"]):
        sheet[f"{column}4"] = value
    sheet["C5"], sheet["D5"] = 1e-05, 1.20253e17  # a tiny amount; an ID Excel keeps as a float
    buffer = io.BytesIO()
    book.save(buffer)
    data = buffer.getvalue()
    assert is_workbook(zipfile.ZipFile(io.BytesIO(data)).namelist())
    text = workbook_sheets(data, "x.xlsx")["Raw Data Report"]
    assert text.splitlines()[2:5] == [",Day,Amount spent (NOK),Reach,Campaign name",
                                      ',2023-08-01,412.37,11020,"Valg, kamp"', ",,0.00001,120253000000000000,"]
    table = read_table(text, "x.xlsx", lambda h: "day" in h)
    assert table.first_line == 4 and table.rows[0][1:3] == ["2023-08-01", "412.37"]
    assert list(workbook_sheets(data, "x.xlsx", max_rows=2).values())[0].count("\n") == 2
    with pytest.raises(ImportRejected, match="regnearket kan ikke leses"):
        workbook_sheets(data[:200], "x.xlsx")


def test_original_header_keeps_the_files_spelling():
    from campaign.ingest.tabular import original_header

    text = 'Rapport\n"Beløp brukt (NOK)";Rekkevidde\n1;2\n'
    table = read_table(text, "x", lambda h: "rekkevidde" in h)
    assert original_header(text, table) == ["Beløp brukt (NOK)", "Rekkevidde"]
