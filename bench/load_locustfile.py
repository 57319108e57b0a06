"""Locust users for bench/load.py: mixed searches (HTML and JSON) and letter pages.

Letter ids come from $VRAAGBAAK_LOAD_IDS (a file, one id a line)."""
import os
import random

from locust import HttpUser, between, task

WORDS = ["minister", "gemeenten", "vraag antwoord", "beleid", "onderzoek", "Kamer", "kosten", "wacht*",
         "\"Tweede Kamer\"", "stikstof OF energie", "-minister beleid", "datum:2021", "partij:D66", "jeugdzorg"]
IDS = open(os.environ["VRAAGBAAK_LOAD_IDS"]).read().split()


class Reader(HttpUser):
    wait_time = between(0, 0.05)

    @task(4)
    def search_page(self):
        # Page 2 only for a word every letter has: a page past the last one is a 404 by design.
        params = random.choice([{"q": random.choice(WORDS)}, {"q": "minister", "pagina": 2}])
        self.client.get("/zoeken", params=params, name="/zoeken")

    @task(2)
    def search_api(self):
        self.client.get("/api/zoeken", params={"q": random.choice(WORDS), "sorteer": "datum-nieuw"}, name="/api/zoeken")

    @task(3)
    def letter(self):
        self.client.get(f"/brief/{random.choice(IDS)}", name="/brief/<id>")
