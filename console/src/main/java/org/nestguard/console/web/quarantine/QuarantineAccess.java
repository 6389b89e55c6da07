package org.nestguard.console.web.quarantine;

import io.javalin.http.Context;
import org.nestguard.console.store.Settings;
import org.nestguard.console.web.ActingSetting;
import org.nestguard.console.web.PageAccess;
import org.nestguard.console.web.PageRefusal;

/**
 * The setting a quarantine page acts in, refused when the account holds none of the quarantine roles there (the
 * page gate checks the roles in any setting; routing and holds need them in this one).
 */
final class QuarantineAccess {
    private QuarantineAccess() {
    }

    static ActingSetting acting(Context ctx, Settings settings) {
        ActingSetting acting = ActingSetting.of(ctx, settings).orElseThrow(() -> new PageRefusal(403, "No setting",
                "Your account acts in no setting yet; ask the console's administrator to grant you a role in one."));
        if (!acting.person().hasAny(PageAccess.QUARANTINE.roles())) {
            throw new PageRefusal(403, "Not for your role in this setting", "Quarantine decisions in "
                    + acting.setting().name() + " need the DSL, deputy DSL, manager or headteacher role there; you "
                    + "have " + acting.person().roleNames() + ". Choose another setting.");
        }
        return acting;
    }
}
