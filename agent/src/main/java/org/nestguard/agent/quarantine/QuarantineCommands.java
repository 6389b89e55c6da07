package org.nestguard.agent.quarantine;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Path;
import java.security.PublicKey;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;
import javax.crypto.SecretKey;
import org.nestguard.agent.files.IsolationRefusedException;
import org.nestguard.agent.files.OutingCount;
import org.nestguard.agent.files.WatchedFiles;
import org.nestguard.agent.outbox.Outbox;
import org.nestguard.protocol.files.FileCommands;
import org.nestguard.protocol.files.FileFacts;
import org.nestguard.protocol.files.FileRuleMatch;
import org.nestguard.protocol.files.HoldStatus;
import org.nestguard.protocol.files.KeyWrap;
import org.nestguard.protocol.files.MediaCount;
import org.nestguard.protocol.files.OutingReadiness;
import org.nestguard.protocol.files.QuarantineItem;
import org.nestguard.protocol.wire.Command;
import org.nestguard.protocol.wire.WireJson;

/**
 * The console's flagged-file commands on the device: isolate, release, destroy, export evidence, hold, lift hold,
 * outing check and evidence key. Each checks its payload, refuses with a sentence saying what was wrong, and
 * otherwise hands the work to the vault, the hold or the outing count.
 */
public final class QuarantineCommands {
    private static final Set<String> TYPES = Set.of(FileCommands.ISOLATE, FileCommands.RELEASE, FileCommands.DESTROY,
            FileCommands.EXPORT_EVIDENCE, FileCommands.HOLD, FileCommands.LIFT_HOLD, FileCommands.OUTING_CHECK,
            FileCommands.EVIDENCE_KEY);
    private static final Pattern SHA256 = Pattern.compile("[0-9a-f]{64}");

    private final Vault vault;
    private final WatchedFiles watched;
    private final DeviceHold hold;
    private final EvidenceKeyStore evidenceKeys;
    private final EvidenceExport export;
    private final OutingCount outing;
    private final Outbox outbox;
    private final ObjectMapper json = WireJson.mapper();

    public QuarantineCommands(Vault vault, WatchedFiles watched, DeviceHold hold, EvidenceKeyStore evidenceKeys,
                              EvidenceExport export, OutingCount outing, Outbox outbox) {
        this.vault = vault;
        this.watched = watched;
        this.hold = hold;
        this.evidenceKeys = evidenceKeys;
        this.export = export;
        this.outing = outing;
        this.outbox = outbox;
    }

    /** Whether {@code type} is one of these commands. */
    public static boolean handles(String type) {
        return TYPES.contains(type);
    }

    /** Carries out one command; events beyond the result (quarantine, hold, outing) are recorded here. */
    public CommandOutcome execute(Command command) {
        try {
            return switch (command.type()) {
                case FileCommands.ISOLATE -> isolate(payload(command, FileCommands.IsolateOrder.class), command.id());
                case FileCommands.RELEASE -> release(payload(command, FileCommands.ReleaseOrder.class), command.id());
                case FileCommands.DESTROY -> {
                    FileCommands.DestroyOrder order = payload(command, FileCommands.DestroyOrder.class);
                    yield CommandOutcome.done(vault.destroy(order.itemId(), order.noOtherAgencyNeeded(),
                            order.noRiskToChildOrInvestigation(), command.id()));
                }
                case FileCommands.EXPORT_EVIDENCE -> CommandOutcome.done(export.export(
                        payload(command, FileCommands.EvidenceOrder.class), command.id()));
                case FileCommands.HOLD -> hold(payload(command, FileCommands.HoldOrder.class));
                case FileCommands.LIFT_HOLD -> lift(payload(command, FileCommands.HoldLift.class));
                case FileCommands.OUTING_CHECK -> outing(payload(command, FileCommands.OutingQuery.class));
                case FileCommands.EVIDENCE_KEY -> evidenceKey(payload(command, FileCommands.EvidenceKey.class));
                default -> throw new IllegalArgumentException("not a quarantine command: " + command.type());
            };
        } catch (VaultRefusedException | IsolationRefusedException e) {
            return CommandOutcome.failed(e.getMessage());
        } catch (BadPayload e) {
            return CommandOutcome.failed(e.getMessage());
        } catch (IOException e) {
            // A disk or scanner failure ends this command, not the check-in that carried it.
            return CommandOutcome.failed("the " + command.type() + " command could not be carried out: "
                    + e.getMessage());
        }
    }

