"""Saved queries: a search kept under a name, and what arrived since it was last looked at.

The store is one SQLite file (``VRAAGBAAK_SAVED_DB``), shared by the web app and ``vraagbaak
saved``. The code creates and upgrades its schema itself (``MIGRATIONS``, recorded in the
``schema_version`` table); an older database is upgraded in place, never dropped. Every write is
one ``BEGIN IMMEDIATE`` transaction in WAL mode with a busy timeout, so a web request and a cron
job writing at once both succeed. "New" means added to the index after ``last_opened`` (the
letter's own date does not matter, so a back-filled old letter counts as new).
"""
from __future__ import annotations

import contextlib
import dataclasses
import datetime as dt
import json
import re
import sqlite3
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterator

from indexer.cases import STATUS_LABELS, STATUSES
from indexer.query import date_range
from indexer.schema import FACET_FIELDS
from indexer.search import SORTS, SearchRequest, SearchResult, Searcher

#: The schema, one list of statements per version; a database at version n runs n+1.. in order.
MIGRATIONS: list[list[str]] = [
    # 1: a name and the search state (canonical JSON, unique: one entry per state).
    ["""CREATE TABLE saved_query (
            id INTEGER PRIMARY KEY,
            name TEXT NOT NULL,
            state TEXT NOT NULL UNIQUE,
            created TEXT NOT NULL,
            last_opened TEXT NOT NULL)"""],
    # 2: the user's order, and deletion that can be undone.
    ["ALTER TABLE saved_query ADD COLUMN position INTEGER NOT NULL DEFAULT 0",
     "UPDATE saved_query SET position = id",
     "ALTER TABLE saved_query ADD COLUMN deleted TEXT",
     "CREATE INDEX saved_query_position ON saved_query (position)"],
]
SCHEMA_VERSION = len(MIGRATIONS)
MAX_NAME = 200
#: The export file says what it is, so that importing someone else's JSON is refused.
EXPORT_FORMAT = "vraagbaak-bewaarde-zoekopdrachten"
EXPORT_VERSION = 1
#: Deleted entries stay restorable ("Ongedaan maken") this long, then are purged.
UNDO_WINDOW = dt.timedelta(days=7)
BUSY_TIMEOUT_MS = 10_000


class SavedError(ValueError):
    """Input the store refuses (a bad name, state or import file); the message is for the user."""


class StoreError(RuntimeError):
    """The database itself cannot be used (newer schema, not a database)."""


def now() -> dt.datetime:
    """The current moment, timezone-aware (stored as ISO 8601 with its offset)."""
    return dt.datetime.now().astimezone()


def to_index_time(moment: dt.datetime) -> dt.datetime:
    """The index records ``added`` as naive local time: compare in that."""
    return moment.astimezone().replace(tzinfo=None) if moment.tzinfo else moment


def from_index_time(moment: dt.datetime) -> dt.datetime:
    return moment.astimezone() if moment.tzinfo is None else moment


