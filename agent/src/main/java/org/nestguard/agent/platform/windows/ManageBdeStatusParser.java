package org.nestguard.agent.platform.windows;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.nestguard.agent.platform.ProbeException;
import org.nestguard.agent.platform.VolumeEncryption;
import org.nestguard.agent.platform.VolumeEncryption.EncryptionState;
import org.nestguard.agent.platform.VolumeEncryption.Protection;
import org.nestguard.agent.platform.VolumeEncryption.VolumeRole;

/**
 * Parses {@code manage-bde -status} text, which Windows prints in the display language. English and German are
 * understood; any other language is a {@link ProbeException} rather than a guess. A value it does not recognise in
 * a known language becomes UNKNOWN and the raw text is kept in the evidence.
 */
public final class ManageBdeStatusParser {
    private static final Pattern VOLUME = Pattern.compile("^Volume\\s+\"?([A-Za-z]:|[^\\s\"]+)\"?(\\s.*)?$");
    private static final Pattern FIELD = Pattern.compile("^\\s+([^:]+?)\\s*:\\s*(.*?)\\s*$");
    private static final Pattern PERCENT = Pattern.compile("(\\d{1,3})(?:[.,](\\d+))?\\s*%");

    /** The labels and values of one display language. */
    private record Language(String name, String conversion, String percentage, String method, String protection,
                            String osVolume, String dataVolume, String none,
                            Map<String, EncryptionState> states, Map<String, Protection> protections) {
    }

    private static final Language ENGLISH = new Language("English", "Conversion Status", "Percentage Encrypted",
            "Encryption Method", "Protection Status", "[OS Volume]", "[Data Volume]", "None",
            Map.of("fully encrypted", EncryptionState.ENCRYPTED,
                    "used space only encrypted", EncryptionState.ENCRYPTED,
                    "encryption in progress", EncryptionState.ENCRYPTING,
                    "encryption paused", EncryptionState.ENCRYPTING,
                    "fully decrypted", EncryptionState.NOT_ENCRYPTED,
                    "decryption in progress", EncryptionState.DECRYPTING,
                    "decryption paused", EncryptionState.DECRYPTING),
            Map.of("protection on", Protection.ON, "protection off", Protection.OFF,
                    "protection unknown", Protection.UNKNOWN));

    // German strings as Windows 10 19041 prints them (research F2); the "used space" and "paused" wording is from
    // the German UI and is matched by its stem so that minor wording differences between builds still match.
    private static final Language GERMAN = new Language("German", "Konvertierungsstatus", "Verschlüsselt (Prozent)",
            "Verschlüsselungsmethode", "Schutzstatus", "[Betriebssystemvolume]", "[Datenvolume]", "Kein",
            Map.of("vollständig verschlüsselt", EncryptionState.ENCRYPTED,
                    "nur verwendeter speicherplatz verschlüsselt", EncryptionState.ENCRYPTED,
                    "verschlüsselung wird durchgeführt", EncryptionState.ENCRYPTING,
                    "verschlüsselung angehalten", EncryptionState.ENCRYPTING,
                    "vollständig entschlüsselt", EncryptionState.NOT_ENCRYPTED,
                    "entschlüsselung wird durchgeführt", EncryptionState.DECRYPTING,
                    "entschlüsselung angehalten", EncryptionState.DECRYPTING),
            Map.of("der schutz ist aktiviert.", Protection.ON, "der schutz ist deaktiviert.", Protection.OFF,
                    "der schutz ist unbekannt.", Protection.UNKNOWN));

    private ManageBdeStatusParser() {
    }

    /**
     * Returns one entry per volume in the output.
     *
     * @param output  what manage-bde printed
     * @param command the command line, for the evidence
     */
    public static List<VolumeEncryption> parse(String output, String command) throws ProbeException {
        List<Block> blocks = blocks(output);
        if (blocks.isEmpty()) {
            throw new ProbeException("'" + command + "' listed no volumes; expected lines starting with 'Volume'");
        }
        Language language = detect(blocks);
        List<VolumeEncryption> volumes = new ArrayList<>();
        for (Block block : blocks) {
            volumes.add(toVolume(block, language, command));
        }
        return volumes;
    }