    private CommandOutcome isolate(FileCommands.IsolateOrder order, String commandId)
            throws IOException, IsolationRefusedException, BadPayload {
        boolean byPath = order.path() != null && !order.path().isBlank();
        boolean byHash = order.sha256() != null && !order.sha256().isBlank();
        if (byPath == byHash) {
            throw new BadPayload("an isolate command names exactly one of path or sha256; this one names "
                    + (byPath ? "both" : "neither") + ". Nothing was isolated");
        }
        if (byPath) {
            Path path = checkedPath(order.path());
            FileFacts facts;
            try {
                facts = watched.describe(path);
            } catch (IllegalArgumentException e) {
                throw new BadPayload("refused: " + e.getMessage() + ". Nothing was isolated");
            }
            QuarantineItem item = vault.isolate(facts, List.of(request(commandId, "path " + path, order)), commandId);
            return CommandOutcome.done("isolated " + path + " as vault item " + item.itemId());
        }
        String sha256 = order.sha256().strip().toLowerCase(Locale.ROOT);
        if (!SHA256.matcher(sha256).matches()) {
            throw new BadPayload("'" + order.sha256() + "' is not a SHA-256 (64 hex digits). Nothing was isolated");
        }
        List<FileFacts> found = watched.withSha256(sha256);
        if (found.isEmpty()) {
            return CommandOutcome.failed("no watched file on this device has SHA-256 " + sha256);
        }
        List<String> isolated = new ArrayList<>();
        List<String> refused = new ArrayList<>();
        for (FileFacts indexed : found) {
            try {
                FileFacts now = watched.describe(Path.of(indexed.path())); // the index may be older than the file
                if (!now.sha256().equals(sha256)) {
                    refused.add(indexed.path() + ": its SHA-256 has changed since the last scan");
                    continue;
                }
                QuarantineItem item = vault.isolate(now, List.of(request(commandId, "sha256:" + sha256, order)),
                        commandId);
                isolated.add(indexed.path() + " as " + item.itemId());
            } catch (IsolationRefusedException | IllegalArgumentException e) {
                refused.add(indexed.path() + ": " + e.getMessage());
            }
        }
        String message = "isolated " + isolated.size() + " of " + found.size() + " file(s) with SHA-256 " + sha256
                + (isolated.isEmpty() ? "" : ": " + String.join(", ", isolated))
                + (refused.isEmpty() ? "" : "; not isolated: " + String.join("; ", refused));
        return refused.isEmpty() ? CommandOutcome.done(message) : CommandOutcome.failed(message);
    }

    private CommandOutcome release(FileCommands.ReleaseOrder order, String commandId)
            throws IOException, VaultRefusedException, BadPayload {
        SecretKey key;
        try {
            key = KeyWrap.aesKey(Base64.getDecoder().decode(order.itemKey() == null ? "" : order.itemKey()));
        } catch (IllegalArgumentException e) {
            // Never echo the key: say only what shape was expected.
            throw new BadPayload("the release carried no usable item key (base64 of 32 bytes); nothing was released");
        }
        return CommandOutcome.done(vault.release(order.itemId(), key, commandId));
    }

    private CommandOutcome hold(FileCommands.HoldOrder order) throws IOException, BadPayload {
        if (order.holdId() == null || order.holdId().isBlank()) {
            throw new BadPayload("a hold command needs its hold id; the device was not put on hold");
        }
        HoldStatus status = hold.hold(order.holdId(), order.lock());
        return order.lock() && status.lockedAccounts().isEmpty()
                ? CommandOutcome.failed("on hold, but the lock was not applied: " + status.detail())
                : CommandOutcome.done(status.detail());
    }

