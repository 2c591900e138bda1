"""AppTest of the Awards page on the shipped sample: counts per category, filters, settings,
both languages, the jury pack buttons, and a winner recorded and shown on the peers page."""

from __future__ import annotations

import pandas as pd
import pytest
from streamlit.testing.v1 import AppTest

from analysis.awards.rules import Edition, category_counts, eligibility
from analysis.core.model import SurveyRound
from analysis.core.registry import Registry
from analysis.ingest.pipeline import ingest_path
from analysis.store import SurveyStore
from analysis.store.seed import SAMPLE_PATH
from tests.support.apptest import metric_values, open_app, texts
from tests.support.store_fixtures import build_round, stand_in

pytestmark = pytest.mark.usefixtures("app_db")
PAGE = "pages/awards.py"
EN_TILES = ("Best collaborative initiative", "Impact", "Success story")


@pytest.fixture(scope="module")
def sample() -> SurveyRound:
    survey = ingest_path(SAMPLE_PATH).survey
    assert survey is not None
    return survey


def expected_tiles(sample: SurveyRound, edition: Edition | None = None) -> dict[str, str]:
    """`eligible / applied` per category, computed here from the sample itself."""
    checked = eligibility(
        sample.initiatives,
        edition or Edition.default_2023(),
        Registry.default(),
        responses=sample.responses,
    )
    counts = category_counts(checked, edition or Edition.default_2023())
    return {
        label: f"{row.eligible} / {row.applied}"
        for label, row in zip(EN_TILES, counts.itertuples(), strict=True)
    }


def table(at: AppTest) -> pd.DataFrame:
    return at.dataframe[0].value


def test_counts_per_category_and_the_table_on_the_sample(sample: SurveyRound) -> None:
    at = open_app(PAGE, lang="en")
    assert metric_values(at) == expected_tiles(sample)
    assert metric_values(at) == {
        "Best collaborative initiative": "2 / 4",
        "Impact": "3 / 4",
        "Success story": "2 / 3",
    }
    shown = table(at)
    assert len(shown) == len(sample.initiatives) == 11
    # The late flag sits beside the verdict: Valorial's application came after the deadline.
    assert shown["Eligible"].value_counts().to_dict() == {"✓ yes": 6, "✗ no": 4, "✓ yes, ⚠ late": 1}
    assert shown.set_index("Pole").at["Valorial", "Eligible"] == "✓ yes, ⚠ late"
    assert "Late" not in shown.columns
    why = dict(zip(shown["Initiative"], shown["Why"], strict=True))
    assert why["Club Europe inter-pôles"].startswith(
        "started 2020-05-01: outside the 2-year window of the 2023 edition"
    )
    assert "is not labelled in Phase V" in why["Alliance européenne de l'eau"]
    page = texts(at)
    assert "1 late application flagged" in page
    assert "1 application arrived after the 14 September 2023 deadline" in page
    assert len(at.get("download_button")) == 2


def test_filters_by_category_and_region(sample: SurveyRound) -> None:
    at = open_app(PAGE, lang="en")
    at.multiselect(key="awards_categories").set_value(["impact"]).run()
    assert metric_values(at) == {"Impact": "3 / 4"}
    assert set(table(at)["Category"]) == {"Impact"}
    # The jury pack stays whole: a category filtered out here is not "without applicants".
    assert "Every eligible application of the edition (7), whatever the filters" in texts(at)
    at.multiselect(key="awards_categories").set_value([]).run()
    at.multiselect(key="awards_regions").set_value(["Bretagne"]).run()
    bretagne = sample.initiatives["pole"].isin(
        sample.responses.loc[sample.responses["region"] == "Bretagne", "pole"]
    )
    assert len(table(at)) == int(bretagne.sum()) == 2
    assert set(table(at)["Pole"]) == set(sample.initiatives.loc[bretagne, "pole"])
    assert metric_values(at) == {
        "Best collaborative initiative": "0 / 0",
        "Impact": "0 / 1",
        "Success story": "1 / 1",
    }


def test_edition_settings_change_eligibility(sample: SurveyRound) -> None:
    at = open_app(PAGE, lang="en")
    at.number_input(key="awards_window_collaborative").set_value(4).run()
    wider = Edition.default_2023().with_windows({"collaborative": 4})
    assert metric_values(at) == expected_tiles(sample, wider)
    assert metric_values(at)["Best collaborative initiative"] == "3 / 4"
    at.checkbox(key="awards_exclude_late").check().run()
    assert metric_values(at)["Success story"] == "1 / 3"
    assert table(at).set_index("Pole").at["Valorial", "Eligible"] == "✗ no, ⚠ late"
    at.selectbox(key="awards_phase").set_value(4).run()
    # France Water Team was labelled in Phase IV: eligible when Phase IV is the rule
    assert metric_values(at)["Best collaborative initiative"] == "4 / 4"


