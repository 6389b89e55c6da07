package org.nestguard.console.peopleapi;

import java.util.Set;
import org.nestguard.console.auth.Account;
import org.nestguard.console.auth.Person;
import org.nestguard.console.server.ApiProblem;
import org.nestguard.console.store.Settings;

/**
 * Which setting a call to people's API acts in, and so the {@link Person} the account is there: {@code
 * ?setting=ID} when given (a setting the account holds no grant in is refused, so the query never widens what
 * someone sees); else the account's only setting; else, for an account with grants everywhere only (admin,
 * technical), every setting. An account with several settings must say which.
 */
final class CallerSetting {
    /** The query parameter naming the setting, taken by every route. */
    static final String PARAMETER = "setting";

    private CallerSetting() {
    }

    /** The account acting in the setting this call names or implies, or the refusal saying what to send. */
    static Person person(Account account, String wanted, Settings settings) {
        Set<String> own = account.settingIds();
        if (wanted != null && !wanted.isBlank()) {
            String id = wanted.strip();
            if (!account.actsIn(id)) {
                throw new ApiProblem(403, "setting-not-yours", "Your account holds no role in setting '" + id
                        + "'; " + yours(own));
            }
            if (settings.find(id).isEmpty()) {
                throw new ApiProblem(404, "setting-unknown", "There is no setting with id '" + id + "'; check the "
                        + "id, or leave out ?setting= to act in every setting");
            }
            return account.actingIn(id);
        }
        if (own.size() == 1) {
            return account.actingIn(own.iterator().next());
        }
        if (own.isEmpty()) {
            return account.actingIn(null);
        }
        throw new ApiProblem(400, "setting-required", "Your account acts in several settings (" + String.join(", ",
                own) + "): say which this call is for with ?setting=ID");
    }

    private static String yours(Set<String> own) {
        return own.isEmpty() ? "your roles are in every setting: leave out ?setting= or name one that exists"
                : "yours " + (own.size() == 1 ? "is " : "are ") + String.join(", ", own);
    }
}
