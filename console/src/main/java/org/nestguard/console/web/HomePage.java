package org.nestguard.console.web;

import io.javalin.http.Context;
import io.javalin.http.Handler;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.nestguard.console.auth.Account;
import org.nestguard.console.auth.Grant;
import org.nestguard.console.store.Setting;
import org.nestguard.console.store.Settings;

/** {@code GET /}: the signed-in person's settings and the roles they hold in each. */
final class HomePage implements Handler {
    private final Settings settings;
    private final PageRenderer renderer;

    HomePage(Settings settings, PageRenderer renderer) {
        this.settings = settings;
        this.renderer = renderer;
    }

    @Override
    public void handle(Context ctx) {
        SignedIn signedIn = SignedIn.of(ctx);
        renderer.render(ctx, "home.jte", Map.of("navigation", signedIn.navigation(ctx),
                "name", signedIn.account().name(), "settings", rolesBySetting(signedIn.account())));
    }

    private List<SettingRoles> rolesBySetting(Account account) {
        Map<String, List<String>> roles = new LinkedHashMap<>();
        for (Grant grant : account.grants()) {
            roles.computeIfAbsent(grant.settingId() == null ? "" : grant.settingId(), id -> new ArrayList<>())
                    .add(grant.role().id());
        }
        List<SettingRoles> rows = new ArrayList<>();
        roles.forEach((id, held) -> rows.add(new SettingRoles(id.isEmpty() ? null : id, id.isEmpty()
                ? "Every setting" : settings.find(id).map(Setting::name).orElse(id), held)));
        return rows;
    }
}
