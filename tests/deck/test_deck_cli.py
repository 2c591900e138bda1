"""`python -m analysis export --format pptx`: the deck from a stored round, filtered, in FR/EN."""

from __future__ import annotations

import io
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from pptx import Presentation

from analysis.analytics import metrics
from analysis.analytics.filters import Filters
from analysis.cli import main
from analysis.store import SurveyStore
from tests.support.apptest import REPO_ROOT

NNBSP = "\u202f"


@pytest.fixture
def store_url(seeded_db_file: Path, tmp_path: Path) -> str:
    """A private copy of the store seeded with the sample round ("2023")."""
    path = tmp_path / "survey.db"
    shutil.copyfile(seeded_db_file, path)
    return f"sqlite:///{path}"


def export(
    capsys: pytest.CaptureFixture[str], url: str, out: Path, *options: str
) -> tuple[int, str, str]:
    code = main(["export", "--db", url, "--round", "2023", "--out", str(out), *options])
    stdout, stderr = capsys.readouterr()
    return code, stdout, stderr


def opened(path: Path) -> Any:
    return Presentation(io.BytesIO(path.read_bytes()))


def all_notes(prs: Any) -> str:
    return "\n".join(slide.notes_slide.notes_text_frame.text for slide in prs.slides)


def all_texts(prs: Any) -> str:
    return "\n".join(
        shape.text_frame.text for s in prs.slides for shape in s.shapes if shape.has_text_frame
    )


def test_export_writes_a_deck_in_english(
    capsys: pytest.CaptureFixture[str], store_url: str, tmp_path: Path
) -> None:
    out = tmp_path / "deck.pptx"
    code, stdout, _ = export(capsys, store_url, out, "--format", "pptx", "--lang", "en")
    assert code == 0
    assert str(out) in stdout
    prs = opened(out)
    assert len(prs.slides) == 10
    assert "1,500+" in all_texts(prs)
    assert "Filters: all poles of the round" in all_notes(prs)


def test_export_in_french_with_filters_and_the_suffix_naming_the_format(
    capsys: pytest.CaptureFixture[str], store_url: str, tmp_path: Path
) -> None:
    out = tmp_path / "sub" / "idf.pptx"
    code, _, err = export(
        capsys,
        store_url,
        out,
        "--lang",
        "fr",
        "--region",
        "ile-de-france",
        "--sector",
        "Santé",
        "--sector",
        "digital and photonics",
    )
    assert code == 0, err
    with SurveyStore(store_url) as store:
        survey = store.load_round("2023")
    filters = Filters(regions=("Île-de-France",), sectors=("Health", "Digital and photonics"))
    view = filters.apply(survey)
    assert len(view.responses) == 4
    total = metrics.yearly_total(view, "projects_submitted").value
    prs = opened(out)
    notes = all_notes(prs)
    assert "Filtres : région Île-de-France ; thématiques Santé, Numérique et photonique" in notes
    assert f"Chiffre exact : {total}." in notes
    assert "Méthode" in all_texts(prs)


def test_a_scope_of_one_pole_gives_no_figure(
    capsys: pytest.CaptureFixture[str], store_url: str, tmp_path: Path
) -> None:
    out = tmp_path / "one.pptx"
    code, _, err = export(capsys, store_url, out, "--lang", "en", "--region", "La Réunion")
    assert code == 0, err
    prs = opened(out)
    assert len(prs.slides) == 2  # title and method: one pole's figures are its own
    assert "fewer than 3 poles in this scope" in all_texts(prs)


def test_several_regions_give_a_region_slide(
    capsys: pytest.CaptureFixture[str], store_url: str, tmp_path: Path
) -> None:
    out = tmp_path / "two.pptx"
    code, _, err = export(
        capsys,
        store_url,
        out,
        "--lang",
        "en",
        "--region",
        "Île-de-France",
        "Provence-Alpes-Côte d'Azur",
    )
    assert code == 0, err
    charts = [shape.chart for s in opened(out).slides for shape in s.shapes if shape.has_chart]
    region = [list(c.plots[0].categories) for c in charts]
    assert ["Île-de-France", "Provence-Alpes-Côte d'Azur"] in region


def test_unknown_filter_value_is_refused_with_the_known_values(
    capsys: pytest.CaptureFixture[str], store_url: str, tmp_path: Path
) -> None:
    out = tmp_path / "x.pptx"
    code, _, err = export(capsys, store_url, out, "--lang", "en", "--region", "Atlantis")
    assert code == 1
    assert "Round 2023 has no region “Atlantis”" in err
    assert "Occitanie" in err
    assert not out.exists()


def test_filters_that_match_no_pole_write_nothing(
    capsys: pytest.CaptureFixture[str], store_url: str, tmp_path: Path
) -> None:
    out = tmp_path / "x.pptx"
    code, _, err = export(
        capsys, store_url, out, "--lang", "en", "--region", "La Réunion", "--sector", "Health"
    )
    assert code == 1
    assert "No pole of round 2023 matches these filters" in err
    assert not out.exists()


def test_deck_options_with_another_format_are_refused(
    capsys: pytest.CaptureFixture[str], store_url: str, tmp_path: Path
) -> None:
    out = tmp_path / "x.csv"
    code, _, err = export(capsys, store_url, out, "--lang", "en", "--pole", "Cap Digital")
    assert code == 1
    assert "apply to the pptx and pdf formats only" in err
    assert not out.exists()


def test_a_branded_template_is_used_and_a_bad_one_refused(
    capsys: pytest.CaptureFixture[str], store_url: str, tmp_path: Path
) -> None:
    from tests.deck.test_deck_template import branded_template

    template = tmp_path / "brand.pptx"
    template.write_bytes(branded_template())
    out = tmp_path / "branded.pptx"
    code, _, err = export(capsys, store_url, out, "--lang", "en", "--template", str(template))
    assert code == 0, err
    assert opened(out).slides[1].slide_layout.name == "Title Only"
    broken = tmp_path / "broken.pptx"
    broken.write_bytes(b"not a presentation")
    code, _, err = export(capsys, store_url, out, "--lang", "en", "--template", str(broken))
    assert code == 1
    assert "cannot be opened as a PowerPoint presentation" in err


def test_the_module_entry_point_writes_the_deck(store_url: str, tmp_path: Path) -> None:
    out = tmp_path / "deck.pptx"
    done = subprocess.run(
        [
            sys.executable,
            "-m",
            "analysis",
            "export",
            "--db",
            store_url,
            "--round",
            "2023",
            "--format",
            "pptx",
            "--out",
            str(out),
            "--lang",
            "fr",
            "--pole",
            "Cap Digital",
        ],
        cwd=REPO_ROOT,
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    prs = opened(out)
    assert "Filtres : pôle Cap Digital" in all_notes(prs)
    # a single pole chosen on purpose: its own figures may be shown
    titles = all_texts(prs)
    assert "Projets déposés par le pôle sélectionné" in titles
    assert f"1{NNBSP}500+" not in titles
