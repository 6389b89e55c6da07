package org.nestguard.console.store;

import com.fasterxml.jackson.databind.JsonNode;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;
import org.nestguard.protocol.files.FileCommands;
import org.nestguard.protocol.wire.DeviceFacts;
import org.nestguard.protocol.wire.NetworkLocation;

/** Devices, their MAC addresses and certificate serials: enrolment that recognises re-imaged devices, revocation. */
public final class Devices {
    private final Database database;
    private final Clock clock;

    public Devices(Database database, Clock clock) {
        this.database = database;
        this.clock = clock;
    }

    /**
     * Records an enrolment with a newly issued certificate. A device whose hardware identity is already known
     * keeps its id: its facts are refreshed, its enrolment count goes up (its new agent numbers events from 1
     * again) and its earlier certificates are revoked, since only the newest key is on the device.
     */
    public DeviceEnrolment enrol(String settingId, DeviceFacts facts, String certificateSerial) {
        RequiredText.check(certificateSerial, "certificate serial");
        return enrol(settingId, facts, deviceId -> certificateSerial);
    }

    /**
     * {@link #enrol(String, DeviceFacts, String)} for a certificate that names the device: {@code certify} is
     * given the device's id (new, or the recognised one) inside the transaction, issues the certificate and
     * returns its serial. It may run more than once if the transaction is retried; the last serial is recorded.
     */
    public DeviceEnrolment enrol(String settingId, DeviceFacts facts, Function<String, String> certify) {
        HardwareIdentity identity = HardwareIdentity.of(facts);
        Instant now = clock.instant();
        return database.transaction(connection -> {
            // the no-op UPDATE locks the setting's row: two enrolments of one new device at once cannot both
            // miss each other and make two rows (PostgreSQL; SQLite's IMMEDIATE transactions already take turns)
            try (PreparedStatement lock = connection.prepareStatement("UPDATE settings SET id = id WHERE id = ?")) {
                lock.setString(1, settingId);
                if (lock.executeUpdate() == 0) {
                    throw Settings.unknownSetting(settingId);
                }
            }
            Optional<String> known = recognise(connection, identity);
            DeviceEnrolment enrolment;
            if (known.isPresent()) {
                String id = known.get();
                Holds.refuseIfHeld(connection, id, "enrolling the same hardware again");
                try (PreparedStatement update = connection.prepareStatement("UPDATE devices SET setting_id = ?, "
                        + "hostname = ?, os_family = ?, os_name = ?, os_version = ?, manufacturer = ?, model = ?, "
                        + "serial_number = ?, hardware_uuid = ?, enrolled_at = ?, enrolment = enrolment + 1, "
                        + "events_through = 0 WHERE id = ? RETURNING enrolment")) {
                    int i = bindFacts(update, 1, settingId, facts, identity);
                    Millis.set(update, i++, now);
                    update.setString(i, id);
                    try (ResultSet row = update.executeQuery()) {
                        row.next();
                        enrolment = new DeviceEnrolment(id, row.getInt(1), true);
                    }
                }
                revokeAll(connection, id, now);
                try (PreparedStatement follow = connection.prepareStatement(
                        "UPDATE latest_results SET setting_id = ? WHERE device_id = ?")) {
                    // its results are counted where the device now is
                    follow.setString(1, settingId);
                    follow.setString(2, id);
                    follow.executeUpdate();
                }
                try (PreparedStatement forget = connection.prepareStatement(
                        "DELETE FROM device_macs WHERE device_id = ?")) {
                    forget.setString(1, id);
                    forget.executeUpdate();
                }
            } else {
                String id = UUID.randomUUID().toString();
                try (PreparedStatement insert = connection.prepareStatement("INSERT INTO devices (setting_id, "
                        + "hostname, os_family, os_name, os_version, manufacturer, model, serial_number, "
                        + "hardware_uuid, enrolled_at, enrolment, id) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 1, ?)")) {
                    int i = bindFacts(insert, 1, settingId, facts, identity);
                    Millis.set(insert, i++, now);
                    insert.setString(i, id);
                    insert.executeUpdate();
                }
                enrolment = new DeviceEnrolment(id, 1, false);
            }
            for (String mac : identity.macAddresses()) {
                try (PreparedStatement insert = connection.prepareStatement(
                        "INSERT INTO device_macs (mac, device_id) VALUES (?, ?)")) {
                    insert.setString(1, mac);
                    insert.setString(2, enrolment.deviceId());
                    insert.executeUpdate();
                }
            }
            String certificateSerial = certify.apply(enrolment.deviceId());
            RequiredText.check(certificateSerial, "certificate serial");
            try (PreparedStatement insert = connection.prepareStatement(
                    "INSERT INTO device_certificates (serial, device_id, issued_at) VALUES (?, ?, ?)")) {
                insert.setString(1, certificateSerial);
                insert.setString(2, enrolment.deviceId());
                Millis.set(insert, 3, now);
                insert.executeUpdate();
            }
            return enrolment;
        });
    }

