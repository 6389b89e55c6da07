-- Each device's latest check result per control: see the PostgreSQL V11, of which this is the SQLite spelling
-- (the same table; the fill reads the payload's JSON with SQLite's functions).
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
SELECT device_id, control, enrolment, sequence, recorded_at,
       payload ->> '$.status', payload ->> '$.summary',
       COALESCE(payload -> '$.clauses', payload -> '$.clause')
FROM (SELECT e.*, ROW_NUMBER() OVER (PARTITION BY e.device_id, e.control
                                     ORDER BY e.enrolment DESC, e.sequence DESC) AS newest
      FROM events e WHERE e.type = 'check-result' AND e.control IS NOT NULL) ranked
WHERE newest = 1;
