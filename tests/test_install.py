"""`pip install .` gives a working `poles-europe` and `python -m analysis`, from any folder.

The fast tests check the packaging configuration against the tree: every `analysis`
package is listed (a new one would otherwise be left out of the wheel), every data file
the code reads is shipped. The slow test builds the project into a throw-away virtual
environment (never the shared `.venv`), then runs the installed commands from an unrelated
folder, where no checkout can help: the shipped data must be found inside the package.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import sysconfig
import tomllib
from pathlib import Path

import pytest
from setuptools import find_packages

ROOT = Path(__file__).resolve().parents[1]
SAMPLE = "phase4_survey_sample.xlsx"


def _setuptools() -> dict[str, object]:
    with (ROOT / "pyproject.toml").open("rb") as handle:
        return tomllib.load(handle)["tool"]["setuptools"]


def _data_packages() -> dict[str, list[str]]:
    """Shipped data: package name -> file patterns, for packages mapped onto `data/`."""
    package_data = _setuptools()["package-data"]
    assert isinstance(package_data, dict)
    return {name: files for name, files in package_data.items() if name.startswith("analysis._")}


def _folder(package: str) -> Path:
    """Where a listed package's files come from in the checkout."""
    mapping = _setuptools()["package-dir"]
    assert isinstance(mapping, dict)
    for name, folder in mapping.items():
        if package == name or package.startswith(name + "."):
            return ROOT / folder / Path(*package[len(name) :].split(".")[1:])
    return ROOT.joinpath(*package.split("."))


def test_every_analysis_package_is_listed() -> None:
    packages = _setuptools()["packages"]
    assert isinstance(packages, list)
    listed = set(packages)
    code = set(find_packages(where=str(ROOT), include=["analysis", "analysis.*"]))
    package_data = _setuptools()["package-data"]
    assert isinstance(package_data, dict)
    data_only = set(package_data)  # folders of data files (catalogues, report layouts, data/)
    assert {"analysis.locales", "analysis.report.templates", *_data_packages()} <= data_only
    assert listed == code | data_only


def test_only_analysis_is_shipped() -> None:
    packages = _setuptools()["packages"]
    assert isinstance(packages, list)
    assert all(name == "analysis" or name.startswith("analysis.") for name in packages)


@pytest.mark.parametrize(
    "package", sorted(["analysis.locales", "analysis.report.templates", *_data_packages()])
)
def test_every_shipped_pattern_names_real_files(package: str) -> None:
    package_data = _setuptools()["package-data"]
    assert isinstance(package_data, dict)
    folder = _folder(package)
    for pattern in package_data[package]:
        assert list(folder.glob(pattern)), f"{package}: nothing matches {pattern} in {folder}"


def test_the_files_the_code_reads_are_shipped() -> None:
    """The registry, the GeoJSON and the sample: what `analysis.core.paths` is asked for."""
    from analysis.charts.map import GEOJSON_PATH
    from analysis.core.paths import data_dir
    from analysis.core.registry import ALIASES_CSV, POLES_CSV
    from analysis.store.seed import SAMPLE_PATH

    shipped = {
        _folder(package) / pattern
        for package, patterns in _data_packages().items()
        for pattern in patterns
    }
    for path in (GEOJSON_PATH, POLES_CSV, ALIASES_CSV, SAMPLE_PATH):
        assert path.is_relative_to(data_dir())
        assert path in shipped, path


def _run(command: list[str], cwd: Path, env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        command, cwd=cwd, env=env, capture_output=True, text=True, timeout=300, check=False
    )


