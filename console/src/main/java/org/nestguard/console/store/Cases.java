package org.nestguard.console.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.nestguard.console.auth.Person;
import org.nestguard.protocol.monitoring.AccountKind;
import org.nestguard.protocol.monitoring.Severity;

/**
 * Concerns (cases): the record of online safety concerns and the actions taken, routed like flags ({@link
 * VisibleTo}: a learner-subject case to the DSL and deputies, a staff-subject one to the manager and headteacher).
 * The record is append-only: entries are only ever added, a correction is a new entry naming the one it corrects.
 * A case closes only once it holds lessons learnt. Every read and change, a refused one included, is written to the
 * audit log in the same transaction; a case the person may not see reads as absent.
 */
public final class Cases {
    /** Rows per page when none is asked for, and the most a page may have. */
    public static final int DEFAULT_LIMIT = 50;
    public static final int MAX_LIMIT = 500;
    static final int MAX_TITLE = 300;
    static final int MAX_PARTY = 300;
    static final int MAX_REFERENCE = 200;
    static final int MAX_DETAIL = 8000;
    // a clock a little fast on someone's tablet must not refuse "just now"
    private static final Duration FUTURE_SLACK = Duration.ofMinutes(10);

    private final Database database;
    private final Clock clock;
    private final AuditLog audit;
    private final Flags flags;

    public Cases(Database database, Clock clock, AuditLog audit, Flags flags) {
        this.database = database;
        this.clock = clock;
        this.audit = audit;
        this.flags = flags;
    }

    /** One page of the concerns the reader may see, newest first, audited. */
    public CasePage list(Person reader, CaseQuery query) {
        Conditions where = new Conditions();
        VisibleTo.restrict(where, "c", reader, false);
        if (query.state() != null) {
            where.and("c.state = ?", query.state().id());
        }
        if (query.kind() != null) {
            where.and("c.account_kind = ?", VisibleTo.kindId(query.kind()));
        }
        if (query.before() != null) {
            TimeCursor cursor = TimeCursor.parse(query.before());
            where.and("(c.opened_at < ? OR (c.opened_at = ? AND c.id < ?))", cursor.millis(), cursor.millis(),
                    cursor.id());
        }
        int limit = query.limit();
        return database.transaction(connection -> {
            List<CaseSummary> cases = new ArrayList<>();
            try (PreparedStatement select = connection.prepareStatement("SELECT c.* FROM cases c" + where.where()
                    + " ORDER BY c.opened_at DESC, c.id DESC LIMIT ?")) {
                select.setInt(where.bind(select, 1), limit + 1);
                try (ResultSet row = select.executeQuery()) {
                    while (row.next()) {
                        cases.add(summary(row));
                    }
                }
            }
            boolean more = cases.size() > limit;
            if (more) {
                cases.remove(cases.size() - 1);
            }
            CaseSummary last = more ? cases.get(cases.size() - 1) : null;
            String next = last == null ? null : new TimeCursor(last.openedAt().toEpochMilli(), last.id()).text();
            audit.append(connection, reader, "cases.list", "concerns", query.describe() + "; rows=" + cases.size(),
                    reader.settingId(), VisibleTo.readsStaffRecords(reader));
            return new CasePage(cases, next);
        });
    }

    /** The concern with its flags, items and record, or empty when there is none the reader may see; audited. */
    public Optional<CaseDetail> read(Person reader, String caseId) {
        return database.transaction(connection -> {
            Optional<CaseSummary> found = find(connection, reader, caseId);
            if (found.isEmpty()) {
                refused(connection, reader, "case.read", caseId);
                return Optional.empty();
            }
            CaseSummary summary = found.get();
            CaseDetail detail = new CaseDetail(summary, linkedFlags(connection, caseId),
                    linkedItems(connection, caseId), entries(connection, caseId));
            audit.append(connection, reader, "case.read", target(caseId), "read with " + detail.flags().size()
                    + " flags, " + detail.items().size() + " items, " + detail.entries().size() + " entries",
                    summary.settingId(), summary.accountKind() == AccountKind.STAFF);
            return Optional.of(detail);
        });
    }