    /**
     * The enrolled device these facts' hardware identity matches, if any, so an enrolment a hold forbids can be
     * refused before a token use is spent.
     */
    public Optional<String> recognise(DeviceFacts facts) {
        HardwareIdentity identity = HardwareIdentity.of(facts);
        return database.read(connection -> recognise(connection, identity));
    }

    /** Notes the evidence key the device was given (at enrolment or by an evidence-key command). */
    public void evidenceKeySent(String deviceId, String fingerprint) {
        database.transaction(connection -> {
            try (PreparedStatement update = connection.prepareStatement(
                    "UPDATE devices SET evidence_key_fingerprint = ? WHERE id = ?")) {
                update.setString(1, fingerprint);
                update.setString(2, deviceId);
                return update.executeUpdate();
            }
        });
    }

    /**
     * Queues an evidence-key command, once, for every device not yet given the key with this fingerprint (enrolled
     * before the key existed or before it changed); returns how many were queued.
     */
    public int sendEvidenceKey(String fingerprint, JsonNode payload) {
        Instant now = clock.instant();
        return database.transaction(connection -> {
            List<String> stale = new ArrayList<>();
            try (PreparedStatement select = connection.prepareStatement("SELECT id FROM devices "
                    + "WHERE evidence_key_fingerprint IS NULL OR evidence_key_fingerprint <> ? ORDER BY id")) {
                select.setString(1, fingerprint);
                try (ResultSet row = select.executeQuery()) {
                    while (row.next()) {
                        stale.add(row.getString(1));
                    }
                }
            }
            for (String deviceId : stale) {
                Commands.enqueue(connection, deviceId, FileCommands.EVIDENCE_KEY, payload, now);
                try (PreparedStatement update = connection.prepareStatement(
                        "UPDATE devices SET evidence_key_fingerprint = ? WHERE id = ?")) {
                    update.setString(1, fingerprint);
                    update.setString(2, deviceId);
                    update.executeUpdate();
                }
            }
            return stale.size();
        });
    }

    private static Optional<String> recognise(Connection connection, HardwareIdentity identity) throws SQLException {
        if (identity.hasFirmwareIdentity()) {
            // both parts must agree; an absent part matches only an absent part
            String sql = "SELECT id FROM devices WHERE "
                    + (identity.serialNumber() == null ? "serial_number IS NULL" : "serial_number = ?") + " AND "
                    + (identity.hardwareUuid() == null ? "hardware_uuid IS NULL" : "hardware_uuid = ?");
            try (PreparedStatement query = connection.prepareStatement(sql)) {
                int i = 1;
                if (identity.serialNumber() != null) {
                    query.setString(i++, identity.serialNumber());
                }
                if (identity.hardwareUuid() != null) {
                    query.setString(i, identity.hardwareUuid());
                }
                return firstId(query);
            }
        }
        // MACs only vouch for devices that had no firmware identity either: a USB network adapter moved from a
        // laptop with a serial number must not make another laptop its twin
        for (String mac : identity.macAddresses()) {
            try (PreparedStatement query = connection.prepareStatement("SELECT d.id FROM devices d "
                    + "JOIN device_macs m ON m.device_id = d.id WHERE m.mac = ? "
                    + "AND d.serial_number IS NULL AND d.hardware_uuid IS NULL ORDER BY d.enrolled_at DESC")) {
                query.setString(1, mac);
                Optional<String> id = firstId(query);
                if (id.isPresent()) {
                    return id;
                }
            }
        }
        return Optional.empty();
    }

    private static Optional<String> firstId(PreparedStatement query) throws SQLException {
        try (ResultSet row = query.executeQuery()) {
            return row.next() ? Optional.of(row.getString(1)) : Optional.empty();
        }
    }

    private static int bindFacts(PreparedStatement statement, int first, String settingId, DeviceFacts facts,
                                 HardwareIdentity identity) throws SQLException {
        int i = first;
        statement.setString(i++, settingId);
        statement.setString(i++, facts.hostname());
        statement.setString(i++, facts.osFamily());
        statement.setString(i++, facts.osName());
        statement.setString(i++, facts.osVersion());
        statement.setString(i++, facts.manufacturer());
        statement.setString(i++, facts.model());
        statement.setString(i++, identity.serialNumber());
        statement.setString(i++, identity.hardwareUuid());
        return i;
    }

