"""Generate mentions.csv: fictional reviews and social mentions of Brûlerie Sauvage and its
competitors, 2027-01-01 → 2027-06-30, with a bad-buzz episode in mid-May 2027 (delivery
delays and torn packaging of the « Origines Rares » launch). Deterministic (seeded).

Run from the repository root: ``python examples/brulerie-sauvage/data/make_mentions.py``.
Every name and text is invented; authors are fictional and pseudonymised on import.
"""

from __future__ import annotations

import csv
import datetime as dt
import random
from pathlib import Path

OUT = Path(__file__).with_name("mentions.csv")
rng = random.Random(2027)

BRAND = ["Brûlerie Sauvage", "la Brûlerie Sauvage", "Brulerie Sauvage", "@bruleriesauvage"]
COMPETITORS = {
    "Café Lumen": ["Café Lumen", "Cafe Lumen", "Lumen"],
    "Grains d'Ici": ["Grains d'Ici", "grainsdici"],
    "Torréfacteurs Réunis": ["Torréfacteurs Réunis", "Torrefacteurs Reunis"],
    "L'Arbre à Café des Monts": ["L'Arbre à Café des Monts"],
}
FIRST = ["Camille", "Julien", "Sophie", "Thomas", "Léa", "Nicolas", "Chloé", "Antoine", "Manon", "Hugo",
         "Inès", "Lucas", "Emma", "Mathieu", "Sarah", "Karim", "Yasmine", "Pierre", "Claire", "Olivier",
         "Anna", "James", "Emily", "Oliver", "Grace"]
LAST = "ABCDEFGHJKLMNOPRSTVW"

POS_FR = [
    "Café délicieux, très équilibré, je recommande vivement.",
    "Super accueil en boutique, le barista prend le temps de conseiller.",
    "L'abonnement est parfait : livraison rapide et grains toujours frais.",
    "Un vrai coup de coeur pour l'assemblage maison.",
    "Excellente torréfaction, des arômes fruités magnifiques.",
    "Équipe adorable et passionnée, on se régale à chaque visite.",
    "Colis reçu en 48 h, emballage soigné, rien à redire.",
    "J'adore la transparence sur les prix payés aux producteurs.",
    "Meilleur café de Lyon, sans hésiter.",
    "Atelier de dégustation génial, très pédagogique.",
    "Grains savoureux et service client efficace, bravo !",
    "Pas mal du tout, je suis content de ma découverte.",
]
NEG_FR = [
    "Très déçu, le café était éventé et sans goût.",
    "Livraison en retard de dix jours, aucune réponse du service client.",
    "Trop cher pour ce que c'est, je ne recommande pas.",
    "Accueil froid et attente interminable en boutique.",
    "Sachet arrivé déchiré, la moitié des grains par terre.",
    "Abonnement impossible à résilier, c'est inadmissible.",
    "Café brûlé et amer, une vraie déception.",
    "Commande jamais reçue et pas de remboursement, à éviter.",
    "Le site bug au paiement, j'ai abandonné mon panier.",
    "Mauvaise expérience, le colis était abîmé.",
]
NEU_FR = [
    "Correct, sans plus.",
    "Commande passée hier, on verra bien.",
    "Quelqu'un connaît les horaires de la boutique de la Croix-Rousse ?",
    "Le café est correct, le prix dans la moyenne.",
    "Première commande de grains pour tester l'espresso.",
    "Vu leur stand au marché ce week-end.",
]
POS_EN = [
    "Lovely coffee and friendly staff, highly recommend.",
    "Great subscription, fresh beans every month.",
    "Best flat white I had in Lyon, amazing roast.",
    "Fast delivery and beautiful packaging, thank you!",
]
NEG_EN = [
    "Very disappointed, the beans were stale.",
    "My order arrived late and the bag was torn.",
    "Overpriced and bitter, would not recommend.",
    "Customer service never replied to my refund request.",
]
NEU_EN = ["Ordered a bag to try, will see.", "Does anyone know if they ship to Belgium?",
          "The coffee is okay, nothing special."]

BUZZ_FR = [
    "Toujours pas reçu ma commande Origines Rares, 12 jours de retard et aucune réponse !",
    "Colis Origines Rares arrivé avec le sachet compostable déchiré, grains éparpillés. Inadmissible.",
    "Retard de livraison énorme sur le lancement Origines Rares, très déçu.",
    "Emballage compostable qui se déchire, la valve fuit : café éventé à l'ouverture.",
    "Service client injoignable depuis une semaine pour un colis en retard.",
    "Je ne recommande pas : livraison en retard, sachet ouvert, remboursement toujours pas fait.",
    "Deuxième colis abîmé ce mois-ci, l'emballage n'est pas au niveau.",
    "Commande Origines Rares perdue par le transporteur, aucune information, c'est une honte.",
]
BUZZ_EN = [
    "Still waiting for my Origines Rares order, two weeks late and no reply.",
    "The compostable bag arrived torn and half the beans were lost. Unacceptable.",
]
MIXED_FR = [
    "Bon café mais livraison lente.",
    "Les grains sont excellents, cependant le prix est un peu élevé.",
    "Accueil sympa mais le café était trop amer à mon goût.",
    "Le café était bon mais l'emballage était abîmé.",
]


