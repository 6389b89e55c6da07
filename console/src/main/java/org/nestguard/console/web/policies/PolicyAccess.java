package org.nestguard.console.web.policies;

import io.javalin.http.Context;
import org.nestguard.console.store.Settings;
import org.nestguard.console.web.ActingSetting;
import org.nestguard.console.web.PageAccess;
import org.nestguard.console.web.PageRefusal;

/**
 * The setting a policy page acts in, refused when the account's roles there are not those of the page's group (the
 * page gate checks the roles in any setting; proposing and approving are per setting).
 */
final class PolicyAccess {
    private PolicyAccess() {
    }

    static ActingSetting acting(Context ctx, Settings settings, PageAccess group, String what) {
        ActingSetting acting = ActingSetting.of(ctx, settings).orElseThrow(() -> new PageRefusal(403, "No setting",
                "Your account acts in no setting yet; ask the console's administrator to grant you a role in one."));
        if (!acting.person().hasAny(group.roles())) {
            throw new PageRefusal(403, "Not for your role in this setting", what + " in " + acting.setting().name()
                    + " needs one of the roles " + String.join(", ", group.roles().stream().map(r -> r.id())
                    .sorted().toList()) + " there; you have " + acting.person().roleNames() + ".");
        }
        return acting;
    }
}
