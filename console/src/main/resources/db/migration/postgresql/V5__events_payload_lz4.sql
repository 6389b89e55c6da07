-- PostgreSQL only (SQLite's V5 is a no-op): compress event payloads with lz4 rather than pglz. A full check-in's
-- payloads are ~36 KB of JSON, TOAST-compressed on every insert; pglz cost more CPU than the rest of the insert.
-- lz4 needs PostgreSQL 14+ built with lz4; elsewhere the column keeps the server's default and the console works
-- the same, only slower.
DO $$
BEGIN
    EXECUTE 'ALTER TABLE events ALTER COLUMN payload SET COMPRESSION lz4';
EXCEPTION
    WHEN feature_not_supported OR syntax_error OR undefined_object THEN
        RAISE NOTICE 'event payloads keep the default TOAST compression: %', SQLERRM;
END
$$;
