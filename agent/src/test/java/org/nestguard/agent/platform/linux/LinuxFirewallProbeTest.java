package org.nestguard.agent.platform.linux;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nestguard.agent.platform.FirewallState;

/**
 * Fixture formats: nft-j-list-ruleset-* follow libnftables-json(5) as nft 1.0.6 (Debian 12) prints it, the
 * debian-default one being Debian's stock /etc/nftables.conf loaded; iptables-S-* follow `iptables -S` (ufw's chain
 * names from ufw's before.rules); iptables-rules-v4 is iptables-save format; etc-nftables-conf-debian-default is
 * Debian 12's shipped /etc/nftables.conf; ufw-conf-enabled and etc-default-ufw-debian are Debian's shipped ufw files
 * (ENABLED switched to yes); firewalld-conf-public is an excerpt of the shipped firewalld.conf. None captured live:
 * this machine has none of these firewalls installed.
 */
class LinuxFirewallProbeTest {
    @TempDir
    Path dir;

    private static FirewallState only(List<FirewallState> states, String name) {
        return states.stream().filter(s -> s.name().equals(name)).findFirst().orElseThrow(() ->
                new AssertionError("no " + name + " in " + states));
    }

    @Test
    void nftInputPolicyDropIsEnabled() {
        InputFiltering f = NftRuleset.parse(HostTree.fixture("nft-j-list-ruleset-input-drop.json"));
        assertTrue(f.filters());
        assertTrue(f.description().contains("inet filter input policy drop, 3 rules, packets no rule allows end in drop"),
                f.description());
    }

    @Test
    void debianDefaultAcceptRulesetAndEmptyRulesetAreNotEnabled() {
        assertFalse(NftRuleset.parse(HostTree.fixture("nft-j-list-ruleset-debian-default-accept.json")).filters());
        InputFiltering empty = NftRuleset.parse(HostTree.fixture("nft-j-list-ruleset-empty.json"));
        assertFalse(empty.filters());
        assertTrue(empty.description().startsWith("no chain on the input hook"));
        assertThrows(IllegalArgumentException.class, () -> NftRuleset.parse("Error: Could not process rule"));
    }

    @Test
    void nftConditionalRejectReachedThroughAJumpIsNotAFirewall() {
        InputFiltering f = NftRuleset.parse(HostTree.fixture("nft-j-list-ruleset-accept-with-jump-to-reject.json"));
        assertFalse(f.filters(), "rejecting port 445 only lets every other port in");
        assertTrue(f.description().contains("end in accept (the policy)"), f.description());
    }

    @Test
    void oneReachableDropIsNotAFirewallButAFinalUnconditionalRejectIs() {
        InputFiltering fail2ban = NftRuleset.parse(HostTree.fixture("nft-j-list-ruleset-accept-fail2ban.json"));
        assertFalse(fail2ban.filters(), fail2ban.description());
        InputFiltering finalReject = NftRuleset.parse(HostTree.fixture("nft-j-list-ruleset-accept-final-reject.json"));
        assertTrue(finalReject.filters(), finalReject.description());
        assertTrue(finalReject.description().contains("end in reject (an unconditional rule)"), finalReject.description());

        InputFiltering banOnly = IptablesRules.parse(HostTree.fixture("iptables-S-accept-fail2ban-docker.txt"));
        assertFalse(banOnly.filters(), "a fail2ban ban and Docker's FORWARD drops leave INPUT open: " + banOnly.description());
        InputFiltering rhel = IptablesRules.parse(HostTree.fixture("iptables-S-accept-final-reject.txt"));
        assertTrue(rhel.filters(), rhel.description());
        assertTrue(IptablesRules.parse("-P INPUT DROP\n-A INPUT -i lo -j ACCEPT\n").filters());
        assertFalse(IptablesRules.parse("-P INPUT DROP\n-A INPUT -j ACCEPT\n").filters(),
                "an unconditional ACCEPT first means the DROP policy is never reached");

        assertFalse(NftablesConf.parse(HostTree.fixture("etc-nftables-conf-accept-invalid-drop.txt")).filters());
        InputFiltering conf = NftablesConf.parse(HostTree.fixture("etc-nftables-conf-accept-final-reject.txt"));
        assertTrue(conf.filters(), conf.description());
        assertTrue(NftablesConf.parse(HostTree.fixture("etc-nftables-conf-input-drop.txt")).filters());
    }

