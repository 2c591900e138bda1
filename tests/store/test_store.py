"""The store's round lifecycle: import, load, list, replace with history, delete, audit."""

from __future__ import annotations

import dataclasses

import pandas as pd
import pytest
from sqlalchemy import create_engine, select

from analysis.core.model import RoundInfo
from analysis.store import (
    InvalidLabel,
    InvalidRound,
    RoundExists,
    RoundNotFound,
    SameFileStored,
    SurveyStore,
    VersionNotFound,
    tables,
)
from tests.support import store_fixtures
from tests.support.store_fixtures import (
    assert_same_round,
    build_round,
    dump,
    error,
    stand_in,
    warning,
)

# the store fixtures, shared by every store test module
store = store_fixtures.store
store_url = store_fixtures.store_url


def test_import_then_load_gives_the_same_round(store: SurveyStore) -> None:
    survey = build_round("2023", project_rows=50)
    outcome = store.import_round(stand_in(survey))
    assert (outcome.label, outcome.respondents, outcome.years) == ("2023", 5, (2019, 2020, 2021))
    assert (outcome.yearly_rows, outcome.project_rows, outcome.extra_rows) == (15, 50, 2)
    assert outcome.warnings == () and not outcome.replaced
    assert_same_round(store.load_round("2023"), survey)


def test_blank_answers_are_stored_as_null_not_zero(store: SurveyStore, store_url: str) -> None:
    store.import_round(stand_in(build_round("2023")))
    engine = create_engine(store_url)
    with engine.connect() as connection:
        first = connection.execute(
            select(tables.responses).where(tables.responses.c.position == 0)
        ).one()
        blank_value = connection.execute(
            select(tables.extras.c.value).where(tables.extras.c.position == 1)
        ).scalar_one()
    engine.dispose()
    assert first.europe_team_recruitments is None
    assert first.europe_team_fte is None
    assert blank_value is None
    loaded = store.load_round("2023")
    assert pd.isna(loaded.responses.loc[0, "europe_team_recruitments"])
    assert pd.isna(loaded.responses.loc[1, "plans_to_recruit"])
    assert bool(loaded.responses.loc[0, "plans_to_recruit"]) is True


def test_info_argument_overrides_the_files_own(store: SurveyStore) -> None:
    survey = build_round("from-file")
    info = dataclasses.replace(survey.info, label="Phase 4", poles_surveyed=55)
    store.import_round(stand_in(survey), info)
    assert store.labels() == ["Phase 4"]
    loaded = store.load_round("Phase 4")
    assert loaded.info.poles_surveyed == 55 and loaded.info.label == "Phase 4"


def test_list_rounds_gives_counts_period_and_origin(store: SurveyStore) -> None:
    store.import_round(stand_in(build_round("2021", poles=3)), actor="alice")
    store.import_round(
        stand_in(build_round("2023", project_rows=7, years=(2022,)), name="round 2023.xlsx")
    )
    first, second = store.list_rounds()
    assert first.label == "2021" and second.label == "2023"
    assert (first.respondents, first.years, first.period_label) == (
        3,
        (2019, 2020, 2021),
        "2019–2021",
    )
    assert first.uploaded_by == "alice" and first.poles_surveyed == 13
    assert (second.project_rows, second.years, second.period_label) == (7, (2022,), "2022")
    assert second.file_name == "round 2023.xlsx"
    assert second.sha256 == stand_in(build_round("2023")).source.sha256
    assert second.size == len(b"file of 2023")
    assert second.as_dict()["collected_on"] == "2023-03-31"


def test_existing_label_is_refused_without_replace(store: SurveyStore, store_url: str) -> None:
    store.import_round(stand_in(build_round("2023")))
    before = dump(store_url)
    with pytest.raises(RoundExists) as caught:
        store.import_round(stand_in(build_round("2023", seed=1), content=b"other bytes"))
    assert "--replace" in caught.value.message("en")
    assert dump(store_url) == before


def test_invalid_result_changes_nothing(store: SurveyStore, store_url: str) -> None:
    store.import_round(stand_in(build_round("2021")))
    before = dump(store_url)
    bad = stand_in(build_round("2023"), problems=(error(), warning()))
    with pytest.raises(InvalidRound) as caught:
        store.import_round(bad)
    assert caught.value.message("en") == "The file has 1 error: nothing was stored."
    with pytest.raises(InvalidRound):
        store.import_round(stand_in(None, unreadable=True))
    assert dump(store_url) == before