    /**
     * Opens a concern in the person's setting about an account of this kind (account may be blank: none named);
     * returns its id. IllegalArgumentException for a missing title, or a kind the person does not handle.
     */
    public String open(Person by, String title, AccountKind kind, String accountOrNull) {
        String checkedTitle = text(title, "title", MAX_TITLE, true);
        if (kind == null) {
            throw new IllegalArgumentException("say whether the concern is about a learner or a member of staff");
        }
        if (!by.hasAny(org.nestguard.console.auth.Role.readersOf(kind)) || by.settingId() == null) {
            throw new IllegalArgumentException("a concern about " + (kind == AccountKind.STAFF ? "a member of staff"
                    : "a learner") + " is recorded by " + (kind == AccountKind.STAFF ? "the manager or headteacher"
                    : "the DSL or a deputy") + "; ask them to open it");
        }
        String account = accountOrNull == null ? "" : text(accountOrNull, "account", 200, false);
        return database.transaction(connection -> {
            String id = insertCase(connection, by, checkedTitle, kind, account == null ? "" : account);
            audit.append(connection, by, "case.open", target(id), "opened", by.settingId(),
                    kind == AccountKind.STAFF);
            return id;
        });
    }

    /**
     * Escalates the flag into a concern in one transaction: the flag becomes escalated (with the reason, and the
     * case's id as its concern reference) and is linked to the case, a new one (titled {@code newTitleOrNull},
     * or after the flag's categories and account) or the open case {@code existingCaseIdOrNull} about the same kind
     * of account. Empty when the flag is not one the person may see; IllegalArgumentException and
     * IllegalStateException, with nothing changed, when the case or the flag's state do not allow it.
     */
    public Optional<String> escalate(Person by, String flagId, String reason, String existingCaseIdOrNull,
                                     String newTitleOrNull) {
        String existing = existingCaseIdOrNull == null || existingCaseIdOrNull.isBlank() ? null
                : existingCaseIdOrNull.strip();
        String newTitle = existing != null || newTitleOrNull == null || newTitleOrNull.isBlank() ? null
                : text(newTitleOrNull, "title", MAX_TITLE, true);
        if (reason == null || reason.isBlank()) {
            throw new IllegalArgumentException("reason is required: say why the flag is a concern, for the record");
        }
        return database.transaction(connection -> {
            String caseId;
            CaseSummary target = null;
            if (existing != null) {
                target = find(connection, by, existing).orElseThrow(() -> new IllegalArgumentException("There is no "
                        + "concern " + existing + " for you; choose one from the list of open concerns, or open a "
                        + "new one"));
                if (target.state() != CaseState.OPEN) {
                    throw new IllegalStateException("Concern \"" + target.title() + "\" is closed; escalate into an "
                            + "open concern or a new one");
                }
                caseId = target.id();
            } else {
                caseId = UUID.randomUUID().toString();
            }
            Optional<Flags.Changed> changed = flags.changeState(connection, by, flagId, FlagState.ESCALATED, reason,
                    caseId);
            if (changed.isEmpty()) {
                return Optional.<String>empty();
            }
            FlagSummary flag = changed.get().flag();
            AccountKind kind = flag.visit().accountKind();
            if (target == null) {
                String title = newTitle != null ? newTitle : defaultTitle(flag);
                insertCase(connection, by, caseId, title, kind, flag.visit().account(), flag.settingId());
                audit.append(connection, by, "case.open", target(caseId), "opened from flag " + flagId,
                        flag.settingId(), kind == AccountKind.STAFF);
            } else if (target.accountKind() != kind) {
                // a staff flag in a learner case would reach the DSL: routing forbids it
                throw new IllegalArgumentException("Concern \"" + target.title() + "\" is about "
                        + kindWords(target.accountKind()) + " and this flag about " + kindWords(kind) + "; escalate "
                        + "it into a concern about " + kindWords(kind) + ", or a new one");
            }
            try (PreparedStatement link = connection.prepareStatement("INSERT INTO case_flags (case_id, flag_id, "
                    + "linked_at, linked_by_id, linked_by_name) VALUES (?, ?, ?, ?, ?)")) {
                link.setString(1, caseId);
                link.setString(2, flagId);
                Millis.set(link, 3, clock.instant());
                link.setString(4, by.id());
                link.setString(5, by.name());
                link.executeUpdate();
            }
            audit.append(connection, by, "case.link-flag", target(caseId), "flag " + flagId, flag.settingId(),
                    kind == AccountKind.STAFF);
            return Optional.of(caseId);
        });
    }

