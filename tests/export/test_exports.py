"""Exports of the filtered answers: styled XLSX with notes, localised CSV, no formula injection."""

from __future__ import annotations

import csv
import io
from datetime import date

import pandas as pd
import pytest
from openpyxl import load_workbook

from analysis.analytics.answers_table import data_table
from analysis.analytics.filters import Filters
from analysis.core.model import RoundInfo
from analysis.export.files import (
    HEADER_FILL,
    ExportNotes,
    export_filename,
    export_notes,
    filtered_csv,
    filtered_xlsx,
    filters_in_words,
)
from tests.support.builders import make_round

EVIL = '=HYPERLINK("http://x","y")'


def _round(synthetic: bool = True):
    survey = make_round(
        [
            {
                "pole": EVIL,
                "region": "Occitanie",
                "sector": "Health",
                "members": 1200,
                "europe_team_fte": 1.5,
                "plans_to_recruit": True,
                "submitted": {2019: 10, 2020: 20},
                "funded": {2019: 2},
            },
            {
                "pole": "Mer Bretagne",
                "region": "Bretagne",
                "sector": "Sea and water",
                "members": None,
                "europe_team_fte": 2.25,
                "plans_to_recruit": False,
                "submitted": {2020: 5},
            },
            {
                "pole": "-minus pole",
                "region": "Bretagne",
                "sector": "Sea and water",
                "members": 3,
            },
        ],
        label="2023",
        synthetic=synthetic,
    )
    extras = pd.DataFrame(
        {"pole": ["Mer Bretagne"], "column": ["@note"], "value": ["+33 1 23"]}
    ).astype("string")
    return survey.with_frames(extras=extras)


def _notes(**changes: object) -> ExportNotes:
    values: dict[str, object] = {
        "round_label": "2023",
        "period": "2019–2020",
        "filters": ("Regions: Occitanie",),
        "exported_on": date(2026, 11, 29),
        "synthetic": True,
    }
    values.update(changes)
    return ExportNotes(**values)  # type: ignore[arg-type]


def _workbook(lang: str = "en", **changes: object):
    table = data_table(_round(), lang)  # type: ignore[arg-type]
    data = filtered_xlsx(table, _notes(**changes), lang)  # type: ignore[arg-type]
    return table, load_workbook(io.BytesIO(data))


# --- XLSX ----------------------------------------------------------------------------------


def test_xlsx_has_a_data_sheet_and_a_notes_sheet_named_in_the_language() -> None:
    _, wb = _workbook("fr")
    assert wb.sheetnames == ["Données", "Notes"]
    _, wb = _workbook("en")
    assert wb.sheetnames == ["Data", "Notes"]


def test_xlsx_header_is_bold_filled_and_frozen() -> None:
    table, wb = _workbook()
    ws = wb["Data"]
    headers = [cell.value for cell in ws[1]]
    assert headers == [*table.frame.columns[:-1], "'@note"]
    for cell in ws[1]:
        assert cell.font.bold
        assert cell.fill.fill_type == "solid"
        assert cell.fill.fgColor.rgb.endswith(HEADER_FILL.fgColor.rgb[-6:])
    assert ws.freeze_panes == "A2"
    assert not ws["A2"].font.bold


def test_xlsx_column_widths_fit_headers_and_cells() -> None:
    _, wb = _workbook()
    ws = wb["Data"]
    widths = {
        ws.cell(1, i + 1).value: ws.column_dimensions[ws.cell(1, i + 1).column_letter].width
        for i in range(ws.max_column)
    }
    assert widths["Pole"] >= len(EVIL) + 1
    assert widths["EU proposals submitted 2019"] >= len("EU proposals submitted 2019")
    assert widths["Members"] == 9  # "Members" + 2, wider than the numbers
    assert all(8 <= width <= 50 for width in widths.values())


def test_xlsx_keeps_numbers_as_numbers_with_formats_and_blanks_blank() -> None:
    table, wb = _workbook()
    ws = wb["Data"]
    column = {cell.value: cell.column for cell in ws[1]}
    members = ws.cell(2, column["Members"])
    assert members.value == 1200
    assert members.data_type == "n"
    assert members.number_format == "#,##0"
    fte = ws.cell(3, column["Europe team FTE"])
    assert fte.value == pytest.approx(2.25)
    assert fte.number_format == "#,##0.0#"
    assert ws.cell(3, column["Members"]).value is None
    assert ws.cell(4, column["Plans to recruit"]).value is None
    assert ws.cell(2, column["Plans to recruit"]).value == "yes"
    assert ws.max_row == 1 + table.rows


