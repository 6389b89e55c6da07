package org.nestguard.agent.check;

/** The device controls the agent checks, with the identifier reports use. */
public enum Control {
    ENCRYPTION("encryption", "Disk encryption"),
    SCREEN_LOCK("screen-lock", "Automatic screen lock"),
    ACCOUNTS("accounts", "Accounts and passwords"),
    LEARNER_ACCOUNTS("learner-accounts", "Learner accounts are not administrators"),
    ANTIVIRUS("antivirus", "Antivirus"),
    FIREWALL("firewall", "Firewall"),
    UPDATES("updates", "Supported OS and security updates"),
    SOFTWARE("software", "Approved software"),
    LOGON_NOTICE("logon-notice", "Monitoring notice at logon");

    private final String id;
    private final String title;

    Control(String id, String title) {
        this.id = id;
        this.title = title;
    }

    public String id() {
        return id;
    }

    public String title() {
        return title;
    }
}
