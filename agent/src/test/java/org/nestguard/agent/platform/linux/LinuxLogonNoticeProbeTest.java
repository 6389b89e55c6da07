package org.nestguard.agent.platform.linux;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nestguard.agent.platform.LogonNotice;

/**
 * Fixture formats: etc-issue-debian12, etc-issue-net-debian12, etc-motd-debian12 and etc-os-release-debian12 are real
 * captures from this Debian 12 machine; gdm3-greeter-dconf-defaults-debian is Debian's shipped file and the -banner
 * variant has the documented keys set (GVariant quoting, \' and \n escapes); dconf-gdm-d-* follow dconf(7) keyfiles;
 * the Ubuntu and Fedora issue files are those distributions' stock texts; sshd-config-banner follows sshd_config(5).
 */
class LinuxLogonNoticeProbeTest {
    @TempDir
    Path dir;

    private HostTree debian() {
        return new HostTree(dir).fixture("/etc/os-release", "etc-os-release-debian12.txt")
                .fixture("/etc/issue", "etc-issue-debian12.txt")
                .fixture("/etc/issue.net", "etc-issue-net-debian12.txt")
                .fixture("/etc/motd", "etc-motd-debian12.txt")
                .fixture("/etc/gdm3/greeter.dconf-defaults", "gdm3-greeter-dconf-defaults-debian.txt");
    }

    @Test
    void stockDebianHasNoNotice() throws Exception {
        assertEquals(List.of(), new LinuxLogonNoticeProbe(debian().root()).notices());
    }

    @Test
    void gdmBannerIsUnquotedAndUnescaped() throws Exception {
        HostTree tree = debian().fixture("/etc/gdm3/greeter.dconf-defaults", "gdm3-greeter-dconf-defaults-banner.txt");
        List<LogonNotice> notices = new LinuxLogonNoticeProbe(tree.root()).notices();
        assertEquals(1, notices.size());
        assertEquals("GDM greeter", notices.get(0).where());
        assertEquals("This computer belongs to Oak Tree Primary School.\nUse is monitored under the school's online safety policy.",
                notices.get(0).text());
        assertTrue(notices.get(0).source().contains("banner-message-enable=true"));
    }

    @Test
    void gdmDconfDatabaseOverridesTheDefaultsFile() throws Exception {
        HostTree tree = debian().fixture("/etc/gdm3/greeter.dconf-defaults", "gdm3-greeter-dconf-defaults-banner.txt")
                .fixture("/etc/dconf/db/gdm.d/01-banner", "dconf-gdm-d-01-banner-off.txt");
        assertEquals(List.of(), new LinuxLogonNoticeProbe(tree.root()).notices());
    }

    @Test
    void customIssueIsAConsoleNoticeAndMotdIsAfterLogon() throws Exception {
        HostTree tree = debian().fixture("/etc/issue", "etc-issue-school-notice.txt")
                .file("/etc/motd", "Remember: report anything worrying to the DSL, Mrs Patel.\n");
        List<LogonNotice> notices = new LinuxLogonNoticeProbe(tree.root()).notices();
        assertEquals(2, notices.size(), notices.toString());
        assertEquals("console login", notices.get(0).where());
        assertEquals("Oak Tree Primary School - authorised users only.\nActivity on this device is monitored.",
                notices.get(0).text());
        assertEquals("after logon (motd)", notices.get(1).where());
        assertEquals("/etc/motd", notices.get(1).source());
        assertEquals(LogonNotice.Stage.AFTER_LOGON, notices.get(1).stage());
    }

