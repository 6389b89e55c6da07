package org.nestguard.agent.platform.windows;

import java.util.List;
import org.nestguard.agent.platform.ProbeException;

/** The seam through which the accounts probe reads the local SAM (Netapi32 on a live machine). */
public interface NetUserReader {

    /** Every normal local account (FILTER_NORMAL_ACCOUNT), with its local group memberships. */
    List<NetUser> users() throws ProbeException;

    /** The localized name of the built-in Administrators group, S-1-5-32-544 ("Administratoren" in German). */
    String administratorsGroupName() throws ProbeException;
}
