package org.nestguard.console.store;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Clock;
import java.time.Duration;
import org.nestguard.console.auth.Person;

/**
 * The technical changes people make from the console's pages: an enrolment token, a device's revocation, a command
 * to a device. Each commits with its audit row, in one transaction, so none happens unrecorded.
 */
public final class TechnicalChanges {
    private final Database database;
    private final Clock clock;
    private final EnrolmentTokens tokens;
    private final AuditLog audit;

    public TechnicalChanges(Database database, Clock clock, EnrolmentTokens tokens, AuditLog audit) {
        this.database = database;
        this.clock = clock;
        this.tokens = tokens;
        this.audit = audit;
    }

    /** Makes an enrolment token for the setting (see {@link EnrolmentTokens#create}); the secret is not audited. */
    public IssuedToken createToken(Person by, String settingId, int uses, Duration validFor) {
        return database.transaction(connection -> {
            IssuedToken issued = tokens.insert(connection, settingId, uses, validFor);
            audit.append(connection, by, "token.create", "enrolment token " + issued.token().id(), "uses=" + uses
                    + "; expires=" + issued.token().expiresAt(), settingId, false);
            return issued;
        });
    }

    /** Revokes the device's certificates (see {@link Devices#revoke}); {@link DeviceOnHoldException} while held. */
    public int revoke(Person by, Device device) {
        return database.transaction(connection -> {
            int revoked = Devices.revoke(connection, device.id(), clock.instant());
            audit.append(connection, by, "device.revoke", "device " + device.id(), "certificates revoked="
                    + revoked, device.settingId(), false);
            return revoked;
        });
    }

    /** Queues a command for the device's next check-in. */
    public StoredCommand command(Person by, Device device, String type, JsonNode payload) {
        RequiredText.check(type, "command type");
        return database.transaction(connection -> {
            StoredCommand queued = Commands.enqueue(connection, device.id(), type, payload, clock.instant());
            audit.append(connection, by, "device.command", "device " + device.id(), "command " + queued.id()
                    + "; type=" + type, device.settingId(), false);
            return queued;
        });
    }
}