    /** Notes a check-in: now is the device's last-seen time, with the address it came from and its network. */
    public void recordCheckIn(String deviceId, String address, NetworkLocation location) {
        Instant now = clock.instant();
        database.transaction(connection -> {
            try (PreparedStatement update = connection.prepareStatement(
                    "UPDATE devices SET last_seen_at = ?, last_address = ?, location = ? WHERE id = ?")) {
                Millis.set(update, 1, now);
                update.setString(2, address);
                update.setString(3, location == null ? null : JsonText.write(location));
                update.setString(4, deviceId);
                if (update.executeUpdate() == 0) {
                    throw unknownDevice(deviceId);
                }
            }
            return null;
        });
    }

    /** The device with this id, if enrolled. */
    public Optional<Device> find(String deviceId) {
        return database.read(connection -> {
            List<Device> found = devices(connection, "WHERE d.id = ?", deviceId);
            return found.stream().findFirst();
        });
    }

    /** Every enrolled device, by hostname. */
    public List<Device> list() {
        return database.read(connection -> devices(connection, "", List.of()));
    }

    /** The setting's devices, by hostname: one query, however many there are. */
    public List<Device> inSetting(String settingId) {
        return database.read(connection -> devices(connection, "WHERE d.setting_id = ?", settingId));
    }

    /** Devices with no check-in for at least this long (those that never checked in count from enrolment). */
    public List<Device> notSeenFor(Duration age) {
        long cutoff = clock.instant().minus(age).toEpochMilli();
        return database.read(connection -> devices(connection,
                "WHERE COALESCE(d.last_seen_at, d.enrolled_at) <= " + cutoff, List.of()));
    }

    /**
     * The setting's devices, by hostname, narrowed by the store where it can: failing a control (latest result
     * FAIL), no check-in since a moment, an operating system's exact name. Null means any.
     */
    public List<Device> inSettingWhere(String settingId, String failingControlOrNull, Instant notSeenSinceOrNull,
                                       String osNameOrNull) {
        StringBuilder where = new StringBuilder("WHERE d.setting_id = ?");
        List<String> parameters = new ArrayList<>(List.of(settingId));
        if (failingControlOrNull != null) {
            where.append(" AND EXISTS (SELECT 1 FROM latest_results r WHERE r.device_id = d.id AND r.control = ? "
                    + "AND r.status = 'FAIL')");
            parameters.add(failingControlOrNull);
        }
        if (notSeenSinceOrNull != null) {
            where.append(" AND COALESCE(d.last_seen_at, d.enrolled_at) <= ").append(notSeenSinceOrNull.toEpochMilli());
        }
        if (osNameOrNull != null) {
            where.append(" AND d.os_name = ?");
            parameters.add(osNameOrNull);
        }
        return database.read(connection -> devices(connection, where.toString(), parameters));
    }

    /** The operating systems' names the setting's devices report, sorted. */
    public List<String> operatingSystems(String settingId) {
        return database.read(connection -> {
            try (PreparedStatement query = connection.prepareStatement("SELECT DISTINCT os_name FROM devices "
                    + "WHERE setting_id = ? AND os_name IS NOT NULL")) {
                query.setString(1, settingId);
                try (ResultSet rows = query.executeQuery()) {
                    List<String> names = new ArrayList<>();
                    while (rows.next()) {
                        names.add(rows.getString(1));
                    }
                    names.sort(null);
                    return names;
                }
            }
        });
    }

    /** How many devices the setting has. */
    public int countInSetting(String settingId) {
        return database.read(connection -> {
            try (PreparedStatement query = connection.prepareStatement(
                    "SELECT COUNT(*) FROM devices WHERE setting_id = ?")) {
                query.setString(1, settingId);
                try (ResultSet rows = query.executeQuery()) {
                    rows.next();
                    return rows.getInt(1);
                }
            }
        });
    }

    /** The devices with these ids (unknown ids are left out), in no particular order. */
    public List<Device> withIds(Collection<String> ids) {
        return database.read(connection -> {
            List<Device> found = new ArrayList<>();
            for (List<String> slice : InList.slices(ids)) {
                found.addAll(devices(connection, "WHERE d.id IN (" + InList.placeholders(slice.size()) + ")",
                        slice));
            }
            return found;
        });
    }

    /**
     * The setting's devices that have checked in and whose latest result for the control is not PASS (no result
     * included), each with that status, by hostname: the candidates for an alert about the control, read without
     * the devices that pass it.
     */
    public List<DeviceControlStatus> seenWithoutPass(String settingId, String control) {
        return database.read(connection -> {
            try (PreparedStatement query = connection.prepareStatement("SELECT d.*, "
                    + "(SELECT STRING_AGG(m.mac, ',') FROM device_macs m WHERE m.device_id = d.id) AS macs, "
                    + "r.device_id AS reported, r.status AS control_status FROM devices d "
                    + "LEFT JOIN latest_results r ON r.device_id = d.id AND r.control = ? "
                    + "WHERE d.setting_id = ? AND d.last_seen_at IS NOT NULL "
                    + "AND (r.device_id IS NULL OR r.status IS NULL OR r.status <> 'PASS') "
                    + "ORDER BY d.hostname, d.id")) {
                query.setString(1, control);
                query.setString(2, settingId);
                try (ResultSet rows = query.executeQuery()) {
                    List<DeviceControlStatus> found = new ArrayList<>();
                    while (rows.next()) {
                        String status = rows.getString("control_status");
                        found.add(new DeviceControlStatus(device(rows), rows.getString("reported") == null ? null
                                : status == null ? DeviceControlStatus.NO_STATUS : status));
                    }
                    return found;
                }
            }
        });
    }

