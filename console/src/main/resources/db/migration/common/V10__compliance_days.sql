-- The compliance trend: for each setting, day and control, how many of the setting's devices passed, failed,
-- could not be checked (or had no result) and had the control not apply. Written by the compliance-day job and
-- refreshed for today whenever the dashboard is shown; past days are rebuilt from stored check results.
CREATE TABLE compliance_days (
    setting_id      VARCHAR(100) NOT NULL REFERENCES settings (id),
    -- the calendar day in the schools' time zone (Europe/London), ISO yyyy-mm-dd, so it sorts as text
    day             VARCHAR(10)  NOT NULL,
    control         VARCHAR(100) NOT NULL,
    passing         INTEGER      NOT NULL,
    failing         INTEGER      NOT NULL,
    unknown         INTEGER      NOT NULL,
    not_applicable  INTEGER      NOT NULL,
    recorded_at     BIGINT       NOT NULL,
    PRIMARY KEY (setting_id, day, control)
);