# -- the state of a search --------------------------------------------------------------------
@dataclass(frozen=True)
class QueryState:
    """What defines a search (no page, no page size), normalised so equal searches are equal."""

    q: str = ""
    sort: str = "relevantie"
    date_from: dt.date | None = None
    date_to: dt.date | None = None
    filters: tuple[tuple[str, str], ...] = ()
    #: A case status (indexer.cases.STATUSES), worked out on the day the query runs.
    status: str | None = None

    @classmethod
    def make(cls, q: str = "", sort: str | None = None, date_from: dt.date | None = None,
             date_to: dt.date | None = None, filters: dict[str, str] | None = None,
             status: str | None = None) -> "QueryState":
        """Normalise: whitespace collapsed, the default sort made explicit, empty filters dropped,
        dates in order. Raises SavedError for what a search cannot use."""
        q = " ".join((q or "").replace("\x00", "").split())
        sort = sort or ("relevantie" if q else "datum-nieuw")
        if sort not in SORTS:
            raise SavedError(f"Onbekende sortering '{sort[:40]}'; kies uit: {', '.join(SORTS)}.")
        clean = {}
        for name, value in (filters or {}).items():
            if name not in FACET_FIELDS:
                raise SavedError(f"Onbekend filter '{str(name)[:40]}'; bekend zijn: {', '.join(FACET_FIELDS)}.")
            value = " ".join(str(value or "").split())
            if value:
                clean[name] = value
        if date_from and date_to and date_from > date_to:
            date_from, date_to = date_to, date_from
        if status and status not in STATUSES:
            raise SavedError(f"Onbekende status '{str(status)[:40]}'; kies uit: {', '.join(STATUSES)}.")
        return cls(q, sort, date_from, date_to, tuple(sorted(clean.items())), status or None)

    @classmethod
    def from_request(cls, request: SearchRequest) -> "QueryState":
        return cls.make(request.q, request.sort, request.date_from, request.date_to, request.filters, request.status)

    def request(self, page_size: int = 10, page: int = 1, added_after: dt.datetime | None = None,
                sort: str | None = None) -> SearchRequest:
        return SearchRequest(q=self.q, sort=sort or self.sort, date_from=self.date_from, date_to=self.date_to,
                             filters=dict(self.filters), page=page, page_size=page_size, status=self.status,
                             added_after=to_index_time(added_after) if added_after else None)

    def to_json(self) -> dict:
        return {"q": self.q, "sort": self.sort,
                "van": self.date_from.isoformat() if self.date_from else None,
                "tot": self.date_to.isoformat() if self.date_to else None,
                "filters": dict(self.filters),
                # Only when set, so the keys of states saved before statuses existed stay the same.
                **({"status": self.status} if self.status else {})}

    @classmethod
    def from_json(cls, data) -> "QueryState":
        """A state from its JSON form; SavedError says what is wrong with it."""
        if not isinstance(data, dict) or not isinstance(data.get("q", ""), str):
            raise SavedError("De zoekopdracht is geen geldige Vraagbaak-zoekopdracht.")
        filters = data.get("filters") or {}
        if not isinstance(filters, dict):
            raise SavedError("De filters van de zoekopdracht zijn onleesbaar.")
        return cls.make(data.get("q", ""), data.get("sort") or None, _date(data.get("van"), "van", True),
                        _date(data.get("tot"), "tot", False), filters, data.get("status") or None)

    @property
    def key(self) -> str:
        """The canonical text of the state: the database's uniqueness key."""
        return json.dumps(self.to_json(), ensure_ascii=False, sort_keys=True, separators=(",", ":"))

    def default_name(self) -> str:
        parts = [self.q] if self.q else []
        parts += [v for _, v in self.filters]
        if self.status:
            parts.append(STATUS_LABELS[self.status].lower())
        if self.date_from or self.date_to:
            parts.append(f"{self.date_from or '…'} – {self.date_to or '…'}")
        name = " · ".join(parts) or "Alle brieven"
        return name if len(name) <= MAX_NAME else name[:MAX_NAME - 1].rstrip() + "…"

    def describe(self) -> str:
        """One line for the command line and the list: query, filters, period, sort."""
        parts = [f"'{self.q}'" if self.q else "alle brieven"]
        parts += [f"{k}={v}" for k, v in self.filters]
        if self.status:
            parts.append(f"status={self.status}")
        if self.date_from or self.date_to:
            parts.append(f"van {self.date_from or '…'} tot {self.date_to or '…'}")
        parts.append(f"sortering {self.sort}")
        return ", ".join(parts)


def _date(value, name: str, start: bool) -> dt.date | None:
    if value in (None, ""):
        return None
    rng = date_range(str(value)) if isinstance(value, str) else None
    if rng is None:
        raise SavedError(f"'{str(value)[:40]}' is geen geldige datum ({name}); gebruik JJJJ-MM-DD.")
    return rng[0] if start else rng[1]


def clean_name(name: str | None, state: QueryState | None = None) -> str:
    """A name as stored: whitespace collapsed; empty → the query (when a state is given)."""
    name = " ".join("".join(c for c in (name or "") if c.isprintable() or c.isspace()).split())
    if not name and state is not None:
        return state.default_name()
    if not name:
        raise SavedError("Geef de zoekopdracht een naam.")
    if len(name) > MAX_NAME:
        raise SavedError(f"Een naam mag ten hoogste {MAX_NAME} tekens hebben; deze heeft er {len(name):,}."
                         .replace(",", "."))
    return name


