package org.nestguard.agent.platform.windows;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.nestguard.agent.platform.CommandResult;
import org.nestguard.agent.platform.CommandRunner;
import org.nestguard.agent.platform.ProbeException;
import org.nestguard.agent.platform.windows.RegistryReader.Hive;

/**
 * "Require sign-in on wakeup" from sleep: power setting CONSOLELOCK, machine-wide. Plugged in (AC) and on battery
 * (DC) are separate settings; each is taken from Group Policy where set ({@link PolicyOverride}), otherwise from the
 * active power scheme as {@code powercfg /q} prints it.
 *
 * @param required true when both AC and DC require sign-in; false when either does not; null when not readable
 * @param source   what was read, for the evidence
 */
public record WakeSignIn(Boolean required, String source) {
    static final String SUB_NONE = "fea3413e-7e05-4911-9a71-700331f1c294";
    static final String CONSOLELOCK = "0e796bdb-100d-47d6-a2d5-f7d2daa51f51";
    static final String POLICY = "SOFTWARE\\Policies\\Microsoft\\Power\\PowerSettings\\" + CONSOLELOCK;
    static final List<String> POWERCFG = List.of("powercfg.exe", "/q", "SCHEME_CURRENT", "SUB_NONE", "CONSOLELOCK");
    private static final String SCHEME = String.join(" ", POWERCFG);

    /** Reads the policy values and, only when one is missing, runs powercfg once. */
    public static WakeSignIn read(RegistryReader registry, CommandRunner runner) {
        Scheme scheme = new Scheme(runner);
        List<String> evidence = new ArrayList<>();
        Boolean ac = side(registry, scheme, "ACSettingIndex", true, evidence);
        Boolean dc = side(registry, scheme, "DCSettingIndex", false, evidence);
        Boolean required = Boolean.FALSE.equals(ac) || Boolean.FALSE.equals(dc) ? Boolean.FALSE
                : ac == null || dc == null ? null : Boolean.TRUE;
        return new WakeSignIn(required, "sign-in on wake from sleep (CONSOLELOCK): " + String.join(", ", evidence));
    }

    private static Boolean side(RegistryReader registry, Scheme scheme, String policyValue, boolean ac,
                                List<String> evidence) {
        String label = ac ? "plugged in" : "on battery";
        try {
            Optional<PolicyOverride.Effective<Long>> value = PolicyOverride.effective(POLICY, SCHEME,
                    where -> where.equals(POLICY) ? registry.number(Hive.HKEY_LOCAL_MACHINE, POLICY, policyValue)
                            : scheme.index(ac));
            if (value.isEmpty()) {
                evidence.add(label + " not readable (" + scheme.problem + ")");
                return null;
            }
            long index = value.get().value();
            evidence.add(label + "=" + index + " from " + (value.get().fromPolicy()
                    ? Hive.HKEY_LOCAL_MACHINE.path(POLICY) + " " + policyValue : "'" + SCHEME + "'"));
            return index == 1 ? Boolean.TRUE : index == 0 ? Boolean.FALSE : null;
        } catch (ProbeException e) {
            evidence.add(label + " not readable (" + e.getMessage() + ")");
            return null;
        }
    }

    /** The active scheme's indexes, from one powercfg run made when first needed. */
    private static final class Scheme {
        private final CommandRunner runner;
        private PowercfgQueryParser.Indexes indexes;
        private boolean ran;
        private String problem = "";

        Scheme(CommandRunner runner) {
            this.runner = runner;
        }

        Optional<Long> index(boolean ac) {
            if (!ran) {
                ran = true;
                run();
            }
            return indexes == null ? Optional.empty() : Optional.of(ac ? indexes.ac() : indexes.dc());
        }

        private void run() {
            try {
                CommandResult result = runner.run(POWERCFG, CommandRunner.DEFAULT_TIMEOUT);
                if (!result.succeeded()) {
                    problem = "'" + SCHEME + "' exited with " + result.exitCode() + ": " + result.stdout().strip();
                    return;
                }
                indexes = PowercfgQueryParser.parse(result.stdout());
                if (indexes == null) {
                    problem = "'" + SCHEME + "' printed no English \"Current AC/DC Power Setting Index\" lines; "
                            + "set the value by Group Policy or read it on an English display language";
                }
            } catch (ProbeException e) {
                problem = e.getMessage();
            }
        }
    }
}
