package org.nestguard.console.store;

import com.fasterxml.jackson.databind.JsonNode;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The OS accounts on a setting's devices, from the evidence of the agent's {@value #ACCOUNTS} and
 * {@value #LEARNER_ACCOUNTS} check results: each result names every account it judged ("account NAME",
 * "learner account NAME") and says whether it is an administrator. The latest result per device and control
 * says who is there now; every result says when each was first and last reported.
 */
public final class DeviceAccounts {
    /** The agent's controls whose evidence names accounts. */
    static final String ACCOUNTS = "accounts";
    static final String LEARNER_ACCOUNTS = "learner-accounts";
    private static final String ACCOUNT_ITEM = "account ";
    private static final String LEARNER_ITEM = "learner account ";

    private final Database database;

    public DeviceAccounts(Database database) {
        this.database = database;
    }

    /** Every account reported on the setting's devices, by device host name and account. */
    public List<SeenAccount> of(String settingId) {
        return database.read(connection -> {
            Map<String, Tally> tallies = new LinkedHashMap<>();
            // the newest result per (device, control) so far: results come in the agent's order
            Map<String, Long> newestOrder = new HashMap<>();
            try (PreparedStatement select = connection.prepareStatement("SELECT e.device_id, d.hostname, e.control, "
                    + "e.enrolment, e.sequence, e.recorded_at, e.payload FROM events e JOIN devices d "
                    + "ON d.id = e.device_id WHERE d.setting_id = ? AND e.type = ? AND e.control IN (?, ?) "
                    + "ORDER BY e.device_id, e.enrolment, e.sequence")) {
                select.setString(1, settingId);
                select.setString(2, Events.CHECK_RESULT);
                select.setString(3, ACCOUNTS);
                select.setString(4, LEARNER_ACCOUNTS);
                try (ResultSet row = select.executeQuery()) {
                    long order = 0;
                    while (row.next()) {
                        order++;
                        String deviceId = row.getString(1);
                        String control = row.getString(3);
                        Instant at = Millis.get(row, "recorded_at");
                        newestOrder.put(deviceId + "\n" + control, order);
                        JsonNode evidence = JsonText.read(row.getString(7)).path("evidence");
                        // what this one result says of each account it names (several items may name one)
                        Map<String, Boolean> said = new LinkedHashMap<>();
                        Map<String, String> names = new HashMap<>();
                        for (JsonNode item : evidence) {
                            String name = accountName(item.path("item").asText(""));
                            if (name == null) {
                                continue;
                            }
                            String key = deviceId + "\n" + name.toLowerCase(java.util.Locale.ROOT);
                            names.putIfAbsent(key, name);
                            Boolean admin = administrator(control, item.path("value").asText(""));
                            Boolean before = said.get(key);
                            said.put(key, admin == null ? before : Boolean.valueOf(Boolean.TRUE.equals(before) || admin));
                        }
                        for (Map.Entry<String, Boolean> account : said.entrySet()) {
                            String hostname = row.getString(2);
                            Tally tally = tallies.computeIfAbsent(account.getKey(), key -> new Tally(deviceId,
                                    hostname, names.get(key), at));
                            tally.lastSeen = at;
                            tally.seenIn.put(control, order);
                            tally.adminByControl.put(control, account.getValue());
                        }
                    }
                }
            }
            List<SeenAccount> accounts = new ArrayList<>();
            for (Tally tally : tallies.values()) {
                boolean current = false;
                Boolean administrator = null;
                for (Map.Entry<String, Long> seen : tally.seenIn.entrySet()) {
                    current |= seen.getValue().equals(newestOrder.get(tally.deviceId + "\n" + seen.getKey()));
                    // what the newest result of each control that named the account said
                    Boolean said = tally.adminByControl.get(seen.getKey());
                    if (said != null) {
                        administrator = Boolean.TRUE.equals(administrator) || said;
                    }
                }
                accounts.add(new SeenAccount(tally.deviceId, tally.hostname, tally.name, administrator, current,
                        tally.firstSeen, tally.lastSeen));
            }
            accounts.sort(Comparator.comparing((SeenAccount a) -> a.hostname() == null ? "" : a.hostname())
                    .thenComparing(SeenAccount::deviceId).thenComparing(a -> a.account().toLowerCase(
                            java.util.Locale.ROOT)));
            return accounts;
        });
    }

    // "account jsmith" or "learner account pupil1"; other items (guest access, automatic logon) name no account
    private static String accountName(String item) {
        if (item.startsWith(LEARNER_ITEM)) {
            return item.substring(LEARNER_ITEM.length()).strip();
        }
        if (item.startsWith(ACCOUNT_ITEM)) {
            return item.substring(ACCOUNT_ITEM.length()).strip();
        }
        return null;
    }

    /**
     * What one evidence value says about administrator rights: the accounts check notes "last logon ...;
     * administrator" for administrators and only "last logon ..." otherwise; the learner check says "is an
     * administrator" or "not an administrator". Null when the value does not say.
     */
    private static Boolean administrator(String control, String value) {
        if (LEARNER_ACCOUNTS.equals(control)) {
            if (value.startsWith("not an administrator")) {
                return false;
            }
            return value.startsWith("is an administrator") ? true : null;
        }
        if (value.startsWith("last logon")) {
            return value.endsWith("; administrator");
        }
        return null;
    }

    /** What the results said about one account of one device so far. */
    private static final class Tally {
        final String deviceId;
        final String hostname;
        final String name;
        final Instant firstSeen;
        Instant lastSeen;
        // per control, the order of the newest result that named the account, and what it said about admin rights
        final Map<String, Long> seenIn = new HashMap<>();
        final Map<String, Boolean> adminByControl = new HashMap<>();

        Tally(String deviceId, String hostname, String name, Instant firstSeen) {
            this.deviceId = deviceId;
            this.hostname = hostname;
            this.name = name;
            this.firstSeen = firstSeen;
            this.lastSeen = firstSeen;
        }
    }
}
