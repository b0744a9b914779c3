-- Each import keeps its file's header row, so the rejected rows can be downloaded under the
-- file's own column names and corrected and imported again.
ALTER TABLE spend_batches ADD COLUMN headers text[] NOT NULL DEFAULT '{}';

-- Staged rows are thrown away after each import (and after a crash): they need no write-ahead log.
ALTER TABLE spend_staging SET UNLOGGED;
