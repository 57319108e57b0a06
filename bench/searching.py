#!/usr/bin/env python3
"""Search speed: a fixed query mix through the library, the real HTTP server and SQLite FTS5.

    .venv/bin/python bench/searching.py -n 10000 [--no-append]

Uses the index bench/indexing.py left in bench/.cache/index-N (built here with `vraagbaak index`
when it is missing or refused, e.g. after a schema change) and the query mix in
bench/queries.txt (category, sort, query; written by --write-queries from corpus/generate.py's
vocabulary and letters 0–999 of seed 1, so every name and case number exists at N ≥ 1000).

(a) library: `Searcher(Store(dir)).search(SearchRequest(q, sort))`, the first page with pairs,
    snippets and facets, as the results page gets it; one warm-up pass, then one measured pass.
(b) HTTP: `vraagbaak-web` (gunicorn) on 127.0.0.1, `GET /zoeken?q=…` with 1 client, then with 8
    concurrent clients (keep-alive connections); the time from spawning the server to its first
    answered search; first the whole mix over each connection the measured runs use, so that
    each server process they reach (each has its own postings cache) has seen the mix.
(c) reference: SQLite FTS5 over the same letters (title, question, answer, body), built in the
    same run, the same queries translated simply (words ANDed, phrases, prefixes, OF, -word;
    field filters dropped), top 10 by rank with snippet() and a count(*).

Prints Markdown tables (with the issue's targets) and appends them to bench/RESULTS.md.
"""
from __future__ import annotations

import argparse
import http.client
import json
import os
import queue
import random
import re
import shutil
import signal
import sqlite3
import subprocess
import sys
import tempfile
import threading
import time
import urllib.parse
from dataclasses import dataclass, field
from pathlib import Path

import benchlib
from benchlib import CACHE, ROOT, log, mb, ok, percentile

QUERIES = ROOT / "bench" / "queries.txt"

# The targets for 100,000 letters on 2 cores.
TARGET_P95 = 60.0       # ms, results page, 1 client
TARGET_RPS = 100.0      # requests/s with 8 clients
TARGET_MAX = 300.0      # ms, every query of the mix
TARGET_START = 2.0      # s, server start to first answer


@dataclass
class Query:
    category: str
    sort: str
    text: str
    lib_ms: float | None = None
    lib_first_ms: float | None = None  # the warm-up pass: words read from disk on first use
    lib_total: int | None = None
    page_ms: float | None = None
    fts_ms: float | None = None
    fts_total: int | None = None
    errors: list[str] = field(default_factory=list)


# -- the query mix ----------------------------------------------------------------------------

RARE = ("Tracéwet", "Mijnbouwwet", "Visserijwet", "Archiefwet", "Kieswet", "Paspoortwet", "Sanctiewet",
        "Warmtewet", "Meststoffenwet", "Spoorwegwet", "ophokplicht", "kottervisserij", "onderzeeboten",
        "vogelgriep", "antibiotica", "ravijnjaar", "DigiD", "Bonaire", "Woensdrecht", "Twentekanaal",
        "Winterswijk", "Terneuzen", "legalisatieaanpak", "wachtlijstbemiddelingsregeling",
        "geluidsmonitoringssysteem", "Kiesraad", "Divosa", "Wajongers", "nareizigers", "PAS-melders")
COMMON = ("kabinet", "gemeenten", "onderzoek", "maatregelen", "Kamer", "minister", "provincies", "zorgen",
          "verwachting", "afspraken", "uitvoering", "capaciteit", "wachttijd", "overleg", "cijfers",
          "evaluatie", "middelen", "toezicht", "signalen", "voortgang", "situatie", "verbeterplan", "bericht",
          "verantwoordelijkheid", "regio")
TWO = ("wachtlijsten jeugdzorg", "asielopvang gemeenten", "netcongestie bedrijven", "lerarentekort scholen",
       "stikstof boeren", "hersteloperatie toeslagen", "munitie NAVO", "politie vacatures", "DigiD storing",
       "UWV wachttijden", "kinderopvang ouders", "tekort verpleegkundigen", "geluidsoverlast Schiphol",
       "sluizen onderhoud", "sancties Rusland", "Groningen versterking", "warmtenet huurders",
       "arbeidsmigranten huisvesting", "statushouders woning", "grenstoezicht Schiphol")
