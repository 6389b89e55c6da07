/**
 * The console's store: {@link org.nestguard.console.store.Database} (SQLite in the data folder by default,
 * PostgreSQL through HikariCP with {@code --db}; Flyway migrations from {@code db/migration/common}, portable SQL
 * for both) and one repository per table group, each built with the Database and a Clock.
 *
 * <p>Event acknowledgement: {@link org.nestguard.console.store.Events#append} answers with the highest sequence n
 * such that every event 1..n of the device's current enrolment is held, not the highest sequence seen. The agent
 * trims its outbox only up to n, so a batch lost in transit (a gap) is sent again instead of being deleted unsent.
 * A device that enrols again (re-imaged) starts a new enrolment whose sequences begin at 1 again.
 *
 * <p>Secrets (enrolment tokens) are returned once on creation and stored only as SHA-256.
 *
 * <p>Monitoring: a check-in's {@code history-visits}, {@code flag} and {@code history-notice} events are projected
 * into visits, flags and notices in the check-in's transaction, from the events stored for the first time only
 * ({@link org.nestguard.console.store.Events} tells which), so a re-sent batch adds nothing. Who may read a row
 * is one SQL condition ({@code VisibleTo}) that every list and single read uses; every read and change of
 * safeguarding records appends to the hash-chained {@link org.nestguard.console.store.AuditLog} in the same
 * transaction. {@link org.nestguard.console.store.Retention} deletes what is past its period and blanks the
 * uploaded events that carried it, keeping their (device, enrolment, sequence) so re-sending stays a no-op.
 */
package org.nestguard.console.store;