def test_xlsx_neutralises_formula_cells_as_text() -> None:
    _, wb = _workbook()
    ws = wb["Data"]
    column = {cell.value: cell.column for cell in ws[1]}
    pole = ws.cell(2, column["Pole"])
    assert pole.value == "'" + EVIL
    assert pole.data_type == "s"
    assert ws.cell(4, column["Pole"]).value == "'-minus pole"
    assert "'@note" in column  # an extra column's header is guarded too
    assert ws.cell(3, column["'@note"]).value == "'+33 1 23"
    assert not any(cell.data_type == "f" for row in ws.iter_rows() for cell in row), (
        "no cell may be a formula"
    )


def test_notes_sheet_records_round_filters_base_date_notice_and_source() -> None:
    table, wb = _workbook("en", filters=("Regions: Occitanie", f"Poles: {EVIL}"))
    ws = wb["Notes"]
    rows = [(row[0].value, row[1].value) for row in ws.iter_rows()]
    pairs = dict(rows)
    assert rows[0][0] == "About this export"
    assert pairs["Survey round"] == "2023"
    assert pairs["Period"] == "2019–2020"
    assert pairs["Filters"] == "Regions: Occitanie"
    assert any(value == f"Poles: {EVIL}" for _, value in rows)
    assert pairs["Rows (poles)"] == 3
    assert pairs["Export date"] == "29 November 2026"
    # Not the shipped sample: said to be synthetic, and nothing more.
    assert pairs["Notice"] == "Synthetic data: round 2023 is marked as synthetic."
    assert "round 2023" in pairs["Source"]
    base = table.base
    assert pairs["Members"] == base["Members"] == 2
    assert pairs["EU projects funded 2020"] == 0
    assert pairs["Pole"] == 3
    assert ws.freeze_panes == "A2"
    assert ws["A1"].font.bold


def test_notes_in_french_without_filters_or_synthetic_notice() -> None:
    _, wb = _workbook("fr", filters=(), synthetic=False)
    pairs = {row[0].value: row[1].value for row in wb["Notes"].iter_rows()}
    assert pairs["Filtres"] == "Aucun : tous les pôles répondants de l'enquête"
    assert pairs["Date de l'export"] == "29 novembre 2026"
    assert "Avertissement" not in pairs
    assert pairs["Adhérents"] == 2


# --- CSV -----------------------------------------------------------------------------------


def _csv_rows(data: bytes, sep: str) -> list[list[str]]:
    assert data.startswith(b"\xef\xbb\xbf")
    text = data.decode("utf-8-sig")
    return list(csv.reader(io.StringIO(text), delimiter=sep))


def test_csv_in_french_uses_semicolons_and_decimal_commas() -> None:
    table = data_table(_round(), "fr")
    rows = _csv_rows(filtered_csv(table, "fr"), ";")
    header = rows[0]
    assert header[:3] == ["Pôle", "Région", "Thématique"]
    record = dict(zip(header, rows[2], strict=True))
    assert record["ETP équipe Europe"] == "2,25"
    assert record["Adhérents"] == ""
    assert record["Thématique"] == "Mer et eau"
    assert record["Prévoit de recruter"] == "non"
    assert len(rows) == 1 + table.rows


def test_csv_in_english_uses_commas_and_decimal_points() -> None:
    table = data_table(_round(), "en")
    rows = _csv_rows(filtered_csv(table, "en"), ",")
    record = dict(zip(rows[0], rows[1], strict=True))
    assert record["Europe team FTE"] == "1.5"
    assert record["Members"] == "1200"
    assert record["EU proposals submitted 2020"] == "20"


def test_csv_neutralises_formula_cells() -> None:
    for lang, sep in (("en", ","), ("fr", ";")):
        table = data_table(_round(), lang)  # type: ignore[arg-type]
        rows = _csv_rows(filtered_csv(table, lang), sep)  # type: ignore[arg-type]
        poles = [row[0] for row in rows[1:]]
        assert poles == ["'" + EVIL, "'Mer Bretagne"[1:], "'-minus pole"]
        assert "'@note" in rows[0]
        assert "'+33 1 23" in rows[2]
        assert not any(cell.startswith(("=", "+", "-", "@")) for row in rows for cell in row)


