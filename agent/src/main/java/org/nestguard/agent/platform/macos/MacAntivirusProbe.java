package org.nestguard.agent.platform.macos;

import java.io.IOException;
import java.nio.file.Files;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.nestguard.agent.platform.AntivirusProbe;
import org.nestguard.agent.platform.AntivirusProduct;
import org.nestguard.agent.platform.CommandResult;
import org.nestguard.agent.platform.CommandRunner;
import org.nestguard.agent.platform.HostRoot;
import org.nestguard.agent.platform.ProbeException;

/**
 * XProtect, Apple's built-in malware scanner, plus a presence check for a few third-party products.
 *
 * <p>XProtect: version = the bundle's CFBundleShortVersionString, signaturesUpdated = the modification time of its
 * Info.plist (Apple rewrites the bundle on each signature update). XProtect cannot be switched off, only undermined
 * by turning System Integrity Protection off, so enabled = SIP enabled per {@code csrutil status} (null when SIP is in
 * a custom or unreadable state). It checks apps at first launch and after they change, which is its on-access mode,
 * so realTimeProtection = enabled. Gatekeeper's {@code spctl --status} goes into the source as context.
 *
 * <p>Third-party products are found only by their app bundle; their state and signatures are not read (null).
 */
public final class MacAntivirusProbe implements AntivirusProbe {
    static final String XPROTECT_PLIST = "/Library/Apple/System/Library/CoreServices/XProtect.bundle/Contents/Info.plist";
    static final String XPROTECT_PLIST_OLD = "/System/Library/CoreServices/XProtect.bundle/Contents/Info.plist";

    /** Product name and the app bundle that proves it is installed; vendor paths as of 2024. */
    private static final List<String[]> THIRD_PARTY = List.of(
            new String[] {"Sophos", "/Applications/Sophos/Sophos Endpoint.app"},
            new String[] {"Sophos Home", "/Applications/Sophos Home.app"},
            new String[] {"Microsoft Defender", "/Applications/Microsoft Defender.app"},
            new String[] {"CrowdStrike Falcon", "/Applications/Falcon.app"},
            new String[] {"Malwarebytes", "/Applications/Malwarebytes.app"},
            new String[] {"ESET Endpoint Security", "/Applications/ESET Endpoint Security.app"},
            new String[] {"Bitdefender Endpoint Security Tools", "/Applications/Endpoint Security for Mac.app"});

    private final CommandRunner runner;
    private final HostRoot root;
    private final PlistFileReader plists;

    public MacAntivirusProbe(CommandRunner runner, HostRoot root) {
        this.runner = runner;
        this.root = root;
        this.plists = new PlistFileReader(runner, root);
    }

    @Override
    public List<AntivirusProduct> products() throws ProbeException {
        List<AntivirusProduct> products = new ArrayList<>();
        products.add(xprotect());
        for (String[] product : THIRD_PARTY) {
            if (root.exists(product[1])) {
                products.add(new AntivirusProduct(product[0], null, AntivirusProduct.RealTime.UNREADABLE, null, null, null,
                        "app bundle " + product[1] + " present; state not read"));
            }
        }
        return products;
    }

    private AntivirusProduct xprotect() throws ProbeException {
        String path = root.exists(XPROTECT_PLIST) ? XPROTECT_PLIST
                : root.exists(XPROTECT_PLIST_OLD) ? XPROTECT_PLIST_OLD : null;
        String version = null;
        Instant updated = null;
        StringBuilder source = new StringBuilder();
        if (path != null) {
            Map<String, Object> info = plists.readDictIfExists(path);
            version = info == null ? null : Plist.string(info, "CFBundleShortVersionString");
            try {
                updated = Files.getLastModifiedTime(root.resolve(path)).toInstant();
            } catch (IOException e) {
                updated = null;
            }
            source.append(path).append(" (version, modification time)");
        } else {
            source.append("XProtect.bundle not found at ").append(XPROTECT_PLIST);
        }

        Boolean sip = null;
        String sipLine = "csrutil status failed";
        try {
            CommandResult csrutil = runner.run("csrutil", "status");
            sipLine = ToolOutput.of(csrutil).firstLine();
            sip = parseSip(sipLine);
        } catch (ProbeException e) {
            sipLine = e.getMessage();
        }
        source.append("; csrutil status: '").append(sipLine).append("'");
        try {
            CommandResult spctl = runner.run("spctl", "--status");
            source.append("; spctl --status: '").append(ToolOutput.of(spctl).firstLine()).append("'");
        } catch (ProbeException e) {
            source.append("; spctl --status not readable");
        }
        if (path == null && sip == null) {
            throw new ProbeException("could not read XProtect: no XProtect.bundle under " + root.root()
                    + " and " + sipLine);
        }
        // XProtect checks files when they are opened or launched: on access whenever SIP keeps it running.
        return new AntivirusProduct("XProtect", sip, AntivirusProduct.RealTime.of(sip), updated, null, version,
                source.toString());
    }

    /** "System Integrity Protection status: enabled." is true, "disabled." false, anything else (custom) null. */
    static Boolean parseSip(String line) {
        String text = line.strip();
        if (text.matches("(?i)System Integrity Protection status:\\s*enabled\\.?")) {
            return Boolean.TRUE;
        }
        if (text.matches("(?i)System Integrity Protection status:\\s*disabled\\.?")) {
            return Boolean.FALSE;
        }
        return null;
    }
}
