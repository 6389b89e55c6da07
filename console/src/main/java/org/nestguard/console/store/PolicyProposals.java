package org.nestguard.console.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.nestguard.console.auth.Person;

/**
 * Proposed policy changes and their decisions (§7.3.1: all changes to the filtering policy are logged and
 * recorded). A proposal names the version it was made against; approving it is refused to its proposer and once
 * the setting has moved past that version. Every proposal and decision is audited in its own transaction. The YAML
 * is validated by the caller, as for {@link Settings#storePolicy}.
 */
public final class PolicyProposals {
    static final int MAX_TEXT = 4000;
    static final int MAX_YAML = 1_000_000;

    private final Database database;
    private final Clock clock;
    private final AuditLog audit;

    public PolicyProposals(Database database, Clock clock, AuditLog audit) {
        this.database = database;
        this.clock = clock;
        this.audit = audit;
    }

    /** Stores a waiting proposal of this YAML for the setting, made against {@code baseVersion}; audited. */
    public PolicyProposal propose(Person by, String settingId, int baseVersion, String yaml, String reason) {
        RequiredText.check(yaml, "proposed policy YAML");
        if (yaml.length() > MAX_YAML) {
            throw new IllegalArgumentException("The proposed policy is " + yaml.length() + " characters; at most "
                    + MAX_YAML + " are kept");
        }
        String why = Holds.text(reason, "reason", "say why the policy should change");
        Instant now = clock.instant();
        String id = UUID.randomUUID().toString();
        return database.transaction(connection -> {
            try (PreparedStatement insert = connection.prepareStatement("INSERT INTO policy_proposals (id, "
                    + "setting_id, base_version, yaml, reason, proposer_id, proposer_name, proposed_at, state) "
                    + "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
                insert.setString(1, id);
                insert.setString(2, settingId);
                insert.setInt(3, baseVersion);
                insert.setString(4, yaml);
                insert.setString(5, why);
                insert.setString(6, by.id());
                insert.setString(7, by.name());
                Millis.set(insert, 8, now);
                insert.setString(9, ProposalState.WAITING.id());
                insert.executeUpdate();
            }
            audit.append(connection, by, "policy.propose", target(id), "against version " + baseVersion
                    + "; sha256 " + Sha256.hex(yaml), settingId, false);
            return find(connection, id).orElseThrow();
        });
    }

    /** The proposal with this id, if there is one. */
    public Optional<PolicyProposal> find(String id) {
        return database.read(connection -> find(connection, id));
    }

    /** The setting's proposals, newest first, waiting ones and decided ones alike (at most {@code limit}). */
    public List<PolicyProposal> list(String settingId, int limit) {
        return database.read(connection -> {
            try (PreparedStatement select = connection.prepareStatement("SELECT * FROM policy_proposals "
                    + "WHERE setting_id = ? ORDER BY proposed_at DESC, id DESC LIMIT ?")) {
                select.setString(1, settingId);
                select.setInt(2, limit);
                return proposals(select);
            }
        });
    }

    /** The approved proposals of the setting by the version each published, for the version history. */
    public Map<Integer, PolicyProposal> approvalsByVersion(String settingId) {
        return database.read(connection -> {
            try (PreparedStatement select = connection.prepareStatement("SELECT * FROM policy_proposals "
                    + "WHERE setting_id = ? AND published_version IS NOT NULL")) {
                select.setString(1, settingId);
                Map<Integer, PolicyProposal> byVersion = new LinkedHashMap<>();
                proposals(select).forEach(proposal -> byVersion.put(proposal.publishedVersion(), proposal));
                return byVersion;
            }
        });
    }

    /**
     * Marks the proposal approved by {@code by}, before it is published. IllegalStateException (saying what to do)
     * when it is not waiting, when {@code by} proposed it, or when the setting's policy is no longer the version it
     * was made against; empty when there is no such proposal in the setting.
     */
    public Optional<PolicyProposal> approve(Person by, String settingId, String id, String note) {
        String kept = optionalText(note);
        Instant now = clock.instant();
        return database.transaction(connection -> {
            Optional<PolicyProposal> found = find(connection, id).filter(p -> p.settingId().equals(settingId));
            if (found.isEmpty()) {
                return Optional.empty();
            }
            PolicyProposal proposal = found.get();
            requireWaiting(proposal);
            if (proposal.proposerId().equals(by.id())) {
                throw new IllegalStateException("You proposed this change, so you cannot approve it: another DSL, "
                        + "deputy DSL, manager or headteacher of the setting must approve it");
            }
            int current = currentVersion(connection, settingId);
            if (current != proposal.baseVersion()) {
                throw new IllegalStateException("This proposal was made against policy version "
                        + proposal.baseVersion() + ", but the setting's policy is now version " + current + ". It "
                        + "cannot be approved as it stands: reject it, and propose the change again against "
                        + "version " + current);
            }
            decide(connection, by, proposal, ProposalState.APPROVED, kept, now);
            audit.append(connection, by, "policy.approve", target(id), "approved against version " + current,
                    settingId, false);
            return find(connection, id);
        });
    }

    /** Records the version an approval published. */
    public void published(String id, int version) {
        database.transaction(connection -> {
            try (PreparedStatement update = connection.prepareStatement(
                    "UPDATE policy_proposals SET published_version = ? WHERE id = ?")) {
                update.setInt(1, version);
                update.setString(2, id);
                update.executeUpdate();
            }
            return null;
        });
    }

    /** Puts an approved proposal back to waiting when publishing it failed, saying why in the audit log. */
    public void approvalFailed(Person by, String id, String why) {
        database.transaction(connection -> {
            try (PreparedStatement update = connection.prepareStatement("UPDATE policy_proposals SET state = ?, "
                    + "decided_by_id = NULL, decided_by_name = NULL, decided_at = NULL, decision_note = NULL "
                    + "WHERE id = ? AND published_version IS NULL")) {
                update.setString(1, ProposalState.WAITING.id());
                update.setString(2, id);
                update.executeUpdate();
            }
            PolicyProposal proposal = find(connection, id).orElseThrow();
            audit.append(connection, by, "policy.approve", target(id), "publishing failed, proposal waits again: "
                    + why, proposal.settingId(), false);
            return null;
        });
    }

    /** Rejects a waiting proposal with a note saying why (IllegalArgumentException without one); audited. */
    public Optional<PolicyProposal> reject(Person by, String settingId, String id, String note) {
        String why = Holds.text(note, "note", "say why the change is rejected, so the proposer can act on it");
        Instant now = clock.instant();
        return database.transaction(connection -> {
            Optional<PolicyProposal> found = find(connection, id).filter(p -> p.settingId().equals(settingId));
            if (found.isEmpty()) {
                return Optional.empty();
            }
            requireWaiting(found.get());
            decide(connection, by, found.get(), ProposalState.REJECTED, why, now);
            audit.append(connection, by, "policy.reject", target(id), "rejected", settingId, false);
            return find(connection, id);
        });
    }

    static String target(String id) {
        return "policy proposal " + id;
    }

    private static void requireWaiting(PolicyProposal proposal) {
        if (!proposal.waiting()) {
            throw new IllegalStateException("This proposal was already " + proposal.state().id() + " by "
                    + proposal.decidedByName() + " at " + proposal.decidedAt() + "; nothing was changed");
        }
    }

    private static void decide(Connection connection, Person by, PolicyProposal proposal, ProposalState state,
                               String note, Instant now) throws SQLException {
        try (PreparedStatement update = connection.prepareStatement("UPDATE policy_proposals SET state = ?, "
                + "decided_by_id = ?, decided_by_name = ?, decided_at = ?, decision_note = ? WHERE id = ? "
                + "AND state = ?")) {
            update.setString(1, state.id());
            update.setString(2, by.id());
            update.setString(3, by.name());
            Millis.set(update, 4, now);
            update.setString(5, note);
            update.setString(6, proposal.id());
            update.setString(7, ProposalState.WAITING.id());
            if (update.executeUpdate() != 1) {
                throw new IllegalStateException("This proposal was decided by someone else at the same moment; "
                        + "read it again");
            }
        }
    }

    private static int currentVersion(Connection connection, String settingId) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement(
                "SELECT policy_version FROM settings WHERE id = ?")) {
            select.setString(1, settingId);
            try (ResultSet row = select.executeQuery()) {
                if (!row.next()) {
                    throw new IllegalStateException("The setting '" + settingId + "' no longer exists");
                }
                return row.getInt(1);
            }
        }
    }

    private static String optionalText(String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        if (text.length() > MAX_TEXT) {
            throw new IllegalArgumentException("note is " + text.length() + " characters; at most " + MAX_TEXT
                    + " are kept");
        }
        return text.strip();
    }

    private static Optional<PolicyProposal> find(Connection connection, String id) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement("SELECT * FROM policy_proposals WHERE id = ?")) {
            select.setString(1, id);
            List<PolicyProposal> found = proposals(select);
            return found.stream().findFirst();
        }
    }

    private static List<PolicyProposal> proposals(PreparedStatement select) throws SQLException {
        List<PolicyProposal> proposals = new ArrayList<>();
        try (ResultSet row = select.executeQuery()) {
            while (row.next()) {
                int published = row.getInt("published_version");
                Integer publishedVersion = row.wasNull() ? null : published;
                proposals.add(new PolicyProposal(row.getString("id"), row.getString("setting_id"),
                        row.getInt("base_version"), row.getString("yaml"), row.getString("reason"),
                        row.getString("proposer_id"), row.getString("proposer_name"),
                        Millis.get(row, "proposed_at"), ProposalState.parse(row.getString("state")),
                        row.getString("decided_by_id"), row.getString("decided_by_name"),
                        Millis.get(row, "decided_at"), row.getString("decision_note"), publishedVersion));
            }
        }
        return proposals;
    }
}