def test_blank_label_is_refused(store: SurveyStore) -> None:
    with pytest.raises(InvalidLabel):
        store.import_round(stand_in(build_round("   ")))
    assert store.list_rounds() == []


def test_a_crash_in_the_middle_leaves_the_store_as_it_was(
    store: SurveyStore, store_url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    store.import_round(stand_in(build_round("2021")))
    before = dump(store_url)
    from analysis.store import rounds

    def explode(*_args: object, **_kwargs: object) -> None:
        raise RuntimeError("disk on fire")

    monkeypatch.setattr(rounds, "insert_warnings", explode)  # after every data row
    with pytest.raises(RuntimeError):
        store.import_round(stand_in(build_round("2023", project_rows=100)))
    assert dump(store_url) == before
    monkeypatch.undo()
    store.import_round(stand_in(build_round("2023")))
    assert store.labels() == ["2021", "2023"]


def test_warnings_are_kept_with_the_round(store: SurveyStore) -> None:
    problems = (warning(row=5), warning("duplicate_header", row=1))
    store.import_round(stand_in(build_round("2023"), problems=problems))
    assert store.round_warnings("2023") == problems


def test_same_file_under_two_labels_is_refused_naming_the_round(store: SurveyStore) -> None:
    store.import_round(stand_in(build_round("A"), content=b"same bytes"))
    with pytest.raises(SameFileStored) as refused:
        store.import_round(stand_in(build_round("B"), content=b"same bytes"))
    assert refused.value.params["label"] == "A"
    message = refused.value.message("en")
    assert '"A"' in message and "--allow-same-file" in message
    assert store.labels() == ["A"]  # nothing written
    same = stand_in(build_round("C"), content=b"same bytes").source.sha256
    assert store.rounds_with_file(same) == ["A"]


def test_same_file_under_two_labels_is_allowed_on_request_with_a_warning(
    store: SurveyStore,
) -> None:
    store.import_round(stand_in(build_round("A"), content=b"same bytes"))
    outcome = store.import_round(
        stand_in(build_round("B"), content=b"same bytes"), allow_same_file=True
    )
    assert [w.code for w in outcome.warnings] == ["same_file_as_round"]
    assert outcome.warnings[0].params["other"] == "A"
    assert '"A"' in outcome.warnings[0].message("en")
    assert store.labels() == ["A", "B"]


def test_a_round_replaced_by_its_own_file_is_not_refused(store: SurveyStore) -> None:
    store.import_round(stand_in(build_round("A"), content=b"same bytes"))
    outcome = store.import_round(stand_in(build_round("A"), content=b"same bytes"), replace=True)
    assert [w.code for w in outcome.warnings] == ["same_file_as_current"]
    assert store.rounds_with_file(stand_in(build_round("A"), content=b"other").source.sha256) == []


def test_replace_keeps_the_old_version_recoverable(store: SurveyStore) -> None:
    old = build_round("2023", seed=1, project_rows=20)
    new = build_round("2023", seed=2, poles=7)
    first = store.import_round(stand_in(old, content=b"old file"), actor="alice")
    second = store.import_round(stand_in(new, content=b"new file"), replace=True, actor="bob")
    assert second.replaced and second.replaced_version_id == first.version_id
    assert_same_round(store.load_round("2023"), new)
    assert store.original_file("2023").content == b"new file"
    assert len(store.list_rounds()) == 1

    # the audit trail names the replaced version and both files
    entry = store.audit_log(limit=1)[0]
    assert (entry.action, entry.actor, entry.replaced_version_id) == (
        "replace",
        "bob",
        first.version_id,
    )
    assert entry.respondents == 7
    files = store.file_versions("2023")
    assert [f.current for f in files] == [False, True]
    assert store.file_content(files[0].file_id).content == b"old file"

    # the old data reads back whole, and can be made current again
    versions = store.round_versions("2023")
    assert [(v.version_id, v.current) for v in versions] == [
        (first.version_id, False),
        (second.version_id, True),
    ]
    assert versions[0].superseded_at is not None
    assert_same_round(store.load_version(first.version_id), old)
    assert store.restore_version("2023", first.version_id, actor="carol") == second.version_id
    assert_same_round(store.load_round("2023"), old)
    assert store.audit_log(limit=1)[0].action == "restore"
    assert [v.current for v in store.round_versions("2023")] == [True, False]


def test_restore_refuses_a_version_of_another_round(store: SurveyStore) -> None:
    other = store.import_round(stand_in(build_round("A")))
    store.import_round(stand_in(build_round("B")))
    with pytest.raises(VersionNotFound):
        store.restore_version("B", other.version_id)
    with pytest.raises(VersionNotFound):
        store.load_version(999)


def test_replacing_with_the_same_file_says_so(store: SurveyStore) -> None:
    store.import_round(stand_in(build_round("2023"), content=b"x"))
    outcome = store.import_round(stand_in(build_round("2023"), content=b"x"), replace=True)
    assert [w.code for w in outcome.warnings] == ["same_file_as_current"]


def test_delete_removes_the_data_but_keeps_originals_and_audit(
    store: SurveyStore, store_url: str
) -> None:
    store.import_round(stand_in(build_round("2023", project_rows=30), content=b"v1"))
    store.import_round(stand_in(build_round("2023", seed=3), content=b"v2"), replace=True)
    store.import_round(stand_in(build_round("2021")))
    record = store.delete_round("2023", actor="alice")
    assert record.label == "2023" and record.respondents == 5
    assert store.labels() == ["2021"]
    with pytest.raises(RoundNotFound):
        store.load_round("2023")
    assert store.round_versions("2023") == []
    # originals stay, readable
    originals = [store.file_content(f.file_id).content for f in store.file_versions("2023")]
    assert originals == [b"v1", b"v2"]
    entry = store.audit_log(limit=1)[0]
    assert (entry.action, entry.label, entry.actor, entry.respondents) == (
        "delete",
        "2023",
        "alice",
        5,
    )
    # no orphan rows of the deleted round remain
    rows = dump(store_url)
    kept_ids = {row[0] for row in rows["rounds"]}
    for name in ("responses", "yearly", "projects", "extras", "round_warnings"):
        assert {row[0] for row in rows[name]} <= kept_ids
    # the label is free again
    store.import_round(stand_in(build_round("2023")))
    assert store.labels() == ["2021", "2023"]


def test_unknown_labels_raise_round_not_found(store: SurveyStore) -> None:
    for call in (store.load_round, store.delete_round, store.original_file, store.round_warnings):
        with pytest.raises(RoundNotFound) as caught:
            call("nope")
        assert caught.value.message("fr") == "Aucune enquête ne porte le libellé « nope »."


def test_audit_log_records_every_change_newest_first(store: SurveyStore) -> None:
    a = store.import_round(stand_in(build_round("A", project_rows=4)), actor="alice")
    store.import_round(stand_in(build_round("A", seed=5)), replace=True)
    store.delete_round("A")
    log = store.audit_log()
    assert [e.action for e in log] == ["delete", "replace", "import"]
    first = log[-1]
    assert (first.label, first.actor, first.version_id, first.project_rows) == (
        "A",
        "alice",
        a.version_id,
        4,
    )
    assert first.sha256 == stand_in(build_round("A")).source.sha256
    assert store.audit_log(limit=2)[0].action == "delete"
    assert [e.action for e in store.audit_log(label="B")] == []
    assert store.revision() == log[0].id


def test_poles_are_shared_between_rounds(store: SurveyStore, store_url: str) -> None:
    store.import_round(stand_in(build_round("A", poles=4)))
    store.import_round(stand_in(build_round("B", poles=6)))
    names = [row[1] for row in dump(store_url)["poles"]]
    assert len(names) == len(set(names)) == 6


def test_round_info_round_trips_every_field(store: SurveyStore) -> None:
    survey = build_round("x", synthetic=True)
    info = RoundInfo("Phase 4", 2019, 2022, 55, survey.info.collected_on, synthetic=True)
    store.import_round(stand_in(survey), info)
    assert store.load_round("Phase 4").info == info
    assert store.list_rounds()[0].synthetic is True


def test_labels_are_trimmed(store: SurveyStore) -> None:
    store.import_round(stand_in(build_round(" 2023 ")))
    assert store.labels() == ["2023"]
    assert store.has_round(" 2023") and store.load_round("2023").info.label == "2023"
