-- The dashboard counts a setting's results per control and status, and lists its failing ones, on every view.
-- Joining 5,000 devices to their 45,000 results to find the setting cost more than the counting, so each row
-- carries its device's setting (kept by the check-in's upsert, and by re-enrolment into another setting), and
-- the index answers both reads: the counts from the index alone, the failing rows by a range.
-- Statuses are kept as the dashboard compares them (upper case, trimmed), so a range can find 'FAIL'.
ALTER TABLE latest_results ADD COLUMN setting_id VARCHAR(100);

UPDATE latest_results SET setting_id = (SELECT d.setting_id FROM devices d WHERE d.id = latest_results.device_id),
                          status = UPPER(TRIM(status));

CREATE INDEX latest_results_setting ON latest_results (setting_id, status, control);