def test_control_characters_are_dropped_and_tab_or_return_starts_are_guarded() -> None:
    survey = make_round(
        [
            {"pole": "Bell\x07 pole", "region": "Occitanie", "sector": "Health"},
            {"pole": "\tTabbed", "region": "Occitanie", "sector": "Health"},
            {"pole": "\rReturned", "region": "Occitanie", "sector": "Health"},
        ]
    )
    table = data_table(survey, "en")
    ws = load_workbook(io.BytesIO(filtered_xlsx(table, _notes(), "en")))["Data"]
    assert [ws.cell(row, 1).value for row in (2, 3, 4)] == [
        "Bell pole",
        "'\tTabbed",
        "'\rReturned",
    ]
    text = filtered_csv(table, "en").decode("utf-8-sig")
    assert "'\tTabbed" in text
    assert '"\'\rReturned"' in text


def test_export_of_an_empty_table_still_has_headers() -> None:
    empty = Filters(regions=("Nowhere",)).apply(_round())
    table = data_table(empty, "en")
    assert filtered_csv(table, "en").decode("utf-8-sig").startswith("Pole,Region,Sector")
    wb = load_workbook(io.BytesIO(filtered_xlsx(table, _notes(), "en")))
    assert wb["Data"].max_row == 1


# --- Names and notes -----------------------------------------------------------------------


def test_filters_in_words_in_both_languages() -> None:
    filters = Filters(
        round="2023",
        regions=("Occitanie", "Bretagne"),
        sectors=("Health",),
        poles=("Aerospace Valley",),
        year_from=2020,
        year_to=2021,
    )
    assert filters_in_words(filters, "en", search=" aero ") == (
        "Regions: Occitanie, Bretagne",
        "Sectors: Health",
        "Poles: Aerospace Valley",
        "Years: 2020–2021",
        "Search: “aero”",
    )
    assert filters_in_words(filters, "fr")[1] == "Thématiques : Santé"
    assert filters_in_words(filters, "fr")[3] == "Années : 2020–2021"
    assert filters_in_words(Filters(round="2023"), "en") == ()


def test_export_notes_take_the_round_and_the_filters() -> None:
    info = RoundInfo(label="2023", period_start=2019, period_end=2022, synthetic=True)
    notes = export_notes(info, Filters(year_from=2021), "en", date(2026, 1, 2), search="x")
    assert notes == ExportNotes(
        round_label="2023",
        period="2019–2022",
        filters=("Years: 2021–…", "Search: “x”"),
        exported_on=date(2026, 1, 2),
        synthetic=True,
        notice="Synthetic data: round 2023 is marked as synthetic.",
    )


@pytest.mark.parametrize(
    ("label", "extension", "lang", "expected"),
    [
        ("2023", "csv", "en", "poles_europe_data_2023.csv"),
        ("2023", "xlsx", "fr", "poles_europe_donnees_2023.xlsx"),
        ("Été 2024/bis", "csv", "en", "poles_europe_data_Ete_2024_bis.csv"),
        ("../..", "csv", "en", "poles_europe_data_round.csv"),
    ],
)
def test_file_names_carry_a_safe_round_label(
    label: str, extension: str, lang: str, expected: str
) -> None:
    assert export_filename(label, extension, lang) == expected  # type: ignore[arg-type]


def test_notes_sheet_lists_the_registrys_headline_figures() -> None:
    from analysis.analytics.figures import figures_of
    from analysis.export.safety import neutralise

    figures = figures_of(_round(), "en")
    _, wb = _workbook("en", figures=figures)
    pairs = [(row[0].value, row[1].value) for row in wb["Notes"].iter_rows()]
    rows = dict(pairs)
    assert rows["Headline figures"].startswith("Of the filtered view")
    for figure in figures:
        if figure.chart:
            assert figure.label not in rows
            continue
        said = f"{figure.display} (exactly {figure.exact}; n = {figure.n}) — {figure.formula}"
        # A text starting with "+" is written as text, never as a formula (the quote).
        assert (figure.label, neutralise(said)) in pairs