def author(social: bool) -> str:
    f = rng.choice(FIRST)
    if social:
        return f"@{f.lower()}_{rng.randint(10, 99)}"
    return f"{f} {rng.choice(LAST)}."


def text_for(sentiment: str, lang: str, name: str | None) -> str:
    pools = {("positive", "fr"): POS_FR, ("negative", "fr"): NEG_FR, ("neutral", "fr"): NEU_FR,
             ("positive", "en"): POS_EN, ("negative", "en"): NEG_EN, ("neutral", "en"): NEU_EN}
    pool = pools[(sentiment, lang)]
    if sentiment != "neutral" and lang == "fr" and rng.random() < 0.12:
        body = rng.choice(MIXED_FR)
    else:
        body = " ".join(rng.sample(pool, k=1 if rng.random() < 0.6 else 2))
    if name:
        body = rng.choice([f"{name} : {body}", f"{body} ({name})", f"Chez {name}, {body[0].lower()}{body[1:]}"]
                          if lang == "fr" else [f"{name}: {body}", f"{body} ({name})"])
    return body


def rating_for(sentiment: str) -> int:
    if sentiment == "positive":
        return rng.choice([4, 5, 5, 5])
    if sentiment == "negative":
        return rng.choice([1, 1, 2, 2, 3])
    return rng.choice([3, 3, 4, 2])


def main() -> None:
    rows: list[dict] = []
    start = dt.date(2027, 1, 1)
    days = (dt.date(2027, 6, 30) - start).days + 1
    for d in range(days):
        day = start + dt.timedelta(days=d)
        n = rng.choice([3, 4, 4, 5, 5, 6])
        for _ in range(n):
            who = rng.random()
            lang = "en" if rng.random() < 0.12 else "fr"
            platform = rng.choice(["Google", "Google", "Trustpilot", "Instagram", "Facebook", "X", "Forum"])
            social = platform in ("Instagram", "X", "Facebook")
            if who < 0.55:
                sentiment = rng.choices(["positive", "neutral", "negative"], [0.68, 0.14, 0.18])[0]
                name = rng.choice(BRAND) if (social or platform == "Forum" or rng.random() < 0.3) else None
            else:
                comp = rng.choice(list(COMPETITORS))
                sentiment = rng.choices(["positive", "neutral", "negative"], [0.55, 0.2, 0.25])[0]
                name = rng.choice(COMPETITORS[comp])
            text = text_for(sentiment, lang, name)
            rating = rating_for(sentiment) if platform in ("Google", "Trustpilot") else ""
            rows.append({"date": day.isoformat(), "platform": platform, "author": author(social),
                         "text": text, "rating": rating, "nps": ""})
        # bad buzz: 2027-05-12 → 2027-05-21, peak on the 14th–15th
        if dt.date(2027, 5, 12) <= day <= dt.date(2027, 5, 21):
            peak = {12: 6, 13: 14, 14: 26, 15: 24, 16: 16, 17: 11, 18: 8, 19: 6, 20: 4, 21: 3}[day.day]
            for _ in range(peak):
                lang = "en" if rng.random() < 0.1 else "fr"
                platform = rng.choice(["Instagram", "X", "X", "Facebook", "Google", "Trustpilot"])
                body = rng.choice(BUZZ_EN if lang == "en" else BUZZ_FR)
                if platform in ("Instagram", "X", "Facebook"):
                    body = f"{rng.choice(BRAND)} {body}"
                rows.append({"date": day.isoformat(), "platform": platform,
                             "author": author(platform in ("Instagram", "X", "Facebook")), "text": body,
                             "rating": rng.choice([1, 1, 2]) if platform in ("Google", "Trustpilot") else "",
                             "nps": ""})
        # NPS survey answers after each order (brand only), more detractors during the buzz
        if rng.random() < 0.8:
            buzz = dt.date(2027, 5, 12) <= day <= dt.date(2027, 5, 31)
            for _ in range(rng.choice([0, 1, 1, 2])):
                weights = [0.03] * 7 + [0.12, 0.15] + [0.25, 0.27] if not buzz else [0.08] * 7 + [0.12, 0.1] + [0.1, 0.12]
                score = rng.choices(range(11), weights)[0]
                sentiment = "positive" if score >= 9 else ("negative" if score <= 6 else "neutral")
                comment = text_for(sentiment, "fr", None) if rng.random() < 0.5 else ""
                rows.append({"date": day.isoformat(), "platform": "Enquête NPS", "author": author(False),
                             "text": comment, "rating": "", "nps": score})
    # a few texts holding personal data, to check it is scrubbed on import
    rows[40]["text"] += " Écrivez-moi : camille.dupont@example.com"
    rows[85]["text"] += " Rappelez-moi au 06 12 34 56 78."
    with OUT.open("w", encoding="utf-8", newline="") as fh:
        w = csv.DictWriter(fh, fieldnames=["date", "platform", "author", "text", "rating", "nps"])
        w.writeheader()
        w.writerows(rows)
    print(f"{len(rows)} mentions written to {OUT}")


if __name__ == "__main__":
    main()
