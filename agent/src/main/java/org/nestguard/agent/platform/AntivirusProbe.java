package org.nestguard.agent.platform;

import java.util.List;

/** Lists the antivirus products the OS knows of, with their state and signature age. */
public interface AntivirusProbe {
    List<AntivirusProduct> products() throws ProbeException;
}
