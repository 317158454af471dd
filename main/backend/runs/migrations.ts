import type { Migration } from '../store/migrations';

/**
 * The runs schema (appended to the store's migrations). Events are stored in blocks of up to a
 * few thousand records (run_event_blocks): one row per block keeps persisting every event of a
 * max-speed run cheap (a row per event with five indexes is ~4x slower than the simulation — see
 * docs/runs.md). The records are binary columns, brotli-compressed (`cols`, event-block.ts).
 * Each block carries what queries need to skip it without decoding: seq and time range, exact
 * type/status/node bit masks (per-run dictionary; past 52 names the last bit is shared), and the
 * distinct keys and correlation ids as searchable text.
 */
export const runMigrations: Migration[] = [
  {
    name: 'runs, faults, metric series, snapshots, event blocks, annotations, retention settings',
    up: (db) => {
      db.exec(`
        CREATE TABLE runs (
          id            INTEGER PRIMARY KEY AUTOINCREMENT,
          project_id    TEXT REFERENCES projects (id) ON DELETE CASCADE,
          name          TEXT NOT NULL,
          status        TEXT NOT NULL CHECK (status IN ('idle','running','paused','stopped','completed','failed','interrupted')),
          topology      TEXT NOT NULL CHECK (json_valid(topology)),
          topology_name TEXT NOT NULL,
          scenario      TEXT NOT NULL CHECK (json_valid(scenario)),
          seed          INTEGER NOT NULL,
          duration_sec  REAL NOT NULL,
          speed         TEXT NOT NULL,
          retention     TEXT NOT NULL,
          created_at    TEXT NOT NULL,
          ended_at      TEXT,
          sim_ms        REAL NOT NULL DEFAULT 0,
          summary       TEXT CHECK (summary IS NULL OR json_valid(summary)),
          kpis          TEXT NOT NULL DEFAULT '{}' CHECK (json_valid(kpis)),
          k_orders      REAL NOT NULL DEFAULT 0,
          k_revenue     REAL NOT NULL DEFAULT 0,
          k_conversion  REAL NOT NULL DEFAULT 0,
          k_orders_lost REAL NOT NULL DEFAULT 0,
          k_p99         REAL NOT NULL DEFAULT 0,
          k_throughput  REAL NOT NULL DEFAULT 0,
          k_errors      REAL NOT NULL DEFAULT 0,
          event_count   INTEGER NOT NULL DEFAULT 0,
          events_truncated INTEGER NOT NULL DEFAULT 0,
          dict          TEXT NOT NULL DEFAULT '[]' CHECK (json_valid(dict)),
          error         TEXT,
          owner_pid     INTEGER,
          heartbeat_at  INTEGER
        ) STRICT;
        CREATE INDEX runs_project ON runs (project_id, id DESC);
        CREATE INDEX runs_status ON runs (status) WHERE status IN ('idle','running','paused');

        CREATE TABLE run_faults (
          id              INTEGER PRIMARY KEY,
          run_id          INTEGER NOT NULL REFERENCES runs (id) ON DELETE CASCADE,
          source          TEXT NOT NULL CHECK (source IN ('scenario','live')),
          fault           TEXT NOT NULL CHECK (json_valid(fault)),
          injected_at     TEXT,
          injected_sim_ms REAL,
          ended_sim_ms    REAL
        ) STRICT;
        CREATE INDEX run_faults_run ON run_faults (run_id, id);

        CREATE TABLE run_metrics (
          run_id        INTEGER NOT NULL REFERENCES runs (id) ON DELETE CASCADE,
          node          TEXT NOT NULL,
          time_ms       REAL NOT NULL,
          throughput    REAL NOT NULL,
          queue_depth   REAL NOT NULL,
          consumer_lag  REAL NOT NULL,
          in_flight     REAL NOT NULL,
          utilisation   REAL NOT NULL,
          p50           REAL NOT NULL,
          p95           REAL NOT NULL,
          p99           REAL NOT NULL,
          errors        REAL NOT NULL,
          retries       REAL NOT NULL,
          dead_letters  REAL NOT NULL,
          drops         REAL NOT NULL,
          state         TEXT NOT NULL,
          orders        REAL,
          revenue       REAL,
          orders_lost   REAL,
          PRIMARY KEY (run_id, node, time_ms)
        ) STRICT, WITHOUT ROWID;

        CREATE TABLE run_snapshots (
          id        INTEGER PRIMARY KEY,
          run_id    INTEGER NOT NULL REFERENCES runs (id) ON DELETE CASCADE,
          time_ms   REAL NOT NULL,
          snapshot  TEXT NOT NULL
        ) STRICT;
        CREATE UNIQUE INDEX run_snapshots_time ON run_snapshots (run_id, time_ms);

        CREATE TABLE run_event_blocks (
          id          INTEGER PRIMARY KEY,
          run_id      INTEGER NOT NULL REFERENCES runs (id) ON DELETE CASCADE,
          first_seq   INTEGER NOT NULL,
          last_seq    INTEGER NOT NULL,
          n           INTEGER NOT NULL,
          t_min       REAL NOT NULL,
          t_max       REAL NOT NULL,
          type_mask   INTEGER NOT NULL,
          status_mask INTEGER NOT NULL,
          node_mask   INTEGER NOT NULL,
          keys        TEXT NOT NULL,
          corrs       TEXT NOT NULL,
          data        TEXT NOT NULL,
          payloads    TEXT NOT NULL
        ) STRICT;
        CREATE UNIQUE INDEX run_event_blocks_seq ON run_event_blocks (run_id, last_seq);
        CREATE INDEX run_event_blocks_time ON run_event_blocks (run_id, t_max);

        CREATE TABLE run_annotations (
          id          INTEGER PRIMARY KEY,
          run_id      INTEGER NOT NULL REFERENCES runs (id) ON DELETE CASCADE,
          at_ms       REAL,
          text        TEXT NOT NULL,
          created_at  TEXT NOT NULL
        ) STRICT;
        CREATE INDEX run_annotations_run ON run_annotations (run_id, id);

        CREATE TABLE run_settings (
          project_id  TEXT PRIMARY KEY REFERENCES projects (id) ON DELETE CASCADE,
          settings    TEXT NOT NULL CHECK (json_valid(settings))
        ) STRICT;
      `);
    },
  },
  {
    // format 1: a block's records as binary columns (event-block.ts); `data` is '' then.
    // Older blocks keep their columnar JSON and are still read.
    name: 'event blocks: binary columns',
    up: (db) => {
      db.exec('ALTER TABLE run_event_blocks ADD COLUMN cols BLOB');
    },
  },
  {
    // a run executed on a real broker (main/backend/live): {address, product, version, prefix};
    // NULL for simulated runs. The address never carries credentials.
    name: 'runs: live broker',
    up: (db) => {
      db.exec('ALTER TABLE runs ADD COLUMN live TEXT CHECK (live IS NULL OR json_valid(live))');
    },
  },
  {
    // the data folder's size budget (storage.ts): app-wide settings, and runs whose event log was pruned
    name: 'storage budget: app settings, pruned event logs',
    up: (db) => {
      db.exec(`
        CREATE TABLE app_settings (key TEXT PRIMARY KEY, value TEXT NOT NULL) STRICT;
        ALTER TABLE runs ADD COLUMN events_pruned_at TEXT;
      `);
    },
  },
  {
    // issue 15: a learner's place in each lesson (main/backend/lessons/progress-store.ts)
    name: 'lesson progress per learner',
    up: (db) => {
      db.exec(`
        CREATE TABLE lesson_progress (
          learner     TEXT NOT NULL,
          lesson_id   TEXT NOT NULL,
          step_id     TEXT,
          completed   TEXT NOT NULL DEFAULT '[]' CHECK (json_valid(completed)),
          updated_at  TEXT NOT NULL,
          PRIMARY KEY (learner, lesson_id)
        ) STRICT;
      `);
    },
  },
];