# -- a saved query ----------------------------------------------------------------------------
@dataclass
class SavedQuery:
    id: int
    name: str
    state: QueryState | None  # None when the stored state can no longer be used (see ``problem``)
    created: dt.datetime
    last_opened: dt.datetime
    position: int
    problem: str | None = None
    raw_state: str = ""

    def to_json(self) -> dict:
        return {"name": self.name, "query": self.state.to_json() if self.state else None,
                "created": self.created.isoformat(), "last_opened": self.last_opened.isoformat()}


def _row(row: sqlite3.Row) -> SavedQuery:
    problem, state = None, None
    try:
        state = QueryState.from_json(json.loads(row["state"]))
    except (ValueError, TypeError) as exc:  # SavedError and json errors are ValueErrors
        problem = ("Deze zoekopdracht kan niet meer worden uitgevoerd: "
                   + (str(exc) if isinstance(exc, SavedError) else "de opgeslagen vorm is onleesbaar.")
                   + " Verwijder haar en bewaar de zoekopdracht opnieuw.")
    return SavedQuery(row["id"], row["name"], state, dt.datetime.fromisoformat(row["created"]),
                      dt.datetime.fromisoformat(row["last_opened"]), row["position"], problem, row["state"])


@dataclass
class ImportReport:
    added: list[str] = field(default_factory=list)
    existing: list[str] = field(default_factory=list)


# -- the store --------------------------------------------------------------------------------
def _use_wal(con: sqlite3.Connection) -> None:
    """Put the file in WAL mode (it stays so). Changing the journal mode needs the file to
    itself, and SQLite answers "database is locked" there without waiting for the busy timeout:
    when the CLI and the web app create the file at the same moment, one of them retries."""
    deadline = time.monotonic() + BUSY_TIMEOUT_MS / 1000
    while True:
        try:
            if con.execute("PRAGMA journal_mode").fetchone()[0].lower() != "wal":
                con.execute("PRAGMA journal_mode = WAL")
            return
        except sqlite3.OperationalError as exc:
            if "locked" not in str(exc) or time.monotonic() > deadline:
                raise
            time.sleep(0.01)


