package org.nestguard.console.web;

import io.javalin.http.Context;
import java.util.List;
import org.nestguard.console.auth.Account;
import org.nestguard.console.auth.Person;
import org.nestguard.console.store.Setting;
import org.nestguard.console.store.Settings;

/**
 * The setting a page acts in and the person the signed-in account is there. Pages that show one setting's
 * records take {@code ?setting=ID}; without it they show the first setting (by id) the account acts in. A setting
 * the account holds no grant in is refused, so changing the query never widens what someone sees.
 *
 * @param setting the setting shown
 * @param person  the account acting in it: the roles granted there or everywhere, and routing by that setting
 * @param choices every setting the account may switch to, for the picker
 */
public record ActingSetting(Setting setting, Person person, List<Setting> choices) {
    /** The query parameter naming the setting. */
    public static final String PARAMETER = "setting";

    /** The setting this request asks for (or the first the account acts in), or empty when it acts in none. */
    public static java.util.Optional<ActingSetting> of(Context ctx, Settings settings) {
        Account account = SignedIn.of(ctx).account();
        List<Setting> choices = settings.list().stream().filter(setting -> account.actsIn(setting.id())).toList();
        String wanted = ctx.queryParam(PARAMETER);
        if (wanted == null || wanted.isBlank()) {
            return choices.stream().findFirst().map(setting -> new ActingSetting(setting,
                    account.actingIn(setting.id()), choices));
        }
        Setting chosen = choices.stream().filter(setting -> setting.id().equals(wanted.strip())).findFirst()
                .orElseThrow(() -> new PageRefusal(404, "No such setting", "You act in no setting with the id '"
                        + wanted.strip() + "'. Choose one of your settings from the list on the home page."));
        return java.util.Optional.of(new ActingSetting(chosen, account.actingIn(chosen.id()), choices));
    }

    /** The setting's id, for links that keep it. */
    public String id() {
        return setting.id();
    }

    /** {@code path?setting=ID}: a link to another page of the same setting. */
    public String link(String path) {
        return path + (path.contains("?") ? "&" : "?") + PARAMETER + "="
                + java.net.URLEncoder.encode(setting.id(), java.nio.charset.StandardCharsets.UTF_8);
    }
}
