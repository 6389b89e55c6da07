package org.nestguard.agent.platform.linux;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.nestguard.agent.platform.CommandResult;
import org.nestguard.agent.platform.CommandRunner;
import org.nestguard.agent.platform.FirewallProbe;
import org.nestguard.agent.platform.FirewallState;
import org.nestguard.agent.platform.HostRoot;
import org.nestguard.agent.platform.ProbeException;

/**
 * Linux host firewalls, one entry per frontend that is installed: ufw, firewalld, nftables and iptables. Enabled means
 * incoming traffic is filtered; an empty rule set or an ACCEPT policy without drop rules is not enabled.
 */
public final class LinuxFirewallProbe implements FirewallProbe {
    private final HostRoot root;
    private final CommandRunner runner;
    private final boolean liveSystem;
    private final SystemdUnits units;

    public LinuxFirewallProbe(HostRoot root, CommandRunner runner) {
        this(root, runner, root.isLive());
    }

    /** @param liveSystem whether commands describe the inspected system (tests pair a fake tree with fake commands) */
    LinuxFirewallProbe(HostRoot root, CommandRunner runner, boolean liveSystem) {
        this.root = root;
        this.runner = runner;
        this.liveSystem = liveSystem;
        this.units = new SystemdUnits(root, runner, liveSystem);
    }

    @Override
    public List<FirewallState> firewalls() throws ProbeException {
        List<FirewallState> states = new ArrayList<>();
        if (root.exists("/etc/ufw/ufw.conf")) {
            states.add(ufw());
        }
        if (root.exists("/usr/sbin/firewalld") || root.exists("/etc/firewalld/firewalld.conf")) {
            states.add(firewalld());
        }
        if (root.exists("/usr/sbin/nft")) {
            states.add(liveSystem ? nftLive() : nftConfig());
        }
        if (liveSystem && root.exists("/usr/sbin/iptables")) {
            states.add(ruleCommand("iptables", List.of("iptables", "-S")));
        } else if (!liveSystem && root.exists("/etc/iptables/rules.v4")) {
            SystemdUnits.UnitState unit = units.state("netfilter-persistent.service");
            InputFiltering rules = IptablesRules.parse(root.read("/etc/iptables/rules.v4"));
            states.add(new FirewallState("iptables", unit.on() == null ? null : unit.on() && rules.filters(),
                    rules.description(), "/etc/iptables/rules.v4 (loaded at boot); " + unit.evidence()));
        }
        return states;
    }

    /**
     * ufw.conf only says what ufw should do at boot: the rules are in force only when ufw.service runs (live) or is
     * enabled (offline root), and on a live system its chains must be in the running rule set.
     */
    private FirewallState ufw() throws ProbeException {
        ShellAssignments conf = ShellAssignments.parse(root.read("/etc/ufw/ufw.conf"));
        ShellAssignments defaults = ShellAssignments.parse(root.readIfExists("/etc/default/ufw").orElse(""));
        Optional<String> enabled = conf.get("ENABLED");
        Optional<String> policy = defaults.get("DEFAULT_INPUT_POLICY");
        String source = "/etc/ufw/ufw.conf ENABLED=" + enabled.orElse("(missing)")
                + "; /etc/default/ufw DEFAULT_INPUT_POLICY=" + policy.orElse("(missing)");
        if (enabled.isEmpty() || !(enabled.get().equalsIgnoreCase("yes") || enabled.get().equalsIgnoreCase("no"))) {
            return new FirewallState("ufw", null, "ENABLED not yes/no", source);
        }
        if (enabled.get().equalsIgnoreCase("no")) {
            return new FirewallState("ufw", false, "ufw is switched off", source);
        }
        SystemdUnits.UnitState unit = units.state("ufw.service");
        source += "; " + unit.evidence();
        if (unit.on() == null) {
            return new FirewallState("ufw", null, "on in ufw.conf, but whether ufw.service runs could not be read", source);
        }
        if (!unit.on()) {
            return new FirewallState("ufw", false, "on in ufw.conf, but ufw.service does not run, so no rules are loaded",
                    source);
        }
        if (policy.isEmpty()) {
            return new FirewallState("ufw", null, "on, but the default input policy is not set", source);
        }
        boolean blocks = policy.get().equalsIgnoreCase("DROP") || policy.get().equalsIgnoreCase("REJECT");
        String detail = "on, default input policy " + policy.get();
        if (liveSystem) {
            Optional<Boolean> loaded = ufwChainsLoaded();
            if (loaded.isPresent() && !loaded.get()) {
                return new FirewallState("ufw", false, detail + ", but no ufw chains in the running rule set",
                        source + "; iptables -S / nft list ruleset show no ufw-user-input chain");
            }
            source += loaded.isPresent() ? "; ufw chains present in the running rule set"
                    : "; running rule set not checked (neither iptables -S nor nft list ruleset could be run)";
        }
        return new FirewallState("ufw", blocks, detail, source);
    }