THREE = ("huisvesting statushouders gemeenten", "achterstallig onderhoud sluizen", "wachtlijsten ggz patiënten",
         "netcongestie wachtrij aansluitingen", "legalisatie PAS-melders stikstof", "bezetting basisteams politie",
         "personeelstekort verpleeghuis zorg", "hersteloperatie toeslagen ouders", "lerarentekort grote steden",
         "levering F-35 vertraging", "NAVO-norm twee procent", "sociaal minimum Caribisch",
         "beslistermijn IND asielaanvragen", "huisartsenpost sluit deuren", "tekort antibiotica apothekers")
TOPICS = ("politie", "asielopvang", "jeugdzorg", "ggz", "netcongestie", "stikstof", "lerarentekort",
          "toeslagen", "Belastingdienst", "munitie", "F-35", "DigiD", "Woo-verzoeken", "UWV", "kinderopvang",
          "minimumloon", "vogelgriep", "Schiphol", "Rijkswaterstaat", "sancties", "paspoort", "statushouders",
          "verpleegkundigen", "huisartsen", "warmtenet", "windparken", "thuiszitters", "reservisten",
          "arbeidsmigranten", "bibliotheek", "verkeersveiligheid", "dijkversterking", "mestafzet", "gevangenis")
NOUNS = ("tekort", "wachttijd", "kosten", "capaciteit", "onderzoek", "afspraken", "maatregelen", "toezicht",
         "achterstanden", "evaluatie", "cijfers", "signalen")
PHRASES = ("Raad van State", "Algemene Rekenkamer", "Nationale ombudsman", "aanmeldcentrum Ter Apel",
           "Wet open overheid", "hersteloperatie toeslagen", "spoedeisende hulp", "Natura 2000-gebieden",
           "sociaal minimum", "box 3", "Openbaar Ministerie", "Koninklijke Luchtmacht",
           "Nederlandse Arbeidsinspectie", "gebruikelijke termijn van drie weken", "nader te informeren",
           "geen eenvoudige oplossingen", "twee keer per jaar", "achterstand in onderhoud",
           "lerarentekort in de grote steden", "betrouwbaarheid van DigiD", "Centraal Justitieel Incassobureau",
           "Inspectie Gezondheidszorg en Jeugd", "Staatstoezicht op de Mijnen", "Instituut Mijnbouwschade Groningen",
           "De Nederlandsche Bank", "Dienst Terugkeer en Vertrek", "Caribisch Nederland",
           "Kennisinstituut voor Mobiliteitsbeleid", "prijsplafond voor warmte", "emissiearme stallen")
PHRASE_PLUS = ('"Ter Apel" kinderen', '"Raad van State" advies', '"box 3" spaarders',
               '"Openbaar Ministerie" werkdruk', '"Algemene Rekenkamer" onderzoek')
PARTY_TOPIC = ("partij:D66 onderwijs", "partij:VVD politie", "partij:PVV asielzoekers", "partij:SP zorg",
               "partij:CDA boeren", "partij:GroenLinks klimaatdoelen", "partij:BBB stikstof",
               "partij:NSC toeslagen", "partij:ChristenUnie jeugdzorg", "partij:PvdD dierenwelzijn")
MINISTRY = ("ministerie:Defensie munitie", "ministerie:Financiën toeslagen", 'ministerie:"Justitie en Veiligheid" politie',
            "ministerie:Defensie reservisten", 'ministerie:"Infrastructuur en Waterstaat" sluizen')
DATES = ("datum:2021 stikstof", "datum:2019 politie", "datum:2024-05 asielopvang", "datum:2010 zorg",
         "datum:2003 onderwijs")
PREFIX = ("wacht*", "wachte*", "belasting*", "asiel*", "netcong*", "zorg*", "onderwijs*", "stikstof*", "opvang*",
          "politie*", "verkeer*", "energie*", "jeugd*", "defensie*", "gemeente*", "ver*", "Woo*", "huisarts*",
          "toeslag*", "klimaat*", "wacht* ggz", "belasting* ondernemers", "asiel* kinderen", "netcong* Gelderland",
          "opvang* Ter Apel")
BOOLEAN = ("stikstof OF ammoniak", "politie OF brandweer", "onderwijs -leraren", "asielopvang -Apel",
           "jeugdzorg OF ggz", "F-35 OF munitie", "toeslagen -ouders", "netcongestie OF stroomaansluitingen",
           "Schiphol -geluidsnormen", "huisartsen OR apothekers", "zorg -jeugdzorg", "DigiD OF Logius",
           "UWV -keuringen", "boeren OF vissers", "sancties -Rusland")
