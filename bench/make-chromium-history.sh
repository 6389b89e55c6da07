#!/usr/bin/env bash
# Builds a Chromium-schema History database with N visits (default 1,000,000) for bench/history-bench.sh: the
# tables Chromium 156 creates (urls, visits, keyword_search_terms, meta; DDL as `sqlite3 .schema` printed it for a
# profile made by Debian's chromium), ~N/5 distinct URLs on ~5,000 hosts with titles of several words, one visit in
# 20 a search with its keyword_search_terms row, times one minute apart in Chromium's base (µs since 1601).
# Usage: bench/make-chromium-history.sh OUT_FILE [N]
set -euo pipefail
out=${1:?usage: make-chromium-history.sh OUT_FILE [VISITS]}
n=${2:-1000000}
rm -f "$out" "$out-journal" "$out-wal"
sqlite3 "$out" <<SQL
PRAGMA journal_mode=DELETE;
CREATE TABLE meta(key LONGVARCHAR NOT NULL UNIQUE PRIMARY KEY, value LONGVARCHAR);
CREATE TABLE urls(id INTEGER PRIMARY KEY AUTOINCREMENT,url LONGVARCHAR,title LONGVARCHAR,visit_count INTEGER DEFAULT 0 NOT NULL,typed_count INTEGER DEFAULT 0 NOT NULL,last_visit_time INTEGER NOT NULL,hidden INTEGER DEFAULT 0 NOT NULL);
CREATE TABLE visits(id INTEGER PRIMARY KEY AUTOINCREMENT,url INTEGER NOT NULL,visit_time INTEGER NOT NULL,from_visit INTEGER,external_referrer_url TEXT,transition INTEGER DEFAULT 0 NOT NULL,segment_id INTEGER,visit_duration INTEGER DEFAULT 0 NOT NULL,incremented_omnibox_typed_score BOOLEAN DEFAULT FALSE NOT NULL,opener_visit INTEGER,originator_cache_guid TEXT,originator_visit_id INTEGER,originator_from_visit INTEGER,originator_opener_visit INTEGER,is_known_to_sync BOOLEAN DEFAULT FALSE NOT NULL,consider_for_ntp_most_visited BOOLEAN DEFAULT FALSE NOT NULL,visited_link_id INTEGER DEFAULT 0 NOT NULL,app_id TEXT);
CREATE INDEX visits_url_index ON visits (url);
CREATE INDEX visits_time_index ON visits (visit_time);
CREATE TABLE keyword_search_terms (keyword_id INTEGER NOT NULL,url_id INTEGER NOT NULL,term LONGVARCHAR NOT NULL,normalized_term LONGVARCHAR NOT NULL);
CREATE INDEX keyword_search_terms_index2 ON keyword_search_terms (url_id);
CREATE INDEX urls_url_index ON urls (url);
INSERT INTO meta VALUES ('version', '70'), ('last_compatible_version', '16');
-- 2026-09-01T08:00:00Z in µs since 1601-01-01
CREATE TEMP TABLE base AS SELECT (11644473600 + 1788249600) * 1000000 AS t0;
WITH RECURSIVE u(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM u WHERE i < $n / 5)
INSERT INTO urls (id, url, title, visit_count, last_visit_time)
SELECT i,
       CASE WHEN i % 20 = 0
            THEN 'https://www.google.co.uk/search?q=homework+help+topic+' || i || '&hl=en'
            ELSE 'https://www.site' || (i % 5000) || '.example.org/section/' || (i % 97) || '/page-' || i || '.html?ref=nav' END,
       CASE WHEN i % 20 = 0 THEN 'homework help topic ' || i || ' - Google Search'
            ELSE 'Page ' || i || ' of the site ' || (i % 5000) || ': reading, maths and science for year ' || (i % 6 + 1) END,
       5, (SELECT t0 FROM base) + i * 60000000
FROM u;
INSERT INTO keyword_search_terms (keyword_id, url_id, term, normalized_term)
SELECT 2, id, 'homework help topic ' || id, 'homework help topic ' || id FROM urls WHERE id % 20 = 0;
WITH RECURSIVE v(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM v WHERE i < $n)
INSERT INTO visits (id, url, visit_time, transition)
SELECT i, ((i - 1) % ($n / 5)) + 1, (SELECT t0 FROM base) + i * 60000000,
       CASE i % 10 WHEN 0 THEN 805306369 WHEN 1 THEN 805306376 ELSE 805306368 END
FROM v;
SQL
echo "$out: $(sqlite3 "$out" 'SELECT count(*) FROM visits') visits, $(sqlite3 "$out" 'SELECT count(*) FROM urls') urls, $(du -h "$out" | cut -f1)"
