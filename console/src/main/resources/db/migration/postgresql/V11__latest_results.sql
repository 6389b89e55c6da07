-- Each device's latest check result per control (newest by enrolment, then sequence), kept in the check-in's
-- transaction, so the dashboard, the device list and the compliance API read 9 small rows a device by key instead
-- of ranking every stored result and parsing each payload (up to 30 KB of evidence) on every view. Only what
-- those pages show is copied: status, summary and the clauses cited (JSON text); the evidence stays in events.
-- The fill reads JSON, which the two stores spell differently: hence one file per dialect, same table.
CREATE TABLE latest_results (
    device_id    VARCHAR(36)  NOT NULL REFERENCES devices (id),
    control      VARCHAR(100) NOT NULL,
    enrolment    INTEGER      NOT NULL,
    sequence     BIGINT       NOT NULL,
    recorded_at  BIGINT       NOT NULL,
    status       TEXT,
    summary      TEXT,
    clauses      TEXT,
    PRIMARY KEY (device_id, control)
);

INSERT INTO latest_results (device_id, control, enrolment, sequence, recorded_at, status, summary, clauses)
SELECT device_id, control, enrolment, sequence, recorded_at, body ->> 'status', body ->> 'summary',
       COALESCE(body -> 'clauses', body -> 'clause')::text
FROM (SELECT e.device_id, e.control, e.enrolment, e.sequence, e.recorded_at, e.payload::jsonb AS body,
             ROW_NUMBER() OVER (PARTITION BY e.device_id, e.control ORDER BY e.enrolment DESC, e.sequence DESC) AS newest
      FROM events e WHERE e.type = 'check-result' AND e.control IS NOT NULL) ranked
WHERE newest = 1;