def test_an_edition_without_a_category_makes_its_applications_ineligible() -> None:
    at = open_app(PAGE, lang="en")
    at.multiselect(key="awards_offered").set_value(["collaborative", "impact"]).run()
    assert not at.exception
    assert set(metric_values(at)) == {"Best collaborative initiative", "Impact"}
    shown = table(at)
    story = shown[shown["Category"] == "Success story"]
    assert len(story) == 3 and set(story["Eligible"]) == {"✗ no", "✗ no, ⚠ late"}
    assert all("is not a category of the 2023 edition" in why for why in story["Why"])


def test_the_page_in_french() -> None:
    at = open_app(PAGE, lang="fr")
    assert metric_values(at) == {
        "Meilleure initiative collaborative": "2 / 4",
        "Impact": "3 / 4",
        "Success story": "2 / 3",
    }
    shown = table(at)
    assert list(shown.columns[:3]) == ["Pôle", "Initiative", "Catégorie"]
    assert shown["Pourquoi"].str.contains("hors de la fenêtre de 2 ans").sum() == 2
    assert "Prix « Les pôles pour l'Europe »" in texts(at)


def test_a_recorded_winner_is_listed_and_shown_on_the_peers_page() -> None:
    at = open_app(PAGE, lang="en", editor=True)
    assert "No winner recorded for the 2023 edition yet." in texts(at)
    at.selectbox(key="awards_winner_category").set_value("impact").run()
    choice = at.selectbox(key="awards_winner_choice")
    assert choice.options == [
        "Finance Innovation – Accompagnement des PME vers Horizon Europe",
        "Minalogic – Guichet Europe pour les adhérents",
        "Pôle Avenia – Formation au montage de projets européens",
    ]
    at.selectbox(key="awards_winner_choice").select_index(1).run()
    at.button(key="awards_record").click().run()
    assert not at.exception
    assert "Minalogic recorded as winner of the 2023 edition." in texts(at)
    winners = at.dataframe[-1].value
    assert winners.to_dict("records") == [
        {
            "Edition": "2023",
            "Category": "Impact",
            "Pole": "Minalogic",
            "Initiative": "Guichet Europe pour les adhérents",
        }
    ]
    log = SurveyStore().audit_log(limit=1)[0]
    assert (log.action, log.actor) == ("award_winner", "shared password")

    at.switch_page("pages/peers.py").run()
    at.selectbox(key="peers_pole").set_value("Minalogic").run()
    assert not at.exception
    assert (
        ':material/emoji_events: Awards won: 2023 · Impact · "Guichet Europe pour les adhérents"'
        in texts(at)
    )
    at.selectbox(key="peers_pole").set_value("Cap Digital").run()
    assert "Awards won" not in texts(at)


def test_recording_a_winner_needs_the_editor_credential(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("SURVEY_EDITOR_PASSWORD", "s3cret-jury-2023")
    at = open_app(PAGE, lang="en")
    assert not [b for b in at.button if b.key == "awards_record"]
    assert [t for t in at.text_input if t.key == "auth_password"]
    assert metric_values(at)["Impact"] == "3 / 4"  # viewing stays open


def test_a_round_without_applications_says_how_to_add_them() -> None:
    SurveyStore().import_round(stand_in(build_round("2024", years=(2021, 2022, 2023))))
    at = open_app(PAGE, lang="en")
    assert at.selectbox(key="f_round").value == "2024"
    assert "Round 2024 holds no applications to the award." in texts(at)
    assert not at.metric and not at.dataframe


def test_a_round_without_applications_still_lists_the_recorded_winners() -> None:
    store = SurveyStore()
    store.record_winner(2023, "impact", "Minalogic", "Guichet Europe", actor="jury")
    store.import_round(stand_in(build_round("2024", years=(2021, 2022, 2023))))
    at = open_app(PAGE, lang="en")
    assert "Round 2024 holds no applications to the award." in texts(at)
    assert "Winners of every edition" in texts(at)
    winners = table(at)
    assert winners.to_numpy().tolist() == [["2023", "Impact", "Minalogic", "Guichet Europe"]]
