-- Devices by setting: a policy update queues a command for each device of its setting, and on SQLite every
-- enrolment's row lock on its setting (UPDATE settings SET id = id) makes SQLite check devices.setting_id for
-- rows pointing at that setting. Without this index both scanned the whole devices table (enrolling the
-- 50,000th device took ~50 times as long as the first).
CREATE INDEX devices_setting ON devices (setting_id);
