-- PostgreSQL's V12 widens accounts.totp_secret for sealed secrets; SQLite does not enforce VARCHAR lengths, so
-- nothing changes here. The file keeps both stores on one version line.
SELECT 1;
