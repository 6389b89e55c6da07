package org.nestguard.agent.platform.windows;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.nestguard.agent.platform.LogonNotice;
import org.nestguard.agent.platform.LogonNoticeProbe;
import org.nestguard.agent.platform.ProbeException;
import org.nestguard.agent.platform.windows.RegistryReader.Hive;

/**
 * The legal notice Windows shows before logon ("Interactive logon: Message title/text"). Group Policy writes it to
 * {@code Policies\System}; older tools write it to {@code Winlogon}. The policy copy is the one Windows shows, so
 * the Winlogon copy is only reported when there is no policy notice ({@link PolicyOverride}).
 */
public final class WindowsLogonNoticeProbe implements LogonNoticeProbe {
    static final String POLICY = "SOFTWARE\\Microsoft\\Windows\\CurrentVersion\\Policies\\System";
    static final String WINLOGON = "SOFTWARE\\Microsoft\\Windows NT\\CurrentVersion\\Winlogon";
    private static final String WHERE = "Windows logon screen";

    private final RegistryReader registry;

    public WindowsLogonNoticeProbe(RegistryReader registry) {
        this.registry = registry;
    }

    @Override
    public List<LogonNotice> notices() throws ProbeException {
        List<LogonNotice> notices = new ArrayList<>();
        PolicyOverride.effective(POLICY, WINLOGON, this::notice).ifPresent(n -> notices.add(n.value()));
        return notices;
    }

    /** The caption and text in one key; value names are case-insensitive, as Windows reads them. */
    private Optional<LogonNotice> notice(String key) throws ProbeException {
        String captionValue = "LegalNoticeCaption";
        String textValue = "LegalNoticeText";
        Optional<String> caption = text(key, captionValue);
        Optional<String> text = text(key, textValue);
        // Windows shows the notice only when there is text; a caption alone shows nothing.
        if (text.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new LogonNotice(caption.orElse(null), text.get(), WHERE, LogonNotice.Stage.BEFORE_LOGON,
                Hive.HKEY_LOCAL_MACHINE.path(key) + " " + captionValue + ", " + textValue));
    }

    /** REG_SZ normally; security templates sometimes store the text as REG_MULTI_SZ, one line per string. */
    private Optional<String> text(String key, String value) throws ProbeException {
        Optional<String> single = registry.string(Hive.HKEY_LOCAL_MACHINE, key, value);
        Optional<String> joined = single.isPresent() ? single
                : registry.multiString(Hive.HKEY_LOCAL_MACHINE, key, value).map(lines -> String.join("\n", lines));
        return joined.map(String::strip).filter(t -> !t.isEmpty());
    }
}