    private CommandOutcome lift(FileCommands.HoldLift lift) throws IOException, BadPayload {
        if (lift.holdId() == null || lift.holdId().isBlank()) {
            throw new BadPayload("a lift-hold command needs the hold id; nothing was lifted");
        }
        HoldStatus status = hold.lift(lift.holdId());
        return status.active() || !status.lockFailures().isEmpty() ? CommandOutcome.failed(status.detail())
                : CommandOutcome.done(status.detail());
    }

    private CommandOutcome outing(FileCommands.OutingQuery query) throws IOException, BadPayload {
        if (query.requestId() == null || query.requestId().isBlank()) {
            throw new BadPayload("an outing check needs its request id");
        }
        if (hold.active()) {
            record(OutingReadiness.TYPE, new OutingReadiness(query.requestId(), false, List.of(), Vault.ON_HOLD));
            return CommandOutcome.failed("outing check refused: " + Vault.ON_HOLD);
        }
        List<MediaCount> folders = outing.count();
        boolean ready = folders.stream().allMatch(f -> f.photos() + f.videos() == 0);
        record(OutingReadiness.TYPE, new OutingReadiness(query.requestId(), ready, folders, null));
        int photos = folders.stream().mapToInt(MediaCount::photos).sum();
        int videos = folders.stream().mapToInt(MediaCount::videos).sum();
        return CommandOutcome.done(ready ? "ready for an outing: no photos or videos on the device"
                : "not ready: " + photos + " photo(s) and " + videos + " video(s) must be transferred or deleted");
    }

    private CommandOutcome evidenceKey(FileCommands.EvidenceKey key) throws IOException, BadPayload {
        try {
            PublicKey stored = evidenceKeys.store(key.publicKeyPem(), "the console's evidence key");
            return CommandOutcome.done("evidence key stored (SHA-256 " + KeyWrap.fingerprint(stored) + ")");
        } catch (IllegalArgumentException e) {
            throw new BadPayload(e.getMessage());
        }
    }

    private static Path checkedPath(String given) throws BadPayload {
        for (String part : given.split("[/\\\\]")) {
            if (part.equals("..")) {
                throw new BadPayload("refused: '" + given + "' contains '..'; give the file's absolute path. "
                        + "Nothing was isolated");
            }
        }
        Path path;
        try {
            path = Path.of(given);
        } catch (RuntimeException e) {
            throw new BadPayload("refused: '" + given + "' is not a path on this device. Nothing was isolated");
        }
        if (!path.isAbsolute()) {
            throw new BadPayload("refused: '" + given + "' is a relative path; give the file's absolute path. "
                    + "Nothing was isolated");
        }
        return path;
    }

    private static FileRuleMatch request(String commandId, String matched, FileCommands.IsolateOrder order) {
        return new FileRuleMatch(FileRuleMatch.Source.REQUEST, commandId == null ? "console" : commandId, matched,
                order.reason());
    }

    private void record(String type, Object payload) throws IOException {
        outbox.append(type, json.valueToTree(payload));
    }

    private <T> T payload(Command command, Class<T> type) throws BadPayload {
        JsonNode payload = command.payload();
        if (payload == null || !payload.isObject()) {
            throw new BadPayload("the " + command.type() + " command carried no payload; nothing was done");
        }
        try {
            return json.treeToValue(payload, type);
        } catch (JsonProcessingException e) {
            // A release payload holds the item key: its parse error is not repeated, in case it quotes it.
            String why = command.type().equals(FileCommands.RELEASE) ? "" : " (" + e.getOriginalMessage() + ")";
            throw new BadPayload("the " + command.type() + " command's payload cannot be read as "
                    + type.getSimpleName() + why + "; nothing was done");
        }
    }

    /** A payload that is missing or wrong; the message says what and that nothing was done. */
    private static final class BadPayload extends Exception {
        BadPayload(String message) {
            super(message);
        }
    }
}