WORD_FORMS = ("grenstoezicht", "grens-toezicht", "grens toezicht", "ggz-patiënten", "ggz patiënten",
              "Woo-verzoeken", "NAVO-verplichtingen", "stroomaansluitingen", "energierekening huishoudens",
              "kosten-batenanalyse", "KMar", '"Koninklijke Marechaussee"', "geinformeerd", "zorgverzekeraars",
              "ggz-aanbieders")
TYPOS = ("netcongesite", "stiksof", "jeugzorg", "belastingdients", "asielopvnag", "lerarentekrot", "vogelgrip",
         "munitievoorrad")


def make_queries() -> list[Query]:
    """The fixed mix: hand-picked words and phrases from corpus/generate.py's vocabulary, seeded
    combinations of them, and names and case numbers from letters 0–999 of the benchmark seed."""
    sys.path.insert(0, str(ROOT / "corpus"))
    from generate import PLACES, build

    rng = random.Random(8)  # issue 8
    out: list[Query] = []

    def add(category, texts, sort="relevantie"):
        out.extend(Query(category, sort, t) for t in texts)

    add("rare word", RARE)
    add("common word", COMMON)
    add("two words", TWO)
    add("two words", [f"{rng.choice(TOPICS)} {rng.choice(PLACES)}" for _ in range(15)])
    add("three words", THREE)
    add("three words", [f"{rng.choice(TOPICS)} {rng.choice(NOUNS)} {rng.choice(PLACES)}" for _ in range(15)])
    add("phrase", [f'"{p}"' for p in PHRASES] + list(PHRASE_PLUS))
    docs = [build(benchlib.SEED, i, "txt") for i in rng.sample(range(1000), 40)]
    people = [f"minister:{_value(d.minister.surname)} {_longest_word(d.subject)}" for d in docs[:5]]
    people += [f"indiener:{_value(d.askers[0].surname.split('-')[0])} {_longest_word(d.subject)}" for d in docs[5:10]]
    add("filter", list(PARTY_TOPIC) + list(MINISTRY) + list(DATES) + people)
    topics = rng.sample(TOPICS, 20)
    add("date sort (newest)", topics[:15] + [f"{rng.choice(TOPICS)} {rng.choice(NOUNS)}" for _ in range(5)],
        "datum-nieuw")
    add("date sort (oldest)", topics[15:], "datum-oud")
    add("prefix", PREFIX)
    add("OF / -word", BOOLEAN)
    add("name + topic", [f"{d.askers[0].name} {_longest_word(d.subject)}" for d in docs[10:18]]
        + [d.minister.name for d in docs[18:22]])
    add("case number / id", [d.case_number or d.ident for d in docs[22:28]] + [d.ident for d in docs[28:32]])
    add("compound / hyphen / synonym", WORD_FORMS)
    add("typo or unknown", TYPOS)
    return out


def _value(text: str) -> str:
    """A field filter's value, quoted when it has a space (``minister:"Kort-van Lingen"``)."""
    return f'"{text}"' if " " in text else text


def _longest_word(text: str) -> str:
    return max(re.findall(r"[^\W\d_][\w-]+", text), key=len)


def write_queries(queries: list[Query]) -> None:
    lines = ["# The query mix of bench/searching.py: category<TAB>sort<TAB>query, one per line.",
             "# Written by `bench/searching.py --write-queries` (change the lists there, not here);",
             "# names and case numbers come from letters 0–999 of the benchmark corpus (seed 1)."]
    lines += [f"{q.category}\t{q.sort}\t{q.text}" for q in queries]
    QUERIES.write_text("\n".join(lines) + "\n", encoding="utf-8")


def read_queries(path: Path) -> list[Query]:
    queries = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            category, sort, text = line.split("\t", 2)
            queries.append(Query(category, sort, text))
    return queries


# -- the index --------------------------------------------------------------------------------