@pytest.fixture(scope="module")
def installed(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A virtual environment holding the project as `pip install .` puts it.

    The dependencies come from the running environment through a `.pth` file (nothing is
    downloaded); the project is built from a copy of its files, so the checkout gets no
    `build/` folder, and without build isolation, with the pinned setuptools.
    """
    base = tmp_path_factory.mktemp("install")
    source = base / "source"
    source.mkdir()
    for name in ("pyproject.toml", "README.md", "requirements.txt"):
        shutil.copy(ROOT / name, source / name)
    for folder in ("analysis", "data"):
        shutil.copytree(
            ROOT / folder,
            source / folder,
            ignore=shutil.ignore_patterns("__pycache__", "*.db", "*.db-*"),
        )
    venv = base / "venv"
    subprocess.run([sys.executable, "-m", "venv", "--without-pip", str(venv)], check=True)
    python = venv / "bin" / "python"
    site = _run(
        [str(python), "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
        base,
        dict(os.environ),
    ).stdout.strip()
    shared = sysconfig.get_paths()["purelib"]  # where the dependencies are installed
    (Path(site) / "shared-deps.pth").write_text(shared + "\n", encoding="utf-8")
    install = _run(
        [str(python), "-m", "pip", "install", "--no-deps", "--no-build-isolation", str(source)],
        base,
        dict(os.environ),
    )
    assert install.returncode == 0, install.stdout + install.stderr
    return venv


@pytest.fixture
def elsewhere(tmp_path: Path) -> tuple[Path, dict[str, str]]:
    """An unrelated folder to run from, and an environment with no store URL and its own
    user data folder (the default store of an installed copy)."""
    folder = tmp_path / "elsewhere"
    folder.mkdir()
    env = {k: v for k, v in os.environ.items() if k not in ("SURVEY_DB_URL", "PYTHONPATH")}
    env["XDG_DATA_HOME"] = str(tmp_path / "xdg")
    return folder, env


@pytest.mark.slow
def test_the_installed_commands_answer_help(
    installed: Path, elsewhere: tuple[Path, dict[str, str]]
) -> None:
    folder, env = elsewhere
    for command in (
        [str(installed / "bin" / "poles-europe"), "--help"],
        [str(installed / "bin" / "python"), "-m", "analysis", "--help"],
    ):
        run = _run(command, folder, env)
        assert run.returncode == 0, run.stderr
        assert "validate" in run.stdout
        assert "summary" in run.stdout
    console = _run([str(installed / "bin" / "poles-europe"), "--help"], folder, env)
    assert console.stdout.startswith("usage: poles-europe")


@pytest.mark.slow
def test_the_installed_copy_reads_its_own_data(
    installed: Path, elsewhere: tuple[Path, dict[str, str]]
) -> None:
    folder, env = elsewhere
    probe = (
        "import json; from analysis.core import paths; from analysis.store.seed import "
        "SAMPLE_PATH; from analysis.store.url import DEFAULT_PATH; "
        "from analysis.charts.map import GEOJSON_PATH; import analysis; print(json.dumps({"
        "'package': analysis.__file__, 'data': str(paths.data_dir()), "
        "'sample': str(SAMPLE_PATH), 'geojson': str(GEOJSON_PATH), "
        "'store': str(DEFAULT_PATH)}))"
    )
    run = _run([str(installed / "bin" / "python"), "-c", probe], folder, env)
    assert run.returncode == 0, run.stderr
    where = {key: Path(value) for key, value in json.loads(run.stdout).items()}
    assert where["package"].is_relative_to(installed), "the checkout was imported instead"
    assert where["data"] == where["package"].parent / "_data"
    assert where["sample"].is_file()
    assert where["geojson"].is_file()
    assert where["store"] == Path(env["XDG_DATA_HOME"]) / "poles-europe" / "survey.db"


@pytest.mark.slow
def test_the_installed_commands_work_on_the_shipped_sample(
    installed: Path, elsewhere: tuple[Path, dict[str, str]]
) -> None:
    folder, env = elsewhere
    sample = next(installed.rglob(f"analysis/_data/sample/{SAMPLE}"))
    shutil.copy(sample, folder / SAMPLE)

    summary = _run(
        [str(installed / "bin" / "poles-europe"), "summary", SAMPLE, "--json"], folder, env
    )
    assert summary.returncode == 0, summary.stderr
    figures = json.loads(summary.stdout)
    assert figures["respondents"] == 40
    assert figures["projects_submitted_total"] == 1548

    validate = _run(
        [str(installed / "bin" / "python"), "-m", "analysis", "validate", SAMPLE, "--lang", "en"],
        folder,
        env,
    )
    # 0: storable, with every pole found in the shipped registry (no warning).
    assert validate.returncode == 0, validate.stdout + validate.stderr
    assert "0 errors, 0 warnings" in validate.stdout

    rounds = _run([str(installed / "bin" / "poles-europe"), "rounds", "--json"], folder, env)
    assert rounds.returncode == 0, rounds.stderr
    assert (Path(env["XDG_DATA_HOME"]) / "poles-europe" / "survey.db").is_file()


@pytest.mark.slow
def test_the_installed_copy_typesets_the_reports(
    installed: Path, elsewhere: tuple[Path, dict[str, str]]
) -> None:
    """The report layouts (`analysis/report/templates/*.typ`) are shipped and found."""
    folder, env = elsewhere
    sample = next(installed.rglob(f"analysis/_data/sample/{SAMPLE}"))
    shutil.copy(sample, folder / SAMPLE)
    cli = [str(installed / "bin" / "poles-europe")]
    stored = _run([*cli, "import", SAMPLE, "--round", "2023"], folder, env)
    assert stored.returncode == 0, stored.stdout + stored.stderr
    for command in (
        ["report", "--round", "2023", "--pole", "Cap Digital", "--out", "r.pdf"],
        ["export", "--round", "2023", "--format", "pdf", "--out", "s.pdf"],
    ):
        run = _run([*cli, *command], folder, env)
        assert run.returncode == 0, run.stdout + run.stderr
        out = folder / command[command.index("--out") + 1]
        assert out.read_bytes().startswith(b"%PDF")
