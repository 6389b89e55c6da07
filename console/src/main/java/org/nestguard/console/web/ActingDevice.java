package org.nestguard.console.web;

import io.javalin.http.Context;
import org.nestguard.console.auth.Account;
import org.nestguard.console.store.Device;
import org.nestguard.console.store.Devices;
import org.nestguard.console.store.Settings;

/**
 * The device a page at {@code /devices/{id}} is about, and the setting it belongs to as the signed-in person acts
 * there. A device of a setting the person does not act in is refused with the same 404 as one that does not
 * exist, so the page says nothing about other settings' devices.
 */
record ActingDevice(ActingSetting acting, Device device) {

    static ActingDevice of(Context ctx, Settings settings, Devices devices) {
        String id = ctx.pathParam("id");
        Account account = SignedIn.of(ctx).account();
        Device device = devices.find(id).filter(found -> account.actsIn(found.settingId()))
                .orElseThrow(() -> new PageRefusal(404, "No such device", "There is no device with the id '"
                        + PageQuery.shorten(id) + "' in your settings. Find it in the device list."));
        ActingSetting acting = new ActingSetting(settings.find(device.settingId()).orElseThrow(),
                account.actingIn(device.settingId()), settings.list().stream()
                .filter(setting -> account.actsIn(setting.id())).toList());
        return new ActingDevice(acting, device);
    }

    /** The setting the page acts in, or a 404 page when the account acts in none. */
    static ActingSetting actingOrRefuse(Context ctx, Settings settings) {
        return ActingSetting.of(ctx, settings).orElseThrow(() -> new PageRefusal(404, "No setting",
                "Your account acts in no setting yet. Ask the console's administrator to grant you a role in one."));
    }

    /** The device page's address, in its setting. */
    String link() {
        return acting.link(WebPages.DEVICES + "/" + device.id());
    }
}