def ensure_index(n: int, corpus: Path, rebuild: bool) -> tuple[Path, dict, float | None]:
    """The cached index of N letters, rebuilt when missing, refused (another schema or analyzer
    version) or not of the expected size; returns (dir, stats, build seconds or None)."""
    path, marker = CACHE / f"index-{n}", CACHE / f"index-{n}.json"
    if not rebuild and path.exists():
        expected = json.loads(marker.read_text()) if marker.exists() else {}
        found = benchlib.stats(path, required=False)
        if found and found["letters"] == expected.get("letters"):
            return path, found, None
        log(f"cached index {path} refused or incomplete: rebuilding it")
    tmp = CACHE / f"index-{n}.tmp"
    shutil.rmtree(tmp, ignore_errors=True)
    log(f"vraagbaak index: {n} letters into {path}")
    run = benchlib.index_run(corpus, tmp, rebuild=True)
    found = benchlib.stats(tmp)
    shutil.rmtree(path, ignore_errors=True)
    tmp.rename(path)
    marker.write_text(json.dumps({"letters": found["letters"], "pairs": found["pairs"]}))
    return path, benchlib.stats(path), run.seconds


# -- (a) the library --------------------------------------------------------------------------


def library(index_dir: Path, queries: list[Query]) -> float:
    """Time each query through the library (after a warm-up pass); returns the cold first query's
    time, which includes opening the index and building the per-commit caches."""
    from indexer import config
    from indexer.search import SearchRequest, Searcher
    from indexer.store import Store

    from indexer.store import IndexError_

    searcher = Searcher(Store(index_dir, config.get("stemmer")))
    started = time.perf_counter()
    try:
        searcher.search(SearchRequest(q=queries[0].text, sort=queries[0].sort))
    except IndexError_ as exc:  # e.g. made by an older schema version: the caller rebuilds
        raise benchlib.Refused(str(exc)) from exc
    cold = (time.perf_counter() - started) * 1000
    for measured in (False, True):
        for q in queries:
            started = time.perf_counter()
            try:
                result = searcher.search(SearchRequest(q=q.text, sort=q.sort))
            except Exception as exc:  # report it with the query, go on with the rest
                if measured:
                    q.errors.append(f"library: {type(exc).__name__}: {exc}")
                result = None
            ms = (time.perf_counter() - started) * 1000
            if measured:
                q.lib_ms, q.lib_total = ms, result.total if result else None
            else:
                q.lib_first_ms = ms
    return cold


# -- (b) the HTTP server ----------------------------------------------------------------------


def page_path(q: Query) -> str:
    params = {"q": q.text}
    if q.sort != "relevantie":
        params["sorteer"] = q.sort
    return "/zoeken?" + urllib.parse.urlencode(params)


class Client:
    """One browser-like client on a keep-alive connection; reconnects when the server closes it."""

    def __init__(self, port: int):
        self.port = port
        self.conn = None

    def get(self, path: str) -> tuple[int, float]:
        started = time.perf_counter()
        for attempt in range(2):
            if self.conn is None:
                self.conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=300)
            try:
                self.conn.request("GET", path, headers={"Accept": "text/html"})
                response = self.conn.getresponse()
                response.read()
                if response.will_close:
                    self.conn.close()
                    self.conn = None
                return response.status, (time.perf_counter() - started) * 1000
            except (http.client.HTTPException, OSError):
                self.conn.close()
                self.conn = None
                if attempt:
                    raise
        raise AssertionError("unreachable")

    def close(self):
        if self.conn:
            self.conn.close()


@dataclass
class Load:
    clients: int
    latencies: list[float]
    seconds: float
    failures: int
    client_cpu: float = float("nan")  # CPU seconds of this process (the clients) during the run
    server_cpu: float = float("nan")  # CPU seconds of the server's processes during the run

    @property
    def rps(self) -> float:
        return len(self.latencies) / self.seconds

    def cpu_ms(self, seconds: float) -> float:
        """``seconds`` of CPU per answered request, in ms."""
        return seconds / max(len(self.latencies), 1) * 1000


