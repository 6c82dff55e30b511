-- Rate-limit counters are written on every API request, and every request of one API key updates
-- the same row: logged, each update held the row until its commit was flushed to disk, so one
-- key's requests queued behind one flush each (873 updates a second of one row, 32 at once, on
-- the 2-core development machine, against 5,713 unlogged). Unlogged, a commit that wrote only
-- counters does not wait for the disk. The price: after a crash of PostgreSQL, or on a standby
-- promoted in a failover, the counters are empty and every budget starts over.
ALTER TABLE "rate_limit_counters" SET UNLOGGED;
