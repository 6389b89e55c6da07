-- Devices by setting: a policy update queues a command for each device of its setting, and on SQLite every
-- enrolment's row lock on its setting (UPDATE settings SET id = id) makes SQLite check devices.setting_id for
-- rows pointing at that setting. Without this index both scanned the whole devices table: enrolling 50,000
-- devices one by one on SQLite (bench/checkin-load.sh) took 220 s without it and 19 s with it.
CREATE INDEX devices_setting ON devices (setting_id);