    private static List<Device> devices(Connection connection, String where, String parameter) throws SQLException {
        return devices(connection, where, List.of(parameter));
    }

    private static List<Device> devices(Connection connection, String where, List<String> parameters)
            throws SQLException {
        try (PreparedStatement query = connection.prepareStatement("SELECT d.*, "
                + "(SELECT STRING_AGG(m.mac, ',') FROM device_macs m WHERE m.device_id = d.id) AS macs "
                + "FROM devices d " + where + " ORDER BY d.hostname, d.id")) {
            InList.bind(query, 1, parameters);
            try (ResultSet rows = query.executeQuery()) {
                List<Device> devices = new ArrayList<>();
                while (rows.next()) {
                    devices.add(device(rows));
                }
                return devices;
            }
        }
    }

    private static Device device(ResultSet row) throws SQLException {
        String macs = row.getString("macs");
        List<String> macList = macs == null ? List.of() : List.of(macs.split(","));
        DeviceFacts facts = new DeviceFacts(row.getString("hostname"), row.getString("os_family"),
                row.getString("os_name"), row.getString("os_version"), row.getString("manufacturer"),
                row.getString("model"), row.getString("serial_number"), row.getString("hardware_uuid"),
                macList.stream().sorted().toList());
        return new Device(row.getString("id"), row.getString("setting_id"), facts, Millis.get(row, "enrolled_at"),
                row.getInt("enrolment"), Millis.get(row, "last_seen_at"), row.getString("last_address"),
                JsonText.read(row.getString("location"), NetworkLocation.class));
    }

    /** Every certificate serial issued to the device, oldest first. */
    public List<DeviceCertificate> certificates(String deviceId) {
        return database.read(connection -> {
            try (PreparedStatement query = connection.prepareStatement(
                    "SELECT * FROM device_certificates WHERE device_id = ? ORDER BY issued_at, serial")) {
                query.setString(1, deviceId);
                try (ResultSet rows = query.executeQuery()) {
                    List<DeviceCertificate> certificates = new ArrayList<>();
                    while (rows.next()) {
                        certificates.add(new DeviceCertificate(rows.getString("serial"), rows.getString("device_id"),
                                Millis.get(rows, "issued_at"), Millis.get(rows, "revoked_at")));
                    }
                    return certificates;
                }
            }
        });
    }

    /**
     * Revokes every certificate of the device and returns how many were still valid; {@link DeviceOnHoldException}
     * while the device is on hold.
     */
    public int revoke(String deviceId) {
        Instant now = clock.instant();
        return database.transaction(connection -> revoke(connection, deviceId, now));
    }

    /** {@link #revoke(String)} inside the caller's transaction, so an audit row can commit with it. */
    static int revoke(Connection connection, String deviceId, Instant now) throws SQLException {
        if (devices(connection, "WHERE d.id = ?", deviceId).isEmpty()) {
            throw unknownDevice(deviceId);
        }
        Holds.refuseIfHeld(connection, deviceId, "revoking it");
        return revokeAll(connection, deviceId, now);
    }

    private static int revokeAll(Connection connection, String deviceId, Instant now) throws SQLException {
        try (PreparedStatement update = connection.prepareStatement("UPDATE device_certificates SET revoked_at = ? "
                + "WHERE device_id = ? AND revoked_at IS NULL")) {
            Millis.set(update, 1, now);
            update.setString(2, deviceId);
            return update.executeUpdate();
        }
    }

    /**
     * True when the serial is revoked, and also when this console never recorded it: a certificate it cannot
     * vouch for is refused rather than trusted.
     */
    public boolean isRevoked(String serial) {
        return deviceFor(serial).isEmpty();
    }

    /** The device a valid (recorded, unrevoked) certificate serial belongs to. */
    public Optional<String> deviceFor(String serial) {
        return database.read(connection -> {
            try (PreparedStatement query = connection.prepareStatement(
                    "SELECT device_id FROM device_certificates WHERE serial = ? AND revoked_at IS NULL")) {
                query.setString(1, serial);
                return firstId(query);
            }
        });
    }

    static StoreException unknownDevice(String deviceId) {
        return new StoreException("There is no device with id '" + deviceId + "': it may never have enrolled, "
                + "or the id is mistyped; list the devices to find it");
    }
}
