"""What a store starts with: the 2026 sample workshop's details and the default discussion questions."""

from __future__ import annotations

SAMPLE_TITLE = "Medlemssamråd 2026 – förbundsprofil"
SAMPLE_DATE = "2026-02-27"
SAMPLE_PLACE = "Vrigstad"
SAMPLE_FEDERATION = "Samordningsförbunden i Jönköpings län"

# Our own wording of the three discussion themes; each question is asked in the workshop's language.
DEFAULT_QUESTIONS: dict[str, tuple[str, ...]] = {
    "sv": (
        "Var kan förbundet göra störst skillnad på lång sikt – för vilka människor och i vilka frågor?",
        "Vilken roll bör förbundet ha i framtidens välfärdssystem, och vad bör parterna fortsätta göra själva?",
        "Vilket slags värde ska förbundet i första hand skapa – för individen, för parterna och för samhället?",
    ),
    "en": (
        "Where can the federation make the most difference in the long run – for whom and on which issues?",
        "What role should the federation play in the welfare system of the future, and what should the "
        "members keep doing themselves?",
        "What kind of value should the federation mainly create – for individuals, for the members and "
        "for society?",
    ),
}
DEFAULT_QUESTIONS_SV = DEFAULT_QUESTIONS["sv"]
DEFAULT_QUESTIONS_EN = DEFAULT_QUESTIONS["en"]