    @Test
    void iptablesPolicyAndChains() {
        InputFiltering ufw = IptablesRules.parse(HostTree.fixture("iptables-S-ufw-active.txt"));
        assertTrue(ufw.filters());
        assertTrue(ufw.description().contains("INPUT policy DROP"));
        assertFalse(IptablesRules.parse(HostTree.fixture("iptables-S-accept-empty.txt")).filters());
        InputFiltering saved = IptablesRules.parse(HostTree.fixture("iptables-rules-v4-drop.txt"));
        assertTrue(saved.filters(), "the nat table's DROP must not be mistaken for the filter table's");
        assertTrue(saved.description().contains("INPUT policy DROP"));
    }

    @Test
    void liveNftAndIptablesGoThroughTheCommands() throws Exception {
        HostTree tree = new HostTree(dir).file("/usr/sbin/nft", "").file("/usr/sbin/iptables", "");
        FixtureCommandRunner runner = new FixtureCommandRunner()
                .answer("nft -j list ruleset", HostTree.fixture("nft-j-list-ruleset-input-drop.json"))
                .answer("iptables -S", 4, "", "iptables v1.8.9 (nf_tables): Could not fetch rule set generation id: "
                        + "Permission denied (you must be root)");
        List<FirewallState> states = new LinuxFirewallProbe(tree.root(), runner, true).firewalls();
        assertEquals(Boolean.TRUE, only(states, "nftables").enabled());
        assertEquals("nft -j list ruleset (running rule set)", only(states, "nftables").source());
        FirewallState iptables = only(states, "iptables");
        assertNull(iptables.enabled(), "not readable is not off");
        assertTrue(iptables.detail().contains("you must be root"));
    }

    @Test
    void ufwOfflineNeedsConfigDropPolicyAndTheUnitEnabled() throws Exception {
        HostTree tree = new HostTree(dir).fixture("/etc/ufw/ufw.conf", "ufw-conf-enabled.txt")
                .fixture("/etc/default/ufw", "etc-default-ufw-debian.txt");
        FirewallState notEnabled = only(new LinuxFirewallProbe(tree.root(), new FixtureCommandRunner(), false)
                .firewalls(), "ufw");
        assertEquals(Boolean.FALSE, notEnabled.enabled(), "ufw.conf alone loads nothing at boot");
        assertTrue(notEnabled.detail().contains("ufw.service does not run"), notEnabled.detail());

        Files.createDirectories(dir.resolve("etc/systemd/system/multi-user.target.wants"));
        Files.createSymbolicLink(dir.resolve("etc/systemd/system/multi-user.target.wants/ufw.service"),
                Path.of("/lib/systemd/system/ufw.service"));
        FirewallState ufw = only(new LinuxFirewallProbe(tree.root(), new FixtureCommandRunner(), false).firewalls(), "ufw");
        assertEquals(Boolean.TRUE, ufw.enabled());
        assertTrue(ufw.source().startsWith("/etc/ufw/ufw.conf ENABLED=yes; /etc/default/ufw DEFAULT_INPUT_POLICY=DROP; "
                + "ufw.service is enabled"), ufw.source());

        tree.file("/etc/default/ufw", HostTree.fixture("etc-default-ufw-debian.txt").replace("\"DROP\"", "\"ACCEPT\""));
        assertEquals(Boolean.FALSE, only(new LinuxFirewallProbe(tree.root(), new FixtureCommandRunner(), false)
                .firewalls(), "ufw").enabled());
        tree.file("/etc/ufw/ufw.conf", "ENABLED=no\n");
        assertEquals(Boolean.FALSE, only(new LinuxFirewallProbe(tree.root(), new FixtureCommandRunner(), false)
                .firewalls(), "ufw").enabled());
    }

