"""personas.yaml: merge rule on re-runs, load_personas for the plan module."""

from __future__ import annotations

import yaml

from personas.model import (
    Persona,
    load_personas,
    merge_personas,
    read_personas_file,
    render_personas_yaml,
)


def _new(pid: str, name: str, signature: list[str]) -> dict:
    return {"id": pid, "name": name, "description": f"{name} desc",
            "facts": {"size": 100, "share": 0.5, "signature": signature, "auto_name": name,
                      "auto_description": f"{name} desc", "traits": ["t1"], "target_rank": 1}}


def test_first_run_writes_empty_user_fields():
    doc, warnings = merge_personas([_new("P1", "Fidèles", ["a+", "b=x"])], None)
    p = doc["personas"][0]
    assert p["quote"] == "" and p["goals"] == [] and p["values"] == []
    assert warnings == [] and "archived" not in doc


def test_user_fields_and_renamed_persona_are_kept_when_segment_is_the_same():
    old, _ = merge_personas([_new("P1", "Fidèles", ["a+", "b=x", "c-"])], None)
    old["personas"][0].update(quote="Le café, c'est sacré", goals=["Ne jamais manquer"], name="Les habitués")
    new = [_new("P1", "Fidèles · boutique", ["a+", "b=x", "d+"])]  # 2 of 4 traits shared: same people
    doc, warnings = merge_personas(new, old)
    p = doc["personas"][0]
    assert p["quote"] == "Le café, c'est sacré" and p["goals"] == ["Ne jamais manquer"]
    assert p["name"] == "Les habitués"  # the user's name wins over the generated one
    assert p["description"] == "Fidèles · boutique desc"  # not edited by the user: regenerated
    assert p["facts"]["auto_name"] == "Fidèles · boutique"
    assert warnings == []


def test_notes_move_to_archived_when_ids_no_longer_match():
    old, _ = merge_personas([_new("P1", "Fidèles", ["a+", "b=x", "c-"]), _new("P2", "B2B", ["z+"])], None)
    old["personas"][0]["frustrations"] = ["Rupture de stock"]
    old["personas"][1]["quote"] = "Livrez le lundi"
    doc, warnings = merge_personas([_new("P1", "Nouveaux", ["q+", "r=y", "s-"])], old)
    assert doc["personas"][0]["frustrations"] == []  # not attached to other customers
    archived = {a["id"]: a for a in doc["archived"]}
    assert archived["P1"]["frustrations"] == ["Rupture de stock"]
    assert archived["P2"]["quote"] == "Livrez le lundi"
    assert len(warnings) == 2 and "P1" in warnings[0] and "P2" in warnings[1]


def test_written_file_round_trips_and_loads_as_personas(tmp_path):
    doc, _ = merge_personas([_new("P1", "Fidèles", ["a+"]), _new("P2", "B2B", ["z+"])], None)
    doc["personas"][1]["preferred_channels"] = ["LinkedIn", "salon"]
    (tmp_path / "personas.yaml").write_text(render_personas_yaml(doc, "fr"), encoding="utf-8")
    assert read_personas_file(tmp_path / "personas.yaml") == yaml.safe_load(render_personas_yaml(doc))
    ps = load_personas(tmp_path)
    assert [p.id for p in ps] == ["P1", "P2"]
    assert isinstance(ps[1], Persona) and ps[1].preferred_channels == ("LinkedIn", "salon")
    assert ps[0].size == 100 and ps[0].share == 0.5 and ps[0].traits == ("t1",)


def test_load_personas_without_file_is_empty(tmp_path):
    assert load_personas(tmp_path) == []
    import personas

    assert personas.load_personas(tmp_path) == []
