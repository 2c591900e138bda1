"""The store says which originals hold personal data; schema step 4 adds that (issue 13)."""

from __future__ import annotations

from sqlalchemy import inspect, text

from analysis.core.model import SourceFile
from analysis.ingest.pipeline import IngestResult, ingest
from analysis.store import SurveyStore, migrations
from tests.support import store_fixtures
from tests.support import tool_exports as tools
from tests.support.store_fixtures import assert_same_round, build_round, stand_in

sqlite_url = store_fixtures.sqlite_url
store = store_fixtures.store
store_url = store_fixtures.store_url


def named_forms() -> tuple[SourceFile, IngestResult]:
    name, content = tools.microsoft_forms(named=True)
    source = SourceFile(name, content)
    return source, ingest(source)


def test_personal_columns_are_recorded_with_the_original_kept_byte_for_byte(
    store: SurveyStore,
) -> None:
    source, result = named_forms()
    assert result.report.ok and result.survey is not None
    store.import_round(result)
    (record,) = store.list_rounds()
    assert record.personal_columns == ("D (Adresse de messagerie)", "E (Nom)")
    assert record.as_dict()["personal_columns"] == ["D (Adresse de messagerie)", "E (Nom)"]
    original = store.original_file(record.label)
    assert original is not None and original.content == source.content
    loaded = store.load_round(record.label)
    kept = " ".join(str(v) for v in loaded.extras.to_numpy().ravel())
    assert all(email not in kept for _first, _last, email in tools.PEOPLE)


def test_an_original_without_personal_data_records_none(store: SurveyStore) -> None:
    store.import_round(stand_in(build_round("2023")))
    assert store.list_rounds()[0].personal_columns == ()


def test_step_4_adds_the_column_to_a_version_3_store_keeping_its_rounds(store_url: str) -> None:
    survey = build_round("2023")
    with SurveyStore(store_url) as latest:
        latest.import_round(stand_in(survey))
        with latest.writing() as connection:  # back to what version 3 wrote
            connection.execute(text("ALTER TABLE files DROP COLUMN personal_columns"))
            connection.execute(text("UPDATE schema_version SET version = 3"))
    assert migrations.STEPS[2].to_version == 4
    with SurveyStore(store_url) as upgraded:
        assert upgraded.schema_version() == 4
        with upgraded.reading() as connection:
            columns = {c["name"] for c in inspect(connection).get_columns("files")}
        assert "personal_columns" in columns
        assert_same_round(upgraded.load_round("2023"), survey)
        assert upgraded.list_rounds()[0].personal_columns == ()  # nobody looked, then
        _source, result = named_forms()
        upgraded.import_round(result)
        by_label = {r.label: r for r in upgraded.list_rounds()}
        assert len(by_label[result.survey.info.label].personal_columns) == 2  # type: ignore[union-attr]
