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
 * value under {@code SOFTWARE\Policies\Microsoft\WindowsFirewall} overrides the local setting.
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
                Optional<Long> policy = registry.number(Hive.HKEY_LOCAL_MACHINE, policyKey, "EnableFirewall");
                if (policy.isPresent()) {
                    states.add(new FirewallState(name, policy.get() != 0,
                            "EnableFirewall=" + policy.get() + " set by Group Policy",
                            Hive.HKEY_LOCAL_MACHINE.path(policyKey) + " EnableFirewall"));
                    continue;
                }
                Optional<Long> local = registry.number(Hive.HKEY_LOCAL_MACHINE, localKey, "EnableFirewall");
                Optional<String> text = local.isPresent() ? Optional.empty()
                        : registry.string(Hive.HKEY_LOCAL_MACHINE, localKey, "EnableFirewall");
                String detail = local.map(v -> "EnableFirewall=" + v + " (local setting, no Group Policy)")
                        .orElse(text.map(t -> "EnableFirewall has an unexpected value \"" + t + "\"")
                                .orElse("EnableFirewall is not set in the local or the Group Policy key"));
                states.add(new FirewallState(name, local.map(v -> v != 0).orElse(null), detail,
                        Hive.HKEY_LOCAL_MACHINE.path(localKey) + " EnableFirewall"));
            } catch (ProbeException e) {
                states.add(new FirewallState(name, null, "not readable: " + e.getMessage(),
                        Hive.HKEY_LOCAL_MACHINE.path(localKey)));
            }
        }
        return states;
    }
}
