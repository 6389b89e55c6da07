-- SQLite has no TOAST compression: this keeps its schema version in step with PostgreSQL's V5 (lz4 payloads).
SELECT 1;
