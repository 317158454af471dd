import type { Migration } from '../store/migrations';

/**
 * Saved what-if sweeps (issue 14, appended to the store's migrations): the sweep's definition
 * (topology, scenario, axes, seeds: what reopens it after a restart), one row per completed cell
 * (mean ± spread of every metric, backlog figures), and each cell × seed run as an ordinary row
 * of `runs` pointing at its sweep, so History's run view, replay, compare and the storage budget
 * treat it like any run. Deleting a sweep deletes its runs; pruning a run leaves the sweep's
 * table intact (the cell then says its run was pruned).
 */
export const whatifMigrations: Migration[] = [
  {
    name: 'what-if sweeps, their cells, runs grouped under a sweep',
    up: (db) => {
      db.exec(`
        CREATE TABLE sweeps (
          id          INTEGER PRIMARY KEY AUTOINCREMENT,
          project_id  TEXT REFERENCES projects (id) ON DELETE CASCADE,
          name        TEXT NOT NULL,
          status      TEXT NOT NULL CHECK (status IN ('running','completed','cancelled','failed','interrupted')),
          definition  TEXT NOT NULL CHECK (json_valid(definition)),
          axes        TEXT NOT NULL CHECK (json_valid(axes)),
          seeds       TEXT NOT NULL CHECK (json_valid(seeds)),
          retention   TEXT NOT NULL CHECK (retention IN ('none','sampled','all')),
          total       INTEGER NOT NULL,
          done        INTEGER NOT NULL DEFAULT 0,
          error       TEXT,
          owner_pid   INTEGER,
          created_at  TEXT NOT NULL,
          ended_at    TEXT
        ) STRICT;
        CREATE INDEX sweeps_project ON sweeps (project_id, id DESC);
        CREATE TABLE sweep_cells (
          sweep_id  INTEGER NOT NULL REFERENCES sweeps (id) ON DELETE CASCADE,
          cell      INTEGER NOT NULL,
          coords    TEXT NOT NULL CHECK (json_valid(coords)),
          stats     TEXT NOT NULL CHECK (json_valid(stats)),
          backlog   TEXT NOT NULL CHECK (json_valid(backlog)),
          PRIMARY KEY (sweep_id, cell)
        ) STRICT, WITHOUT ROWID;
        ALTER TABLE runs ADD COLUMN sweep_id INTEGER REFERENCES sweeps (id) ON DELETE CASCADE;
        ALTER TABLE runs ADD COLUMN sweep_cell INTEGER;
        CREATE INDEX runs_sweep ON runs (sweep_id, sweep_cell) WHERE sweep_id IS NOT NULL;
      `);
    },
  },
];
