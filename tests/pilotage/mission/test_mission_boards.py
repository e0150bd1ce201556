"""Board importers on small fixtures reproducing the real exports' quirks
(see ../shared/data/project_tools: Trello 2026 JSON, Jira Cloud CSV all fields)."""

from __future__ import annotations

import datetime as dt
import json

import pytest

from pilotage.mission.boards import detect_board, parse_board_date, read_board
from toolkit.errors import CaseError, InputError

TRELLO = {
    "id": "b1", "nodeId": "ari:cloud:trello::board/workspace/w/b1", "name": "Lancement Lumen",
    "labelNames": {"green": "", "green_dark": ""}, "limits": {}, "premiumFeatures": [],
    "lists": [{"id": "l1", "name": "À faire", "closed": False}, {"id": "l2", "name": "En cours", "closed": False},
              {"id": "l3", "name": "Terminé", "closed": False}, {"id": "l4", "name": "Vieux", "closed": True}],
    "members": [{"id": "m1", "fullName": "Camille Roux", "username": "camille"}],
    "labels": [{"id": "g", "name": "", "color": "green"}, {"id": "s", "name": "SEA", "color": "blue"}],
    "customFields": [{"id": "cf1", "name": "Story points", "type": "number"},
                     {"id": "cf2", "name": "Charge (jours)", "type": "number"}],
    "cards": [
        {"id": "c1", "idShort": 1, "name": "Brief studio", "idList": "l3", "closed": False, "idMembers": ["m1"],
         "idLabels": ["g", "s"], "start": "2027-02-01T09:00:00.000Z", "due": "2027-02-05T17:00:00.000Z",
         "dueComplete": False, "dateCompleted": None,
         "customFieldItems": [{"idCustomField": "cf1", "value": {"number": "3"}},
                              {"idCustomField": "cf2", "value": {"number": "1,5"}}]},
        {"id": "c2", "idShort": 2, "name": "Tournage", "idList": "l2", "closed": False, "idMembers": [],
         "idLabels": [], "start": None, "due": None, "customFieldItems": []},
        {"id": "c3", "idShort": 3, "name": "Carte archivée", "idList": "l1", "closed": True, "idMembers": [],
         "idLabels": [], "customFieldItems": []},
        {"id": "c4", "idShort": 4, "name": "Dans une liste archivée", "idList": "l4", "closed": False,
         "idMembers": [], "idLabels": [], "customFieldItems": []},
    ],
    "actions": [
        {"type": "createCard", "date": "2027-01-28T10:00:00.000Z", "data": {"card": {"id": "c1"}}, "appCreator": None,
         "limits": None},
        {"type": "updateCard", "date": "2027-02-04T16:30:00.000Z", "appCreator": None, "limits": None,
         "data": {"card": {"id": "c1"}, "listBefore": {"name": "En cours"}, "listAfter": {"name": "Terminé"}}},
    ],
    "checklists": [], "pluginData": [], "memberships": [],
}


def test_trello_export_minified_without_final_newline(tmp_path):
    path = tmp_path / "board.json"
    path.write_text(json.dumps(TRELLO, ensure_ascii=False, separators=(",", ":")), encoding="utf-8")
    assert detect_board(path) == "trello"
    tasks = read_board(path).set_index("id")
    assert list(tasks.index) == ["#1", "#2"]  # archived card and card of an archived list left out
    c1 = tasks.loc["#1"]
    assert bool(c1["done"]) and c1["status"] == "Terminé"
    assert c1["done_at"] == dt.date(2027, 2, 4)  # the day it reached the done list
    assert c1["created"] == dt.date(2027, 1, 28)
    assert (c1["points"], c1["effort_days"]) == (3.0, 1.5)
    assert c1["owner"] == "Camille Roux" and c1["labels"] == ("green", "SEA")  # unnamed label → its colour
    assert not bool(tasks.loc["#2", "done"]) and tasks.loc["#2", "owner"] == ""