class SavedStore:
    """The saved queries in one SQLite file. Every method opens its own short connection, so one
    store object can be shared by threads, and server workers and the CLI use the file at once."""

    def __init__(self, path: str | Path):
        self.path = Path(path)
        self._ready = False

    # connections and schema
    def _connect(self) -> sqlite3.Connection:
        con = sqlite3.connect(self.path, timeout=BUSY_TIMEOUT_MS / 1000, isolation_level=None)
        con.row_factory = sqlite3.Row
        con.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
        return con

    @contextlib.contextmanager
    def _transaction(self) -> Iterator[sqlite3.Connection]:
        """A write transaction (BEGIN IMMEDIATE takes the write lock at once, so two writers queue
        instead of one failing on upgrade from a read lock)."""
        self._ensure_schema()
        con = self._connect()
        try:
            con.execute("BEGIN IMMEDIATE")
            try:
                yield con
            except BaseException:
                con.execute("ROLLBACK")
                raise
            con.execute("COMMIT")
        finally:
            con.close()

    @contextlib.contextmanager
    def _reading(self) -> Iterator[sqlite3.Connection | None]:
        """A connection for reading, or None when there is no database yet (nothing saved)."""
        if not self.path.exists():
            yield None
            return
        self._ensure_schema()
        con = self._connect()
        try:
            yield con
        finally:
            con.close()

    def _ensure_schema(self) -> None:
        if self._ready:
            return
        self.path.parent.mkdir(parents=True, exist_ok=True)
        con = self._connect()
        try:
            _use_wal(con)
            con.execute("BEGIN IMMEDIATE")
            try:
                con.execute("CREATE TABLE IF NOT EXISTS schema_version (version INTEGER NOT NULL)")
                row = con.execute("SELECT max(version) FROM schema_version").fetchone()
                version = row[0] or 0
                if version > SCHEMA_VERSION:
                    raise StoreError(
                        f"De database {self.path} is gemaakt door een nieuwere Vraagbaak (schema {version}; "
                        f"deze versie kent {SCHEMA_VERSION}). Werk Vraagbaak bij; de database blijft onveranderd.")
                for number in range(version + 1, SCHEMA_VERSION + 1):
                    for statement in MIGRATIONS[number - 1]:
                        con.execute(statement)
                    con.execute("INSERT INTO schema_version (version) VALUES (?)", (number,))
            except BaseException:
                con.execute("ROLLBACK")
                raise
            con.execute("COMMIT")
        except sqlite3.DatabaseError as exc:
            raise StoreError(f"{self.path} is geen bruikbare Vraagbaak-database: {exc}") from None
        finally:
            con.close()
        self._ready = True

    def schema_version(self) -> int:
        with self._reading() as con:
            return con.execute("SELECT max(version) FROM schema_version").fetchone()[0] if con else 0

    # reading
    def all(self) -> list[SavedQuery]:
        """The saved queries in the user's order."""
        with self._reading() as con:
            if con is None:
                return []
            rows = con.execute("SELECT * FROM saved_query WHERE deleted IS NULL ORDER BY position, id").fetchall()
        return [_row(r) for r in rows]

    def get(self, saved_id: int, deleted: bool = False) -> SavedQuery | None:
        with self._reading() as con:
            if con is None:
                return None
            row = con.execute("SELECT * FROM saved_query WHERE id = ? AND (deleted IS NULL OR ?)",
                              (saved_id, deleted)).fetchone()
        return _row(row) if row else None

    def find_state(self, state: QueryState) -> SavedQuery | None:
        """The saved query with exactly this state, if any (the results page shows it)."""
        with self._reading() as con:
            if con is None:
                return None
            row = con.execute("SELECT * FROM saved_query WHERE state = ? AND deleted IS NULL", (state.key,)).fetchone()
        return _row(row) if row else None

    def find(self, ref: str) -> SavedQuery:
        """By id (``3`` or ``#3``) or exact name; SavedError when none or several match."""
        ref = ref.strip()
        if re.fullmatch(r"#?\d+", ref):
            found = self.get(int(ref.lstrip("#")))
            if found:
                return found
        matches = [s for s in self.all() if s.name == ref] or [s for s in self.all() if s.name.lower() == ref.lower()]
        if not matches:
            raise SavedError(f"Geen bewaarde zoekopdracht '{ref[:80]}'. Zie: vraagbaak saved list")
        if len(matches) > 1:
            ids = ", ".join(f"#{s.id}" for s in matches)
            raise SavedError(f"Meer zoekopdrachten heten '{ref[:80]}' ({ids}); kies er een met haar nummer.")
        return matches[0]

    # writing
    def add(self, state: QueryState, name: str | None = None, when: dt.datetime | None = None) -> tuple[SavedQuery, bool]:
        """Save ``state``; returns (the entry, whether it is new). The same state saved again
        returns the existing entry unchanged (a deleted one is brought back under the new name)."""
        name = clean_name(name, state)
        when = when or now()
        with self._transaction() as con:
            row = con.execute("SELECT * FROM saved_query WHERE state = ?", (state.key,)).fetchone()
            if row and row["deleted"] is None:
                return _row(row), False
            position = con.execute("SELECT coalesce(max(position), 0) + 1 FROM saved_query").fetchone()[0]
            if row:
                con.execute("UPDATE saved_query SET deleted = NULL, name = ?, position = ?, last_opened = ? WHERE id = ?",
                            (name, position, when.isoformat(), row["id"]))
                saved_id = row["id"]
            else:
                saved_id = con.execute(
                    "INSERT INTO saved_query (name, state, created, last_opened, position) VALUES (?, ?, ?, ?, ?)",
                    (name, state.key, when.isoformat(), when.isoformat(), position)).lastrowid
            row = con.execute("SELECT * FROM saved_query WHERE id = ?", (saved_id,)).fetchone()
        return _row(row), True

    def rename(self, saved_id: int, name: str) -> SavedQuery:
        name = clean_name(name)
        with self._transaction() as con:
            self._existing(con, saved_id)
            con.execute("UPDATE saved_query SET name = ? WHERE id = ?", (name, saved_id))
        return self.get(saved_id)

    def delete(self, saved_id: int, when: dt.datetime | None = None) -> SavedQuery:
        """Delete (restorable with :meth:`restore` for ``UNDO_WINDOW``); older deletions are purged."""
        when = when or now()
        with self._transaction() as con:
            row = self._existing(con, saved_id)
            con.execute("UPDATE saved_query SET deleted = ? WHERE id = ?", (when.isoformat(), saved_id))
            con.execute("DELETE FROM saved_query WHERE deleted IS NOT NULL AND deleted < ?",
                        ((when - UNDO_WINDOW).isoformat(),))
        return _row(row)

    def restore(self, saved_id: int) -> SavedQuery:
        with self._transaction() as con:
            row = con.execute("SELECT * FROM saved_query WHERE id = ?", (saved_id,)).fetchone()
            if row is None:
                raise SavedError("Deze zoekopdracht is definitief verwijderd en kan niet meer worden teruggezet.")
            if row["deleted"] is not None:
                # Someone may have saved the same state again meanwhile: then there is nothing to bring back.
                con.execute("UPDATE saved_query SET deleted = NULL WHERE id = ?", (saved_id,))
        return self.get(saved_id)

    def move(self, saved_id: int, step: int) -> None:
        """Move one place up (``step`` -1) or down (+1) in the list; at either end nothing happens."""
        with self._transaction() as con:
            self._existing(con, saved_id)
            ids = [r[0] for r in con.execute("SELECT id FROM saved_query WHERE deleted IS NULL ORDER BY position, id")]
            i = ids.index(saved_id)
            j = i + (1 if step > 0 else -1)
            if 0 <= j < len(ids):
                ids[i], ids[j] = ids[j], ids[i]
            con.executemany("UPDATE saved_query SET position = ? WHERE id = ?", [(n, sid) for n, sid in enumerate(ids, 1)])

    def mark_opened(self, saved_id: int, when: dt.datetime | None = None) -> dt.datetime:
        """Record that the user saw the results now; returns the previous moment (what "new" was
        relative to, for marking the letters on the page that is about to be shown)."""
        when = when or now()
        with self._transaction() as con:
            row = self._existing(con, saved_id)
            con.execute("UPDATE saved_query SET last_opened = ? WHERE id = ?", (when.isoformat(), saved_id))
        return dt.datetime.fromisoformat(row["last_opened"])

    def _existing(self, con: sqlite3.Connection, saved_id: int) -> sqlite3.Row:
        row = con.execute("SELECT * FROM saved_query WHERE id = ? AND deleted IS NULL", (saved_id,)).fetchone()
        if row is None:
            raise SavedError(f"Er is geen bewaarde zoekopdracht met nummer {saved_id}.")
        return row

    # export and import
    def export(self) -> dict:
        return {"format": EXPORT_FORMAT, "version": EXPORT_VERSION, "exported": now().isoformat(),
                # One that can no longer run cannot be imported either: the list page names it.
                "queries": [s.to_json() for s in self.all() if s.state is not None]}

    def import_(self, data) -> ImportReport:
        """Merge an export into the store: new states are added at the end, states already saved are
        left as they are. The whole file is checked first; anything wrong changes nothing."""
        entries = parse_export(data)
        report = ImportReport()
        with self._transaction() as con:
            position = con.execute("SELECT coalesce(max(position), 0) FROM saved_query").fetchone()[0]
            for name, state, created, last_opened in entries:
                row = con.execute("SELECT id, deleted FROM saved_query WHERE state = ?", (state.key,)).fetchone()
                if row and row["deleted"] is None:
                    report.existing.append(name)
                    continue
                position += 1
                if row:
                    con.execute("UPDATE saved_query SET name = ?, deleted = NULL, position = ?, last_opened = ? WHERE id = ?",
                                (name, position, last_opened.isoformat(), row["id"]))
                else:
                    con.execute("INSERT INTO saved_query (name, state, created, last_opened, position) VALUES (?, ?, ?, ?, ?)",
                                (name, state.key, created.isoformat(), last_opened.isoformat(), position))
                report.added.append(name)
        return report