    /**
     * Adds an entry to the concern's record; returns it. Empty when there is no such case for the person;
     * IllegalArgumentException naming the field when one the kind needs is missing or too long.
     */
    public Optional<CaseEntry> addEntry(Person by, String caseId, CaseEntryDraft draft) {
        CaseEntryKind kind = draft.kind();
        if (kind == null) {
            throw new IllegalArgumentException("say what the entry records: action, advice, parents, agency or "
                    + "lessons");
        }
        Instant now = clock.instant();
        if (draft.occurredAt() == null) {
            throw new IllegalArgumentException("say when it happened (the date, and the time if known)");
        }
        if (draft.occurredAt().isAfter(now.plus(FUTURE_SLACK))) {
            throw new IllegalArgumentException("when it happened is in the future; record things once they have "
                    + "happened");
        }
        String party = kind.partyLabel() == null ? null
                : text(draft.party(), kind.partyLabel().toLowerCase(java.util.Locale.ROOT), MAX_PARTY, true);
        String detail = text(draft.detail(), kind.detailLabel().toLowerCase(java.util.Locale.ROOT), MAX_DETAIL,
                kind.detailRequired());
        String reference = kind == CaseEntryKind.AGENCY
                ? text(draft.reference(), "reference", MAX_REFERENCE, false) : null;
        String corrects = draft.correctsId() == null || draft.correctsId().isBlank() ? null
                : draft.correctsId().strip();
        return database.transaction(connection -> {
            Optional<CaseSummary> found = find(connection, by, caseId);
            if (found.isEmpty()) {
                refused(connection, by, "case.entry", caseId);
                return Optional.<CaseEntry>empty();
            }
            if (corrects != null && entries(connection, caseId).stream().noneMatch(e -> e.id().equals(corrects))) {
                throw new IllegalArgumentException("the entry to correct is not in this concern's record; choose "
                        + "one of its entries");
            }
            int number = entries(connection, caseId).size() + 1;
            CaseEntry entry = new CaseEntry(UUID.randomUUID().toString(), caseId, number, kind, draft.occurredAt(),
                    now, by.id(), by.name(), party, detail == null ? "" : detail, reference, corrects);
            // two people writing at once both take the same number: UNIQUE (case_id, seq) refuses the second
            try (PreparedStatement insert = connection.prepareStatement("INSERT INTO case_entries (id, case_id, seq, "
                    + "kind, occurred_at, recorded_at, by_id, by_name, party, detail, reference, corrects_id) "
                    + "VALUES (?, ?, " + number + ", ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
                insert.setString(1, entry.id());
                insert.setString(2, caseId);
                insert.setString(3, kind.id());
                Millis.set(insert, 4, entry.occurredAt());
                Millis.set(insert, 5, now);
                insert.setString(6, by.id());
                insert.setString(7, by.name());
                insert.setString(8, party);
                insert.setString(9, entry.detail());
                insert.setString(10, reference);
                insert.setString(11, corrects);
                insert.executeUpdate();
            }
            // the entry's words stay in the record: the audit log holds no content
            audit.append(connection, by, "case.entry", target(caseId), kind.id() + (corrects == null ? ""
                    : " correcting " + corrects), found.get().settingId(),
                    found.get().accountKind() == AccountKind.STAFF);
            return Optional.of(entry);
        });
    }

    /**
     * Closes the concern. Empty when there is no such case for the person; IllegalStateException when it is
     * already closed or its record holds no lessons learnt.
     */
    public Optional<CaseSummary> close(Person by, String caseId) {
        Instant now = clock.instant();
        return database.transaction(connection -> {
            Optional<CaseSummary> found = find(connection, by, caseId);
            if (found.isEmpty()) {
                refused(connection, by, "case.close", caseId);
                return Optional.<CaseSummary>empty();
            }
            CaseSummary open = found.get();
            if (open.state() == CaseState.CLOSED) {
                throw new IllegalStateException("This concern was closed on " + open.closedAt() + " by "
                        + open.closedByName() + "; it is closed already");
            }
            if (entries(connection, caseId).stream().noneMatch(e -> e.kind() == CaseEntryKind.LESSONS)) {
                throw new IllegalStateException("A concern closes only once its lessons learnt are recorded: add a "
                        + "\"Lessons learnt\" entry (what was learnt, and any policy or curriculum change), then "
                        + "close it");
            }
            try (PreparedStatement update = connection.prepareStatement("UPDATE cases SET state = ?, closed_at = ?, "
                    + "closed_by_id = ?, closed_by_name = ? WHERE id = ? AND state = ?")) {
                update.setString(1, CaseState.CLOSED.id());
                Millis.set(update, 2, now);
                update.setString(3, by.id());
                update.setString(4, by.name());
                update.setString(5, caseId);
                update.setString(6, CaseState.OPEN.id());
                if (update.executeUpdate() == 0) {
                    throw new IllegalStateException("Someone else closed this concern at the same moment");
                }
            }
            audit.append(connection, by, "case.close", target(caseId), "closed", open.settingId(),
                    open.accountKind() == AccountKind.STAFF);
            return Optional.of(new CaseSummary(open.id(), open.settingId(), open.title(), open.account(),
                    open.accountKind(), CaseState.CLOSED, open.openedAt(), open.openedByName(), now, by.name()));
        });
    }

    /**
     * Links a quarantine item the person may see to the concern. Empty when there is no such case for the person;
     * IllegalArgumentException when the item is not theirs to see, is about the other kind of account, or is
     * linked already.
     */
    public Optional<CaseItem> linkItem(Person by, String caseId, String itemId) {
        String item = text(itemId, "quarantine item id", 36, true);
        Instant now = clock.instant();
        return database.transaction(connection -> {
            Optional<CaseSummary> found = find(connection, by, caseId);
            if (found.isEmpty()) {
                refused(connection, by, "case.link-item", caseId);
                return Optional.<CaseItem>empty();
            }
            CaseSummary summary = found.get();
            QuarantineSummary quarantined = QuarantineItems.find(connection, by, item)
                    .orElseThrow(() -> new IllegalArgumentException("There is no quarantine item " + item + " for "
                            + "you; copy its id from the quarantine list"));
            if (quarantined.accountKind() != summary.accountKind()) {
                throw new IllegalArgumentException("Quarantine item " + item + " is about "
                        + kindWords(quarantined.accountKind()) + " and this concern about "
                        + kindWords(summary.accountKind()) + "; link it to a concern about "
                        + kindWords(quarantined.accountKind()));
            }
            if (linkedItems(connection, caseId).stream().anyMatch(linked -> linked.itemId().equals(item))) {
                throw new IllegalArgumentException("Quarantine item " + item + " is linked to this concern already");
            }
            try (PreparedStatement link = connection.prepareStatement("INSERT INTO case_quarantine_items (case_id, "
                    + "item_id, linked_at, linked_by_id, linked_by_name) VALUES (?, ?, ?, ?, ?)")) {
                link.setString(1, caseId);
                link.setString(2, item);
                Millis.set(link, 3, now);
                link.setString(4, by.id());
                link.setString(5, by.name());
                link.executeUpdate();
            }
            audit.append(connection, by, "case.link-item", target(caseId), QuarantineItems.target(item),
                    summary.settingId(), summary.accountKind() == AccountKind.STAFF);
            return Optional.of(new CaseItem(item, quarantined.hostname(), quarantined.facts().path(),
                    quarantined.state(), now, by.name()));
        });
    }

    private String insertCase(Connection connection, Person by, String title, AccountKind kind, String account)
            throws SQLException {
        String id = UUID.randomUUID().toString();
        insertCase(connection, by, id, title, kind, account, by.settingId());
        return id;
    }

    private void insertCase(Connection connection, Person by, String id, String title, AccountKind kind,
                            String account, String settingId) throws SQLException {
        try (PreparedStatement insert = connection.prepareStatement("INSERT INTO cases (id, setting_id, title, "
                + "account, account_key, account_kind, state, opened_at, opened_by_id, opened_by_name) "
                + "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
            insert.setString(1, id);
            insert.setString(2, settingId);
            insert.setString(3, title);
            insert.setString(4, account);
            insert.setString(5, Person.accountKey(account));
            insert.setString(6, VisibleTo.kindId(kind));
            insert.setString(7, CaseState.OPEN.id());
            Millis.set(insert, 8, clock.instant());
            insert.setString(9, by.id());
            insert.setString(10, by.name());
            insert.executeUpdate();
        }
    }

    private static Optional<CaseSummary> find(Connection connection, Person reader, String caseId)
            throws SQLException {
        Conditions where = new Conditions();
        VisibleTo.restrict(where, "c", reader, false);
        where.and("c.id = ?", caseId);
        try (PreparedStatement select = connection.prepareStatement("SELECT c.* FROM cases c" + where.where())) {
            where.bind(select, 1);
            try (ResultSet row = select.executeQuery()) {
                return row.next() ? Optional.of(summary(row)) : Optional.empty();
            }
        }
    }

    private void refused(Connection connection, Person reader, String action, String caseId) throws SQLException {
        audit.append(connection, reader, action, target(caseId), "refused: no such concern for this person",
                reader.settingId(), false);
    }

    private static List<CaseFlag> linkedFlags(Connection connection, String caseId) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement("SELECT f.id, f.severity_rank, f.host, f.visit, "
                + "f.visited_at, f.state, l.linked_at, l.linked_by_name FROM case_flags l JOIN flags f "
                + "ON f.id = l.flag_id WHERE l.case_id = ? ORDER BY f.visited_at, f.id")) {
            select.setString(1, caseId);
            try (ResultSet row = select.executeQuery()) {
                List<CaseFlag> linked = new ArrayList<>();
                while (row.next()) {
                    linked.add(new CaseFlag(row.getString("id"), Severity.values()[row.getInt("severity_rank") - 1],
                            row.getString("host"), JsonText.read(row.getString("visit"),
                            org.nestguard.protocol.monitoring.Visit.class).account(), Millis.get(row, "visited_at"),
                            FlagState.parse(row.getString("state")), Millis.get(row, "linked_at"),
                            row.getString("linked_by_name")));
                }
                return linked;
            }
        }
    }