    private static Language detect(List<Block> blocks) throws ProbeException {
        for (Language language : List.of(ENGLISH, GERMAN)) {
            if (blocks.stream().anyMatch(b -> b.fields.containsKey(fold(language.conversion)))) {
                return language;
            }
        }
        throw new ProbeException("manage-bde printed its status in a display language the agent cannot read "
                + "(labels seen, folded: " + blocks.get(0).fields.keySet() + "); only English and German are understood. "
                + "Allow the agent to query WMI Win32_EncryptableVolume (it runs as LocalSystem) instead.");
    }

    private static VolumeEncryption toVolume(Block block, Language language, String command) {
        String conversionText = block.fields.get(fold(language.conversion));
        String protectionText = block.fields.get(fold(language.protection));
        EncryptionState state = conversionText == null ? EncryptionState.UNKNOWN : stateFor(language, conversionText);
        Protection protection = protectionText == null ? Protection.UNKNOWN
                : protectionFor(language, protectionText);
        String method = block.fields.get(fold(language.method));
        if (method != null && (method.isBlank() || method.equalsIgnoreCase(language.none))) {
            method = null;
        }
        VolumeRole role = language.osVolume.equalsIgnoreCase(block.kind) ? VolumeRole.SYSTEM : VolumeRole.DATA;
        String source = command + " (" + language.name + "; " + block.kind + "; " + language.conversion + ": "
                + conversionText + "; " + language.protection + ": " + protectionText + ")";
        return new VolumeEncryption(block.volume, block.volume, role, state, protection,
                percent(block.fields.get(fold(language.percentage))), method, source);
    }

    private static EncryptionState stateFor(Language language, String text) {
        for (Map.Entry<String, EncryptionState> entry : language.states.entrySet()) {
            if (fold(text).equals(fold(entry.getKey()))) {
                return entry.getValue();
            }
        }
        return EncryptionState.UNKNOWN;
    }

    private static Protection protectionFor(Language language, String text) {
        String folded = fold(text);
        // English adds a suffix when protection is suspended: "Protection Off (2 reboots left)".
        for (Map.Entry<String, Protection> entry : language.protections.entrySet()) {
            String known = fold(entry.getKey());
            if (folded.equals(known) || folded.startsWith(known + " (")) {
                return entry.getValue();
            }
        }
        return Protection.UNKNOWN;
    }

    /** "100,0%", "0,0 %", "57.3%" -> whole percent, rounded down so that progress is never overstated. */
    private static Integer percent(String text) {
        if (text == null) {
            return null;
        }
        Matcher m = PERCENT.matcher(text);
        if (!m.find()) {
            return null;
        }
        int value = Integer.parseInt(m.group(1));
        return value <= 100 ? value : null;
    }

    /**
     * Lower case without non-ASCII letters. manage-bde writes in the console's OEM code page (850 for German), so
     * "Verschlüsselt" may arrive as "Verschl?sselt" or with a replacement character; dropping every non-ASCII
     * character makes the comparison independent of how the umlauts were decoded.
     */
    static String fold(String text) {
        StringBuilder folded = new StringBuilder(text.length());
        for (char c : text.toLowerCase(Locale.ROOT).toCharArray()) {
            if (c < 0x80 && c != '?') {
                folded.append(c);
            }
        }
        return folded.toString().replaceAll("\\s+", " ").trim();
    }

    /** One "Volume ..." section: its name, the bracketed kind line and its "label: value" fields. */
    private static final class Block {
        final String volume;
        String kind = "";
        final Map<String, String> fields = new LinkedHashMap<>();

        Block(String volume) {
            this.volume = volume;
        }
    }

    private static List<Block> blocks(String output) {
        List<Block> blocks = new ArrayList<>();
        Block current = null;
        for (String raw : output.lines().toList()) {
            String line = raw.replace("\uFEFF", "").stripTrailing();
            Matcher volume = VOLUME.matcher(line);
            if (volume.matches()) {
                current = new Block(volume.group(1).toUpperCase(Locale.ROOT));
                blocks.add(current);
                continue;
            }
            if (current == null) {
                continue;
            }
            String trimmed = line.trim();
            if (current.kind.isEmpty() && current.fields.isEmpty() && trimmed.startsWith("[") && trimmed.endsWith("]")) {
                current.kind = trimmed;
                continue;
            }
            Matcher field = FIELD.matcher(line);
            if (field.matches()) {
                current.fields.putIfAbsent(fold(field.group(1)), field.group(2));
            }
        }
        return blocks;
    }
}
