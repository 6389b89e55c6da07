package org.nestguard.console.web;

import io.javalin.http.Context;
import org.nestguard.console.store.Settings;

/** The setting a safeguarding page acts in, or a refusal page when the account acts in none. */
final class RequiredSetting {
    private RequiredSetting() {
    }

    static ActingSetting of(Context ctx, Settings settings) {
        return ActingSetting.of(ctx, settings).orElseThrow(() -> new PageRefusal(403, "No setting",
                "Your account holds no role in any setting, so there are no records to show. Ask the console's "
                        + "administrator to grant you your role in your setting."));
    }
}
