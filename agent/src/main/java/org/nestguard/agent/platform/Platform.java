package org.nestguard.agent.platform;

/**
 * One operating system's probes, one per concern, in the manner of OSHI's per-platform layout.
 * Each OS package builds one from its own implementations and the seams they read through.
 */
public record Platform(
        String name,
        EncryptionProbe encryption,
        ScreenLockProbe screenLock,
        AccountProbe accounts,
        AntivirusProbe antivirus,
        FirewallProbe firewall,
        UpdateProbe updates,
        SoftwareProbe software,
        LogonNoticeProbe logonNotice,
        GatewayProbe gateway) {
}
