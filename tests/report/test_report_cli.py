"""`python -m analysis report` and `export --format pdf`: files, index, progress, errors."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from analysis.cli import main
from tests.support.pdf import page_texts, text


@pytest.fixture
def store_url(seeded_db_file: Path, tmp_path: Path) -> str:
    """A private copy of the store seeded with the sample round ("2023")."""
    path = tmp_path / "survey.db"
    shutil.copyfile(seeded_db_file, path)
    return f"sqlite:///{path}"


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_one_pole_by_a_loose_name(
    capsys: pytest.CaptureFixture[str], store_url: str, tmp_path: Path
) -> None:
    out = tmp_path / "r.pdf"
    code, said, _ = run(
        capsys, "report", "--db", store_url, "--round", "2023", "--pole", "AEROSPACE valley",
        "--out", str(out), "--lang", "en",
    )  # fmt: skip
    assert code == 0 and "Aerospace Valley" in said
    assert "Aerospace Valley" in text(out.read_bytes())


def test_an_unknown_pole_is_one_sentence_with_suggestions(
    capsys: pytest.CaptureFixture[str], store_url: str, tmp_path: Path
) -> None:
    out = tmp_path / "r.pdf"
    code, _, err = run(
        capsys, "report", "--db", store_url, "--round", "2023", "--pole", "Aerospace",
        "--out", str(out), "--lang", "fr",
    )  # fmt: skip
    assert code == 1 and "Aerospace Valley" in err and "Traceback" not in err
    assert not out.exists()


def test_an_unknown_round_is_exit_4(
    capsys: pytest.CaptureFixture[str], store_url: str, tmp_path: Path
) -> None:
    code, _, err = run(
        capsys, "report", "--db", store_url, "--round", "1999", "--all", "--out", str(tmp_path)
    )
    assert code == 4 and err.strip() and "Traceback" not in err


@pytest.mark.slow
def test_all_poles_one_pdf_each_an_index_and_a_progress_bar(
    capsys: pytest.CaptureFixture[str], store_url: str, tmp_path: Path
) -> None:
    folder = tmp_path / "reports"
    code, said, err = run(
        capsys, "report", "--db", store_url, "--round", "2023", "--all", "--out", str(folder),
        "--lang", "en",
    )  # fmt: skip
    assert code == 0 and "40 reports written" in said
    pdfs = sorted(folder.glob("*.pdf"))
    assert len(pdfs) == 40
    assert "40/40" in err and "[" + "#" * 30 + "]" in err
    index = (folder / "index_2023_en.csv").read_text(encoding="utf-8-sig").splitlines()
    assert index[0] == "Pole,Region,Sector,File" and len(index) == 41
    for line in index[1:]:
        name = line.rsplit(",", 1)[1]
        assert (folder / name).exists()
    assert all(page_texts(p.read_bytes()) for p in pdfs[:3])


def test_export_pdf_is_the_fact_sheet(
    capsys: pytest.CaptureFixture[str], store_url: str, tmp_path: Path
) -> None:
    out = tmp_path / "sheet.pdf"
    code, _, _ = run(
        capsys, "export", "--db", store_url, "--round", "2023", "--format", "pdf",
        "--out", str(out), "--lang", "fr", "--sector", "Santé",
    )  # fmt: skip
    assert code == 0
    pages = page_texts(out.read_bytes())
    assert len(pages) == 1 and "thématique Santé" in pages[0]


def test_export_pdf_refuses_a_template_and_an_empty_view(
    capsys: pytest.CaptureFixture[str], store_url: str, tmp_path: Path
) -> None:
    out = tmp_path / "sheet.pdf"
    base = ("export", "--db", store_url, "--round", "2023", "--out", str(out), "--lang", "en")
    code, _, err = run(capsys, *base, "--template", str(tmp_path / "t.pptx"))
    assert code == 1 and "--template to pptx only" in err
    code, _, err = run(capsys, *base, "--region", "La Réunion", "--sector", "Health")
    assert code == 1 and "no fact sheet written" in err
    assert not out.exists()


def test_an_unwritable_output_is_one_sentence(
    capsys: pytest.CaptureFixture[str], store_url: str, tmp_path: Path
) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("not a folder", encoding="utf-8")
    code, _, err = run(
        capsys, "report", "--db", store_url, "--round", "2023", "--pole", "Cap Digital",
        "--out", str(blocker / "r.pdf"), "--lang", "en",
    )  # fmt: skip
    assert code == 2 and err.strip() and "Traceback" not in err