def parse_export(data) -> list[tuple[str, QueryState, dt.datetime, dt.datetime]]:
    """Check an export file's content (bytes, text or parsed JSON); SavedError says what is wrong."""
    not_ours = ("Dit is geen exportbestand van Vraagbaak (verwacht: een JSON-bestand dat begint met "
                f'"format": "{EXPORT_FORMAT}"). Er is niets veranderd.')
    if isinstance(data, (bytes, str)):
        try:
            data = json.loads(data)
        except (ValueError, RecursionError):  # UnicodeDecodeError is a ValueError
            raise SavedError(not_ours) from None
    if not isinstance(data, dict) or data.get("format") != EXPORT_FORMAT:
        raise SavedError(not_ours)
    if data.get("version") != EXPORT_VERSION:
        raise SavedError(f"Dit exportbestand heeft versie {str(data.get('version'))[:20]}; deze Vraagbaak leest "
                         f"versie {EXPORT_VERSION}. Er is niets veranderd.")
    queries = data.get("queries")
    if not isinstance(queries, list):
        raise SavedError("Het exportbestand bevat geen lijst 'queries'. Er is niets veranderd.")
    out, seen = [], set()
    moment = now()
    for n, entry in enumerate(queries, 1):
        try:
            if not isinstance(entry, dict):
                raise SavedError("geen geldige zoekopdracht")
            state = QueryState.from_json(entry.get("query"))
            name = clean_name(entry.get("name") if isinstance(entry.get("name"), str) else "", state)
            created = _moment(entry.get("created"), moment)
            last_opened = _moment(entry.get("last_opened"), created)
        except SavedError as exc:
            raise SavedError(f"Zoekopdracht {n} in het bestand is ongeldig: {exc} Er is niets veranderd.") from None
        if state.key in seen:
            continue
        seen.add(state.key)
        out.append((name, state, created, last_opened))
    return out