    /** Whether ufw's chains are loaded; empty when neither iptables nor nft could list the rules. */
    private Optional<Boolean> ufwChainsLoaded() {
        for (List<String> command : List.of(List.of("iptables", "-S"), List.of("nft", "list", "ruleset"))) {
            try {
                CommandResult result = runner.run(command, CommandRunner.DEFAULT_TIMEOUT);
                if (result.succeeded()) {
                    return Optional.of(result.stdout().contains("ufw-user-input"));
                }
            } catch (ProbeException e) {
                // not installed: try the other tool
            }
        }
        return Optional.empty();
    }

    private FirewallState firewalld() throws ProbeException {
        ShellAssignments conf = ShellAssignments.parse(root.readIfExists("/etc/firewalld/firewalld.conf").orElse(""));
        String zone = conf.get("DefaultZone").orElse("public"); // firewalld's built-in default zone
        SystemdUnits.UnitState unit = units.state("firewalld.service");
        String source = "/etc/firewalld/firewalld.conf DefaultZone=" + zone + "; " + unit.evidence();
        if (unit.on() == null) {
            return new FirewallState("firewalld", null, "service state unknown", source);
        }
        // the "trusted" zone accepts every connection, so it filters nothing
        boolean filters = unit.on() && !zone.equals("trusted");
        return new FirewallState("firewalld", filters, (unit.on() ? "running" : "not running") + ", default zone " + zone,
                source);
    }

    private FirewallState nftLive() {
        return ruleCommand("nftables", List.of("nft", "-j", "list", "ruleset"));
    }

    private FirewallState nftConfig() throws ProbeException {
        SystemdUnits.UnitState unit = units.state("nftables.service");
        Optional<String> conf = root.readIfExists("/etc/nftables.conf");
        if (conf.isEmpty()) {
            return new FirewallState("nftables", false, "no /etc/nftables.conf", "/etc/nftables.conf; " + unit.evidence());
        }
        InputFiltering rules = NftablesConf.parse(conf.get());
        return new FirewallState("nftables", unit.on() == null ? null : unit.on() && rules.filters(), rules.description(),
                "/etc/nftables.conf (loaded at boot by nftables.service); " + unit.evidence());
    }

    private FirewallState ruleCommand(String name, List<String> command) {
        String line = String.join(" ", command);
        try {
            CommandResult result = runner.run(command, CommandRunner.DEFAULT_TIMEOUT);
            if (!result.succeeded()) {
                return new FirewallState(name, null, "could not list the rules (needs root): " + result.stderr().strip(),
                        line + " exit " + result.exitCode());
            }
            InputFiltering rules = name.equals("nftables") ? NftRuleset.parse(result.stdout())
                    : IptablesRules.parse(result.stdout());
            return new FirewallState(name, rules.filters(), rules.description(), line + " (running rule set)");
        } catch (ProbeException | IllegalArgumentException e) {
            return new FirewallState(name, null, e.getMessage(), line);
        }
    }
}