def test_broken_trello_json_is_located(tmp_path):
    path = tmp_path / "board.json"
    text = json.dumps(TRELLO, indent=1)
    path.write_text(text[: len(text) // 2], encoding="utf-8")
    with pytest.raises(InputError) as info:
        read_board(path)
    assert info.value.file == "board.json" and info.value.line is not None
    (tmp_path / "other.json").write_text('{"name": "x"}', encoding="utf-8")
    with pytest.raises(InputError, match="not a Trello board export"):
        read_board(tmp_path / "other.json")


JIRA = (
    "Summary,Issue key,Issue id,Issue Type,Status,Assignee,Created,Resolved,Due date,Labels,Labels,Labels,"
    "Description,Sprint,Sprint,Custom field (Story Points),Custom field (Story point estimate),"
    "Inward issue link (Blocks),Parent key\n"
    'Maquette landing,LUM-1,10001,Story,Done,Camille,01/Feb/27 9:05 AM,05/Feb/27 4:37 PM,05/Feb/27,ux,,,'
    '"Première ligne\nh2. Détail {code}x{code}",Sprint 1,,,5,,\n'
    "Campagne Search,LUM-2,10002,Story,In Progress,Lou,02/Feb/27 10:00 AM,,12/Feb/27,sea,ads,,,Sprint 1,Sprint 2,"
    "3,,LUM-1,\n"
    "Sous-tâche,LUM-3,10003,Sub-task,To Do,,03/Feb/27 11:00 AM,,,,,,,,,,,,LUM-2"
)


def test_jira_export_repeated_headers_sprints_points_and_dates(tmp_path):
    path = tmp_path / "Jira.csv"
    path.write_text(JIRA, encoding="utf-8")
    assert detect_board(path) == "jira"
    tasks = read_board(path).set_index("id")
    one, two = tasks.loc["LUM-1"], tasks.loc["LUM-2"]
    assert bool(one["done"]) and one["done_at"] == dt.date(2027, 2, 5) and one["created"] == dt.date(2027, 2, 1)
    assert one["points"] == 5.0  # empty "Story Points", filled "Story point estimate"
    assert two["sprint"] == "Sprint 2"  # the last filled Sprint column is the current one
    assert two["labels"] == ("sea", "ads") and two["depends_on"] == ("LUM-1",)
    assert not bool(two["done"]) and two["done_at"] is None
    assert len(tasks) == 3


def test_jira_french_interface_headers(tmp_path):
    path = tmp_path / "jira-fr.csv"
    path.write_text("Résumé,Clé de ticket,État,Responsable,Création,Résolue\n"
                    "Brief,LUM-9,Terminé,Camille,03/févr./27 9:00,04/févr./27 10:00\n", encoding="utf-8")
    tasks = read_board(path)
    row = tasks.iloc[0]
    assert row["id"] == "LUM-9" and bool(row["done"]) and row["done_at"] == dt.date(2027, 2, 4)


def test_negative_story_points_are_refused_with_row_and_column(tmp_path):
    path = tmp_path / "Jira.csv"
    path.write_text("Summary,Issue key,Status,Custom field (Story point estimate)\nA,X-1,Done,3\nB,X-2,Done,-2\n",
                    encoding="utf-8")
    with pytest.raises(InputError) as info:
        read_board(path)
    assert info.value.row == 2 and info.value.column == "Custom field (Story point estimate)"


def test_generic_csv_and_folder(tmp_path):
    path = tmp_path / "taches.csv"
    path.write_text("id;tâche;responsable;début;fin;charge;statut;dépend de\n"
                    "T1;Brief;Camille;01/02/2027;05/02/2027;1,5;Terminé;\n"
                    "T2;Tournage;Lou;08/02/2027;12/02/2027;3;En cours;T1\n", encoding="utf-8")
    tasks = read_board(path).set_index("id")
    assert tasks.loc["T1", "effort_days"] == 1.5 and bool(tasks.loc["T1", "done"])
    assert tasks.loc["T2", "depends_on"] == ("T1",) and tasks.loc["T2", "start"] == dt.date(2027, 2, 8)
    with pytest.raises(InputError, match="folder"):
        read_board(tmp_path)


def test_board_dates():
    assert parse_board_date("15/Feb/26 4:37 PM") == dt.date(2026, 2, 15)
    assert parse_board_date("2026-01-03T13:44:28.292Z") == dt.date(2026, 1, 3)
    assert parse_board_date("") is None and parse_board_date(None) is None


def test_mission_yaml_errors_are_located(tmp_path):
    from pilotage.mission.model import load_mission

    path = tmp_path / "mission.yaml"
    path.write_text("sprints:\n  - name: S1\n    start: 2027-03-10\n    end: 2027-03-01\n"
                    "partners:\n  - need: shooting\n    chosen: Studio Z\n    quotes:\n"
                    "      - {supplier: Studio A, cost: 10, quality: 4, lead_time_days: 3, rse: 3}\n"
                    "risk_folowup: []\n", encoding="utf-8")
    with pytest.raises(CaseError) as info:
        load_mission(path)
    text = str(info.value)
    assert "mission.yaml:2" in text or "mission.yaml:3" in text  # the sprint whose end is before its start
    assert "Studio Z" in text and "risk_followup" in text  # typo hint


def test_jira_time_in_status_history(tmp_path):
    """Jira's '[CHART] Time in Status' cell: status id, passes, milliseconds — per status."""
    from pilotage.mission.boards import parse_time_in_status
    from pilotage.mission.compute import time_in_status

    # 10011 entered once for 86 400 000 ms (1 day), 10012 twice for 2 days, 10013 never
    cell = "10011_*:*_1_*:*_86400000_*|*_10012_*:*_2_*:*_172800000_*|*_10013_*:*_0_*:*_0"
    assert parse_time_in_status(cell) == (("10011", 1, 1.0), ("10012", 2, 2.0), ("10013", 0, 0.0))
    path = tmp_path / "Jira.csv"
    path.write_text("Summary,Issue key,Status,Custom field ([CHART] Time in Status)\n"
                    f"A,X-1,Done,{cell}\nB,X-2,Done,10011_*:*_1_*:*_259200000\nC,X-3,To Do,\n", encoding="utf-8")
    tasks = read_board(path)
    table = time_in_status(tasks).set_index("status")
    # 10011: X-1 1 day + X-2 3 days → 2 tickets, mean 2.0, total 4.0; 10013 never entered: absent
    assert table.loc["10011", "tickets"] == 2 and table.loc["10011", "mean_days"] == 2.0
    assert table.loc["10011", "total_days"] == 4.0 and table.loc["10012", "tickets"] == 1
    assert "10013" not in table.index