def _moment(value, default: dt.datetime) -> dt.datetime:
    if value in (None, ""):
        return default
    try:
        return from_index_time(dt.datetime.fromisoformat(value))
    except (TypeError, ValueError):
        raise SavedError(f"'{str(value)[:40]}' is geen geldig tijdstip.") from None


# -- running a saved query --------------------------------------------------------------------
@dataclass
class Counts:
    total: int
    new: int


def count_request(request: SearchRequest, searcher: Searcher) -> SearchResult:
    """A search for its total only: one hit, no facets."""
    return searcher.search(dataclasses.replace(request, page=1, page_size=1), with_facets=False)


def counts(searcher: Searcher, saved: SavedQuery) -> Counts | None:
    """How many letters match, and how many of those were added after ``last_opened``."""
    if saved.state is None:
        return None
    everything = count_request(saved.state.request(), searcher)
    fresh = count_request(saved.state.request(added_after=saved.last_opened), searcher)
    # Without new letters matching every word, the search falls back to "most of the words":
    # those are not new matches of this query.
    new = 0 if fresh.relaxed and not everything.relaxed else fresh.total
    return Counts(everything.total, new)


def new_since(searcher: Searcher, saved: SavedQuery, since: dt.datetime | None = None, limit: int = 100) -> SearchResult:
    """The letters added after ``since`` (default: last opened), newest additions first."""
    since = since or saved.last_opened
    result = searcher.search(saved.state.request(page_size=limit, added_after=since, sort="toegevoegd"),
                             with_facets=False)
    if result.relaxed and not count_request(saved.state.request(), searcher).relaxed:
        return dataclasses.replace(result, total=0, hits=[])
    return result


def feed_result(searcher: Searcher, saved: SavedQuery, entries: int) -> SearchResult:
    """The newest additions matching the query, for its Atom feed."""
    return searcher.search(saved.state.request(page_size=entries, sort="toegevoegd"), with_facets=False)