def start_server(index_dir: Path, workdir: Path) -> tuple[subprocess.Popen, int, float]:
    """Spawn vraagbaak-web and wait for its first answered search; returns (process, port,
    seconds from spawning to that answer)."""
    port = benchlib.free_port()
    env = dict(os.environ, VRAAGBAAK_SAVED_DB=str(workdir / "saved.sqlite3"), VRAAGBAAK_SECRET_KEY="bench")
    err = open(workdir / "server.log", "w")
    started = time.perf_counter()
    proc = subprocess.Popen([benchlib.command("vraagbaak-web"), "--index-dir", str(index_dir),
                             "--host", "127.0.0.1", "--port", str(port)],
                            cwd=workdir, env=env, stdout=err, stderr=err)
    err.close()  # the server has its own copy
    path = page_path(Query("", "relevantie", "stikstof"))
    while True:
        if proc.poll() is not None:
            raise SystemExit(f"vraagbaak-web stopped ({proc.returncode}):\n{(workdir / 'server.log').read_text()}")
        if time.perf_counter() - started > 300:
            proc.kill()
            raise SystemExit("vraagbaak-web gave no answer within 300 s")
        try:
            conn = http.client.HTTPConnection("127.0.0.1", port, timeout=300)
            conn.request("GET", path)
            status = conn.getresponse().status
            conn.close()
            if status == 200:
                return proc, port, time.perf_counter() - started
            if status == 503:  # the app refuses the index (another schema version): rebuild
                stop_server(proc)
                raise benchlib.Refused(f"vraagbaak-web answered 503 on {index_dir}")
        except OSError:
            pass
        time.sleep(0.01)


def stop_server(proc: subprocess.Popen) -> None:
    proc.send_signal(signal.SIGINT)
    try:
        proc.wait(timeout=15)
    except subprocess.TimeoutExpired:
        proc.kill()
        proc.wait()


def warm(connections: list[Client], queries: list[Query]) -> None:
    """Every query of the mix once over each connection, all connections at once. A keep-alive
    connection stays with one server process, and each process has its own postings cache: after
    this, every process a measured request can reach (over these connections) has seen the mix."""
    threads = [threading.Thread(target=lambda c=c: [c.get(page_path(q)) for q in queries]) for c in connections]
    for t in threads:
        t.start()
    for t in threads:
        t.join()