    @Test
    void consoleAndSshNoticesAreSideDoorsWhenADisplayManagerIsInstalled() throws Exception {
        HostTree tree = debian().fixture("/etc/issue", "etc-issue-school-notice.txt")
                .file("/etc/issue.net", "Authorised staff only.\n").fixture("/etc/ssh/sshd_config", "sshd-config-banner.txt");
        List<LogonNotice> serverNotices = new LinuxLogonNoticeProbe(tree.root()).notices();
        assertEquals(List.of(LogonNotice.Stage.BEFORE_LOGON, LogonNotice.Stage.BEFORE_LOGON),
                serverNotices.stream().map(LogonNotice::stage).toList(), "no greeter: the console and SSH are the way in");

        tree.file("/usr/sbin/lightdm", "");
        List<LogonNotice> desktopNotices = new LinuxLogonNoticeProbe(tree.root()).notices();
        assertEquals(List.of(LogonNotice.Stage.BEFORE_SECONDARY_LOGON, LogonNotice.Stage.BEFORE_SECONDARY_LOGON),
                desktopNotices.stream().map(LogonNotice::stage).toList());
        assertTrue(desktopNotices.get(0).source().contains("people log on through the greeter: LightDM (/usr/sbin/lightdm)"),
                desktopNotices.get(0).source());
    }

    @Test
    void gdmDotDBannerCountsBeforeLogonOnlyOnceCompiled() throws Exception {
        HostTree tree = debian().file("/usr/sbin/gdm3", "").fixture("/etc/dconf/db/gdm.d/01-banner",
                "dconf-gdm-d-01-banner-on.txt");
        LogonNotice notCompiled = new LinuxLogonNoticeProbe(tree.root()).notices().get(0);
        assertEquals(LogonNotice.Stage.BEFORE_SECONDARY_LOGON, notCompiled.stage());
        assertEquals("GDM greeter, not compiled: run dconf update", notCompiled.where());
        assertTrue(notCompiled.source().contains("/etc/dconf/db/gdm does not exist"), notCompiled.source());

        tree.file("/etc/dconf/db/gdm", "GVariant");
        Files.setLastModifiedTime(dir.resolve("etc/dconf/db/gdm"), FileTime.from(Instant.parse("2026-09-01T08:00:00Z")));
        Files.setLastModifiedTime(dir.resolve("etc/dconf/db/gdm.d/01-banner"),
                FileTime.from(Instant.parse("2026-10-01T08:00:00Z")));
        LogonNotice stale = new LinuxLogonNoticeProbe(tree.root()).notices().get(0);
        assertEquals(LogonNotice.Stage.BEFORE_SECONDARY_LOGON, stale.stage());
        assertTrue(stale.source().contains("is older than the newest gdm.d keyfile"), stale.source());

        Files.setLastModifiedTime(dir.resolve("etc/dconf/db/gdm"), FileTime.from(Instant.parse("2026-10-02T08:00:00Z")));
        LogonNotice compiled = new LinuxLogonNoticeProbe(tree.root()).notices().get(0);
        assertEquals(LogonNotice.Stage.BEFORE_LOGON, compiled.stage());
        assertEquals("GDM greeter", compiled.where());
        assertEquals("Oak Tree Primary School devices are monitored.", compiled.text());
    }

    @Test
    void issueNetCountsOnlyWhenSshdShowsIt() throws Exception {
        HostTree tree = debian().file("/etc/issue.net", "Authorised staff only.\n");
        assertEquals(List.of(), new LinuxLogonNoticeProbe(tree.root()).notices(), "no Banner in sshd_config");
        tree.fixture("/etc/ssh/sshd_config", "sshd-config-banner.txt");
        List<LogonNotice> notices = new LinuxLogonNoticeProbe(tree.root()).notices();
        assertEquals("SSH login (sshd_config Banner)", notices.get(0).where());
        assertTrue(notices.get(0).source().startsWith("/etc/issue.net (no display manager installed"),
                notices.get(0).source());
    }

    @Test
    void otherDistributionsStockIssueIsNotANotice() {
        assertTrue(IssueText.isStock(HostTree.fixture("etc-issue-ubuntu-2204.txt"), List.of("Ubuntu", "ubuntu")));
        assertTrue(IssueText.isStock(HostTree.fixture("etc-issue-fedora.txt"), List.of("Fedora Linux", "fedora")));
        assertTrue(!IssueText.isStock(HostTree.fixture("etc-issue-school-notice.txt"), List.of("Debian GNU/Linux")));
    }
}
