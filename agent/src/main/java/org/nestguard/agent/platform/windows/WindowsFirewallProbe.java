package org.nestguard.agent.platform.windows;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.nestguard.agent.platform.FirewallProbe;
import org.nestguard.agent.platform.FirewallState;
import org.nestguard.agent.platform.ProbeException;
import org.nestguard.agent.platform.windows.RegistryReader.Hive;

/**
 * Windows Defender Firewall per profile, from the registry (language-independent, unlike netsh). A Group Policy
 * value under {@code SOFTWARE\Policies\Microsoft\WindowsFirewall} overrides the local setting
 * ({@link PolicyOverride}).
 */
public final class WindowsFirewallProbe implements FirewallProbe {
    static final String LOCAL = "SYSTEM\\CurrentControlSet\\Services\\SharedAccess\\Parameters\\FirewallPolicy";
    static final String POLICY = "SOFTWARE\\Policies\\Microsoft\\WindowsFirewall";

    /** One profile: its display name, its local key name and its Group Policy key name (they differ for Private). */
    private record Profile(String name, String localKey, String policyKey) {
    }

    private static final List<Profile> PROFILES = List.of(
            new Profile("Domain", "DomainProfile", "DomainProfile"),
            new Profile("Private", "StandardProfile", "PrivateProfile"),
            new Profile("Public", "PublicProfile", "PublicProfile"));

    private final RegistryReader registry;

    public WindowsFirewallProbe(RegistryReader registry) {
        this.registry = registry;
    }

    @Override
    public List<FirewallState> firewalls() throws ProbeException {
        List<FirewallState> states = new ArrayList<>();
        for (Profile profile : PROFILES) {
            String name = "Windows Firewall (" + profile.name() + " profile)";
            String policyKey = POLICY + "\\" + profile.policyKey();
            String localKey = LOCAL + "\\" + profile.localKey();
            try {
                // Read as text so that an unexpected policy value is reported, not skipped in favour of the local one.
                Optional<PolicyOverride.Effective<String>> value = PolicyOverride.effective(policyKey, localKey,
                        key -> registry.string(Hive.HKEY_LOCAL_MACHINE, key, "EnableFirewall"));
                if (value.isEmpty()) {
                    states.add(new FirewallState(name, null,
                            "EnableFirewall is not set in the local or the Group Policy key",
                            Hive.HKEY_LOCAL_MACHINE.path(localKey) + " EnableFirewall"));
                    continue;
                }
                String text = value.get().value().trim();
                Boolean enabled = text.matches("\\d{1,10}") ? Boolean.valueOf(Long.parseLong(text) != 0) : null;
                String detail = enabled == null ? "EnableFirewall has an unexpected value \"" + text + "\""
                        : "EnableFirewall=" + text;
                detail += value.get().fromPolicy() ? " set by Group Policy" : " (local setting, no Group Policy)";
                states.add(new FirewallState(name, enabled, detail,
                        Hive.HKEY_LOCAL_MACHINE.path(value.get().where()) + " EnableFirewall"));
            } catch (ProbeException e) {
                states.add(new FirewallState(name, null, "not readable: " + e.getMessage(),
                        Hive.HKEY_LOCAL_MACHINE.path(localKey)));
            }
        }
        return states;
    }
}
