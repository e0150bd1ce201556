"""Writes board.json: the team's Trello board for the Brûlerie Sauvage launch, in Trello's own
JSON export format (minified, one line, no final newline, custom fields valued per card, the
date each card reached "Terminé" in the board's actions). Fictional data, fixed content.

    python make_board.py        # from this folder
"""

import json
from pathlib import Path

MEMBERS = {"m-cam": "Camille", "m-tan": "Agence Tandem", "m-fon": "Fondateurs", "m-stu": "Studio Lumière"}
LISTS = {"l-todo": "À faire", "l-doing": "En cours", "l-done": "Terminé"}
# id, name, list, member, start, due, done (date reached Terminé), points, days, label (plan action)
CARDS = [
    (1, "Plan de marquage GA4 et GTM", "l-done", "m-tan", "2027-01-04", "2027-01-22", "2027-01-21", 5, 4, "A2"),
    (2, "Recette des conversions abonnement", "l-done", "m-tan", "2027-01-18", "2027-01-29", "2027-02-03", 3, 2, "A2"),
    (3, "Brief créatif du shooting Lumen", "l-done", "m-cam", "2027-01-25", "2027-02-05", "2027-02-05", 2, 1.5, "A5"),
    (4, "Shooting produits et vidéos verticales", "l-done", "m-stu", "2027-02-15", "2027-03-05", "2027-03-12", 8, 6, "A5"),
    (5, "Structure des campagnes Search", "l-done", "m-tan", "2027-01-25", "2027-02-05", "2027-02-04", 3, 2, "A3"),
    (6, "Séquence e-mail de bienvenue abonnés", "l-done", "m-cam", "2027-02-01", "2027-02-19", "2027-02-26", 5, 3, "A10"),
    (7, "Liste des micro-créateurs et contrats", "l-done", "m-cam", "2027-03-15", "2027-04-02", "2027-04-09", 5, 3, "A9"),
    (8, "Soirée de lancement à la brûlerie", "l-done", "m-fon", "2027-03-15", "2027-04-10", "2027-04-10", 8, 5, "A11"),
    (9, "Campagne Meta lancement Origines Rares", "l-done", "m-tan", "2027-03-29", "2027-04-16", "2027-04-15", 5, 3, "A6"),
    (10, "Réponses aux avis négatifs (retards de livraison)", "l-done", "m-cam", "2027-05-12", "2027-05-21",
     "2027-05-24", 3, 2, "A13"),
    (11, "Parrainage : page et e-mail", "l-doing", "m-cam", "2027-05-03", "2027-06-11", None, 5, 3, "A13"),
    (12, "Performance Max : flux produits", "l-doing", "m-tan", "2027-04-01", "2027-06-30", None, 5, 4, "A4"),
    (13, "Newsletter de juin", "l-todo", "m-cam", "2027-06-14", "2027-06-25", None, 2, 1, "A10"),
    (14, "Bilan à mi-parcours", "l-todo", "m-cam", "2027-06-21", "2027-06-30", None, 3, 2, ""),
]


def board() -> dict:
    fields = [{"id": "cf-pts", "name": "Story points", "type": "number"},
              {"id": "cf-days", "name": "Charge (jours)", "type": "number"}]
    labels = [{"id": f"lb-{a}", "name": a, "color": "green"} for a in sorted({c[9] for c in CARDS if c[9]})]
    labels.append({"id": "lb-blank", "name": "", "color": "red"})
    cards, actions = [], []
    for n, name, lst, member, start, due, done, pts, days, label in CARDS:
        cid = f"card-{n:02d}"
        cards.append({
            "id": cid, "idShort": n, "name": name, "idList": lst, "closed": False, "idMembers": [member],
            "idLabels": [f"lb-{label}"] if label else ["lb-blank"], "start": f"{start}T08:00:00.000Z",
            "due": f"{due}T17:00:00.000Z", "dueComplete": done is not None, "dateCompleted": None,
            "customFieldItems": [{"idCustomField": "cf-pts", "value": {"number": str(pts)}},
                                 {"idCustomField": "cf-days", "value": {"number": str(days)}}],
            "badges": {}, "checkItemStates": [], "pluginData": [], "attachments": [], "limits": {},
        })
        actions.append({"id": f"a-c{n}", "type": "createCard", "date": f"{start}T07:30:00.000Z",
                        "data": {"card": {"id": cid, "name": name}, "list": {"id": "l-todo", "name": "À faire"}},
                        "appCreator": None, "limits": None})
        if done:
            actions.append({"id": f"a-d{n}", "type": "updateCard", "date": f"{done}T16:00:00.000Z",
                            "data": {"card": {"id": cid, "name": name},
                                     "listBefore": {"id": "l-doing", "name": "En cours"},
                                     "listAfter": {"id": "l-done", "name": "Terminé"}},
                            "appCreator": None, "limits": None})
    return {
        "id": "board-lumen", "nodeId": "ari:cloud:trello::board/workspace/ws-bs/board-lumen",
        "name": "Lancement Lumen — Brûlerie Sauvage", "closed": False, "limits": {}, "premiumFeatures": [],
        "labelNames": {"green": "", "green_dark": "", "red": ""}, "prefs": {"switcherViews": []},
        "lists": [{"id": k, "name": v, "closed": False} for k, v in LISTS.items()],
        "members": [{"id": k, "fullName": v, "username": v.lower().split()[0]} for k, v in MEMBERS.items()],
        "labels": labels, "customFields": fields, "cards": cards, "actions": actions,
        "checklists": [], "memberships": [], "pluginData": [],
    }


if __name__ == "__main__":
    out = Path(__file__).with_name("board.json")
    out.write_text(json.dumps(board(), ensure_ascii=False, separators=(",", ":")), encoding="utf-8")