def load(port: int, queries: list[Query], clients: int, rounds: int,
         connections: list[Client] | None = None) -> Load:
    """``clients`` threads, each on its own connection (one of ``connections`` when given, else a
    new one), take the queries (``rounds`` times the mix, shuffled with a fixed seed) from one
    queue until it is empty."""
    work: queue.Queue = queue.Queue()
    order = [q for _ in range(rounds) for q in queries]
    if clients > 1:
        random.Random(clients).shuffle(order)
    for q in order:
        work.put(q)
    latencies: list[float] = []
    failures = [0]
    lock = threading.Lock()

    def client(number: int):
        c = connections[number] if connections else Client(port)
        try:
            while True:
                try:
                    q = work.get_nowait()
                except queue.Empty:
                    return
                try:
                    status, ms = c.get(page_path(q))
                except (http.client.HTTPException, OSError) as exc:
                    status, ms = f"{type(exc).__name__}", float("nan")
                with lock:
                    if status == 200:
                        latencies.append(ms)
                        if clients == 1:
                            q.page_ms = ms
                    else:
                        failures[0] += 1
                        q.errors.append(f"HTTP {status} with {clients} clients")
        finally:
            if not connections:
                c.close()

    started = time.perf_counter()
    threads = [threading.Thread(target=client, args=(number,)) for number in range(clients)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return Load(clients, latencies, time.perf_counter() - started, failures[0])


# -- (c) SQLite FTS5 --------------------------------------------------------------------------

_FTS_TOKEN = re.compile(r'(?P<neg>-)?(?:(?P<field>[^\W\d_]\w*):(?:"[^"]*"?|[^\s"]+)|"(?P<phrase>[^"]*)"?|(?P<word>[^\s"]+))')


def fts_query(text: str) -> str | None:
    """The query in FTS5 syntax: words ANDed, phrases quoted, ``word*`` a prefix, OF/OR an OR,
    ``-word`` a NOT (placed last: FTS5's NOT needs a left side); field filters are dropped."""
    terms, negated = [], []
    for m in _FTS_TOKEN.finditer(text):
        if m.group("field"):
            continue
        raw = m.group("phrase") if m.group("phrase") is not None else m.group("word")
        if raw in ("OF", "OR") and terms and not m.group("neg"):
            terms.append("OR")
            continue
        prefix = raw.endswith("*")
        raw = raw.rstrip("*").replace('"', "").strip()
        if not raw:
            continue
        term = f'"{raw}"' + ("*" if prefix else "")
        (negated if m.group("neg") else terms).append(term)
    while terms and terms[-1] == "OR":
        terms.pop()
    if not terms:
        return None
    return " ".join(terms + [f"NOT {t}" for t in negated])


def fts_build(split_path: Path, db_path: Path) -> float:
    started = time.perf_counter()
    db = sqlite3.connect(db_path)
    db.execute("CREATE VIRTUAL TABLE letters USING fts5(title, question, answer, body, date UNINDEXED, "
               "tokenize='unicode61 remove_diacritics 2')")
    with db:
        db.executemany("INSERT INTO letters (title, question, answer, body, date) VALUES (?, ?, ?, ?, ?)",
                       ((r["title"], r["question"], r["answer"], r["body"], r["date"])
                        for r in benchlib.read_split(split_path)))
    db.close()
    return time.perf_counter() - started


def fts_search(db_path: Path, queries: list[Query]) -> None:
    db = sqlite3.connect(db_path)
    for measured in (False, True):
        for q in queries:
            match = fts_query(q.text)
            if match is None:
                continue
            order = {"datum-nieuw": "date DESC", "datum-oud": "date ASC"}.get(q.sort, "rank")
            started = time.perf_counter()
            try:
                db.execute(f"SELECT rowid, title, snippet(letters, -1, '<mark>', '</mark>', '…', 16) FROM letters "
                           f"WHERE letters MATCH ? ORDER BY {order} LIMIT 10", (match,)).fetchall()
                total = db.execute("SELECT count(*) FROM letters WHERE letters MATCH ?", (match,)).fetchone()[0]
            except sqlite3.Error as exc:
                if measured:
                    q.errors.append(f"FTS5 {match!r}: {exc}")
                continue
            if measured:
                q.fts_ms, q.fts_total = (time.perf_counter() - started) * 1000, total
    db.close()


# -- the report -------------------------------------------------------------------------------


def spread(values: list[float]) -> str:
    if not values:
        return "–"
    return " / ".join(f"{percentile(values, p):.1f}" for p in (50, 95, 99)) + f" / {max(values):.1f} ms"


def vraagbaak_passes(index_dir: Path, queries: list[Query], tmp: Path, args):
    """(a) the library, then (b) the server: returns (cold first query in ms, server start to
    first answer in s, server peak RSS, [1-client Load, N-client Load])."""
    log(f"library: {len(queries)} queries, warm-up pass and measured pass")
    cold = library(index_dir, queries)
    if args.no_http:
        return cold, None, None, []
    log("HTTP: starting vraagbaak-web")
    proc, port, first = start_server(index_dir, tmp)
    loads = []
    try:
        # The measured runs use these connections, warmed first (see warm()); the first-time
        # figures are the library's warm-up row.
        connections = [Client(port) for _ in range(args.clients)]
        log(f"HTTP: warm-up, the mix over each of {args.clients} connections")
        warm(connections, queries)
        for clients, rounds in ((1, 1), (args.clients, args.rounds)):
            log(f"HTTP: {clients} client(s), {rounds * len(queries)} requests")
            server_cpu, client_cpu = benchlib.tree_cpu(proc.pid), time.process_time()
            run = load(port, queries, clients, rounds, connections)
            run.server_cpu = benchlib.tree_cpu(proc.pid) - server_cpu
            run.client_cpu = time.process_time() - client_cpu
            loads.append(run)
        for c in connections:
            c.close()
        server_rss = benchlib.vm_hwm(proc.pid)
    finally:
        stop_server(proc)
    return cold, first, server_rss, loads


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0],
                                 formatter_class=argparse.RawDescriptionHelpFormatter, epilog=__doc__.split("\n", 2)[2])
    ap.add_argument("-n", type=int, default=10000, help="number of letters (default 10000)")
    ap.add_argument("--clients", type=int, default=8, help="concurrent clients of the second HTTP run (default 8)")
    ap.add_argument("--rounds", type=int, default=2, help="passes over the mix with concurrent clients (default 2)")
    ap.add_argument("--queries", type=Path, default=QUERIES, help="the query mix (default bench/queries.txt)")
    ap.add_argument("--write-queries", action="store_true", help="write bench/queries.txt from the lists here and stop")
    ap.add_argument("--rebuild-index", action="store_true", help="build the index even when a cached one works")
    ap.add_argument("--no-http", action="store_true", help="skip the HTTP server")
    ap.add_argument("--no-fts", action="store_true", help="skip SQLite FTS5")
    ap.add_argument("--no-append", action="store_true", help="print only; do not append to bench/RESULTS.md")
    args = ap.parse_args()
    if args.write_queries:
        queries = make_queries()
        write_queries(queries)
        log(f"{len(queries)} queries written to {QUERIES.relative_to(ROOT)}")
        return 0

    start = benchlib.Start()
    queries = read_queries(args.queries)
    corpus = benchlib.corpus(args.n)
    split_path = None if args.no_fts else benchlib.split(args.n, corpus)

    with tempfile.TemporaryDirectory(dir=CACHE) as tmp:
        tmp = Path(tmp)
        rebuild = args.rebuild_index
        for attempt in range(1, benchlib.ATTEMPTS + 1):
            try:
                index_dir, counts, build_seconds = ensure_index(args.n, corpus, rebuild)
                cold, first, server_rss, loads = vraagbaak_passes(index_dir, queries, tmp, args)
                break
            except benchlib.Refused as exc:
                if attempt == benchlib.ATTEMPTS:
                    raise SystemExit(f"the index was refused {attempt} times; is someone changing the schema? {exc}")
                log(f"the index was refused (the code changed?); building it again: {exc}")
                rebuild = True
                for q in queries:
                    q.errors.clear()
        fts_seconds = fts_bytes = None
        if split_path:
            log("SQLite FTS5: building and querying")
            db_path = tmp / "fts.sqlite3"
            fts_seconds = fts_build(split_path, db_path)
            fts_bytes = db_path.stat().st_size
            fts_search(db_path, queries)

    lib = [q.lib_ms for q in queries if q.lib_ms is not None]
    page = [q.page_ms for q in queries if q.page_ms is not None]
    fts = [q.fts_ms for q in queries if q.fts_ms is not None]
    worst_page = max(page, default=float("nan"))
    over = sum(1 for v in (page or lib) if v > TARGET_MAX)
    rows = [
        ["index", f"{counts['letters']:,} letters, {counts['pairs']:,} pairs, {mb(benchlib.dir_size(index_dir))}"
         + (f" (built in this run, {build_seconds:.0f} s)" if build_seconds else " (bench/.cache, reused)"), "", ""],
        ["query mix", f"{len(queries)} queries in {len({q.category for q in queries})} categories "
         f"(`bench/queries.txt`)", "", ""],
        ["library, first page + snippets + facets: p50 / p95 / p99 / max", spread(lib), "", ""],
        ["library, the same queries the first time (postings read from disk on first use)",
         spread([q.lib_first_ms for q in queries if q.lib_first_ms is not None]), "", ""],
        ["library, first query after opening the index (cold)", f"{cold:.0f} ms", "", ""],
    ]
    if loads:
        one, many = loads
        rows += [
            ["results page `/zoeken`, 1 client: p50 / p95 / p99 / max", spread(one.latencies),
             f"p95 ≤ {TARGET_P95:.0f} ms", ok(percentile(one.latencies, 95) <= TARGET_P95)],
            ["results page, 1 client: requests/s", f"{one.rps:.1f}", "", ""],
            [f"results page, {many.clients} clients: p50 / p95 / p99 / max", spread(many.latencies), "", ""],
            [f"results page, {many.clients} clients: requests/s", f"{many.rps:.1f}", f"≥ {TARGET_RPS:.0f}",
             ok(many.rps >= TARGET_RPS)],
            [f"CPU per request with {many.clients} clients: server processes / the bench's clients (same cores)",
             f"{many.cpu_ms(many.server_cpu):.1f} ms / {many.cpu_ms(many.client_cpu):.1f} ms", "", ""],
            ["slowest query of the mix (results page, 1 client)", f"{worst_page:.0f} ms",
             f"≤ {TARGET_MAX:.0f} ms", ok(worst_page <= TARGET_MAX)],
            [f"queries over {TARGET_MAX:.0f} ms (results page, 1 client)", f"{over} of {len(queries)}", "0", ok(over == 0)],
            ["server start to first answered search", f"{first:.2f} s", f"≤ {TARGET_START:.0f} s", ok(first <= TARGET_START)],
            ["server peak RSS (VmHWM)", mb(server_rss), "", ""],
            ["failed requests (not 200)", f"{one.failures + many.failures}", "0", ok(one.failures + many.failures == 0)],
        ]
    else:
        rows.append([f"queries over {TARGET_MAX:.0f} ms (library)", f"{over} of {len(queries)}", "0", ok(over == 0)])
    if fts_seconds is not None:
        rows += [
            ["SQLite FTS5: top 10 by rank + snippet + count: p50 / p95 / p99 / max", spread(fts), "", ""],
            ["SQLite FTS5: build (same letters, one transaction) / size", f"{fts_seconds:.1f} s / {mb(fts_bytes)}", "", ""],
        ]
    parts = [benchlib.header("`bench/searching.py`", args.n, start), "",
             benchlib.table(["measure", "value", "target", "met"], rows), ""]

    cats = []
    for category in dict.fromkeys(q.category for q in queries):
        qs = [q for q in queries if q.category == category]

        def cell(values):
            values = [v for v in values if v is not None]
            return (f"{percentile(values, 50):.0f} / {percentile(values, 95):.0f} / {max(values):.0f}"
                    if values else "–")
        cats.append([category, str(len(qs)), cell(q.lib_ms for q in qs), cell(q.page_ms for q in qs),
                     cell(q.fts_ms for q in qs)])
    parts += ["Per category, ms (p50 / p95 / max):", "",
              benchlib.table(["category", "queries", "library", "results page, 1 client", "SQLite FTS5"], cats), ""]

    slow = sorted(queries, key=lambda q: -(q.page_ms if q.page_ms is not None else q.lib_ms or 0))[:5]
    parts += ["Slowest queries:", "",
              benchlib.table(["query", "category", "sort", "library", "results page", "letters found", "FTS5"],
                             [[f"`{q.text}`", q.category, q.sort, _ms(q.lib_ms), _ms(q.page_ms),
                               f"{q.lib_total:,}" if q.lib_total is not None else "–", _ms(q.fts_ms)] for q in slow]), ""]
    errors = [f"`{q.text}`: {e}" for q in queries for e in q.errors]
    notes = [
        "The library pass and the 1-client pass run each query once after a warm-up pass over the whole mix "
        f"(on the server: the whole mix over each of the {args.clients} keep-alive connections the measured runs then use, "
        "so that every server process they reach has seen it); "
        f"the {args.clients}-client run sends the mix {args.rounds} times, shuffled, on keep-alive connections; "
        f"the server is `vraagbaak-web` (gunicorn, {os.environ.get('VRAAGBAAK_PROCESSES') or os.cpu_count()} "
        f"processes × {os.environ.get('VRAAGBAAK_THREADS', '4')} threads) on 127.0.0.1, "
        "its clients are threads of this process.",
        "After the warm-up pass the postings of the mix's words sit in the postings cache "
        f"(`VRAAGBAAK_CACHE_MB`, {os.environ.get('VRAAGBAAK_CACHE_MB', '512')} MB per process); the "
        "first-time row shows the same queries before that, each reading its words' postings from disk "
        "unless an earlier query of the mix read them.",
        "SQLite FTS5 runs the queries translated simply (no stemming, field filters dropped, date sorts on a "
        "date column): a reference for speed, not for the same results.",
    ]
    if attempt > 1:
        notes.append(f"The index was refused {attempt - 1} time(s) during the run (the code changed its schema "
                     "meanwhile) and built again; the figures are those of the last attempt.")
    if errors:
        notes.append(f"{len(errors)} errors: " + "; ".join(errors[:10]) + (" …" if len(errors) > 10 else ""))
    if args.n != 100_000:
        notes.append("The issue's targets are for 100,000 letters.")
    parts += [f"- {n}" for n in notes] + [""]
    benchlib.emit("\n".join(parts), append=not args.no_append)
    write_timings(queries, CACHE / f"searching-{args.n}.tsv")
    return 0


def write_timings(queries: list[Query], path: Path) -> None:
    """Every query's figures, for a closer look (not committed; the table has the summary)."""
    def cell(v):
        return "" if v is None else f"{v:.1f}" if isinstance(v, float) else str(v)
    lines = ["category\tsort\tquery\tlibrary_ms\tpage_ms\tfts_ms\tletters\tfts_letters"]
    lines += ["\t".join([q.category, q.sort, q.text, *map(cell, (q.lib_ms, q.page_ms, q.fts_ms, q.lib_total, q.fts_total))])
              for q in queries]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    log(f"every query's timings: {path.relative_to(ROOT)}")


def _ms(value: float | None) -> str:
    return f"{value:.0f} ms" if value is not None else "–"


if __name__ == "__main__":
    sys.exit(main())