    @Test
    void ufwLiveNeedsTheServiceActiveAndItsChainsLoaded() throws Exception {
        HostTree tree = new HostTree(dir).fixture("/etc/ufw/ufw.conf", "ufw-conf-enabled.txt")
                .fixture("/etc/default/ufw", "etc-default-ufw-debian.txt").file("/run/systemd/system/.keep", "");
        FixtureCommandRunner running = new FixtureCommandRunner()
                .answer("systemctl is-active ufw.service", 0, "active\n", "")
                .answer("iptables -S", HostTree.fixture("iptables-S-ufw-active.txt"));
        FirewallState on = only(new LinuxFirewallProbe(tree.root(), running, true).firewalls(), "ufw");
        assertEquals(Boolean.TRUE, on.enabled());
        assertTrue(on.source().contains("ufw chains present in the running rule set"), on.source());

        FixtureCommandRunner notLoaded = new FixtureCommandRunner()
                .answer("systemctl is-active ufw.service", 0, "active\n", "")
                .answer("iptables -S", HostTree.fixture("iptables-S-accept-empty.txt"));
        FirewallState flushed = only(new LinuxFirewallProbe(tree.root(), notLoaded, true).firewalls(), "ufw");
        assertEquals(Boolean.FALSE, flushed.enabled(), "rules flushed since boot: ufw.conf still says yes");

        FixtureCommandRunner stopped = new FixtureCommandRunner()
                .answer("systemctl is-active ufw.service", 3, "inactive\n", "")
                .answer("iptables -S", HostTree.fixture("iptables-S-ufw-active.txt"));
        assertEquals(Boolean.FALSE, only(new LinuxFirewallProbe(tree.root(), stopped, true).firewalls(), "ufw").enabled());
    }

    @Test
    void offlineNftablesConfNeedsTheServiceEnabledAndADropPolicy() throws Exception {
        HostTree tree = new HostTree(dir).file("/usr/sbin/nft", "")
                .fixture("/etc/nftables.conf", "etc-nftables-conf-input-drop.txt");
        FirewallState notEnabled = only(new LinuxFirewallProbe(tree.root(), new FixtureCommandRunner(), false)
                .firewalls(), "nftables");
        assertEquals(Boolean.FALSE, notEnabled.enabled(), "rules that are not loaded at boot filter nothing");

        Files.createDirectories(dir.resolve("etc/systemd/system/sysinit.target.wants"));
        Files.createSymbolicLink(dir.resolve("etc/systemd/system/sysinit.target.wants/nftables.service"),
                Path.of("/lib/systemd/system/nftables.service"));
        FirewallState enabled = only(new LinuxFirewallProbe(tree.root(), new FixtureCommandRunner(), false)
                .firewalls(), "nftables");
        assertEquals(Boolean.TRUE, enabled.enabled());
        assertTrue(enabled.source().contains("sysinit.target.wants/nftables.service"), enabled.source());

        tree.fixture("/etc/nftables.conf", "etc-nftables-conf-debian-default.txt");
        assertEquals(Boolean.FALSE, only(new LinuxFirewallProbe(tree.root(), new FixtureCommandRunner(), false)
                .firewalls(), "nftables").enabled(), "Debian's stock file accepts everything");
    }

    @Test
    void firewalldRunningInPublicZoneAndTrustedZone() throws Exception {
        HostTree tree = new HostTree(dir).file("/usr/sbin/firewalld", "").file("/run/systemd/system/.keep", "")
                .fixture("/etc/firewalld/firewalld.conf", "firewalld-conf-public.txt");
        FixtureCommandRunner runner = new FixtureCommandRunner().answer("systemctl is-active firewalld.service", 0, "active\n", "");
        FirewallState running = only(new LinuxFirewallProbe(tree.root(), runner, true).firewalls(), "firewalld");
        assertEquals(Boolean.TRUE, running.enabled());
        assertTrue(running.source().contains("systemctl is-active firewalld.service: active"));

        tree.file("/etc/firewalld/firewalld.conf", "DefaultZone=trusted\n");
        assertEquals(Boolean.FALSE, only(new LinuxFirewallProbe(tree.root(), runner, true).firewalls(), "firewalld").enabled());
    }

    @Test
    void noFirewallInstalledGivesAnEmptyList() throws Exception {
        assertTrue(new LinuxFirewallProbe(new HostTree(dir).dir("/etc").root(), new FixtureCommandRunner(), false)
                .firewalls().isEmpty());
    }
}