    private static List<CaseItem> linkedItems(Connection connection, String caseId) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement("SELECT q.id, d.hostname, q.path, q.state, "
                + "l.linked_at, l.linked_by_name FROM case_quarantine_items l JOIN quarantine_items q "
                + "ON q.id = l.item_id LEFT JOIN devices d ON d.id = q.device_id WHERE l.case_id = ? "
                + "ORDER BY l.linked_at, q.id")) {
            select.setString(1, caseId);
            try (ResultSet row = select.executeQuery()) {
                List<CaseItem> linked = new ArrayList<>();
                while (row.next()) {
                    linked.add(new CaseItem(row.getString("id"), row.getString("hostname"), row.getString("path"),
                            QuarantineItemState.parse(row.getString("state")), Millis.get(row, "linked_at"),
                            row.getString("linked_by_name")));
                }
                return linked;
            }
        }
    }

    private static List<CaseEntry> entries(Connection connection, String caseId) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement(
                "SELECT * FROM case_entries WHERE case_id = ? ORDER BY seq")) {
            select.setString(1, caseId);
            try (ResultSet row = select.executeQuery()) {
                List<CaseEntry> entries = new ArrayList<>();
                while (row.next()) {
                    entries.add(new CaseEntry(row.getString("id"), caseId, row.getInt("seq"),
                            CaseEntryKind.parse(row.getString("kind")),
                            Millis.get(row, "occurred_at"), Millis.get(row, "recorded_at"), row.getString("by_id"),
                            row.getString("by_name"), row.getString("party"), row.getString("detail"),
                            row.getString("reference"), row.getString("corrects_id")));
                }
                return entries;
            }
        }
    }

    private static CaseSummary summary(ResultSet row) throws SQLException {
        return new CaseSummary(row.getString("id"), row.getString("setting_id"), row.getString("title"),
                row.getString("account"), VisibleTo.kind(row.getString("account_kind")),
                CaseState.parse(row.getString("state")), Millis.get(row, "opened_at"),
                row.getString("opened_by_name"), Millis.get(row, "closed_at"), row.getString("closed_by_name"));
    }

    private static String defaultTitle(FlagSummary flag) {
        String categories = flag.categories().isEmpty() ? "Flagged visit" : String.join(", ", flag.categories());
        String title = categories + ": " + flag.visit().account();
        return title.length() > MAX_TITLE ? title.substring(0, MAX_TITLE) : title;
    }

    private static String kindWords(AccountKind kind) {
        return kind == AccountKind.STAFF ? "a member of staff" : "a learner";
    }

    /** The audit log's name for a case. */
    static String target(String caseId) {
        return "case " + caseId;
    }

    // a form field stripped; null when blank and optional; a refusal naming it when required and blank, or too long
    private static String text(String value, String what, int max, boolean required) {
        if (value == null || value.isBlank()) {
            if (required) {
                throw new IllegalArgumentException(what + " is required: fill it in");
            }
            return null;
        }
        String stripped = value.strip();
        if (stripped.length() > max) {
            throw new IllegalArgumentException(what + " is " + stripped.length() + " characters; at most " + max
                    + " are kept: shorten it");
        }
        return stripped;
    }
}
