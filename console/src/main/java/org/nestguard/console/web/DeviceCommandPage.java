package org.nestguard.console.web;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import org.nestguard.console.peopleapi.DeviceCommandHandler;
import org.nestguard.console.server.Console;
import org.nestguard.console.store.TechnicalChanges;

/**
 * {@code POST /devices/{id}/check-now} and {@code POST /devices/{id}/self-test}: what the people API's command
 * and self-test routes do, from the device page (audited), then back to the page saying what was queued.
 */
final class DeviceCommandPage {
    private final Console console;
    private final TechnicalChanges changes;

    DeviceCommandPage(Console console, TechnicalChanges changes) {
        this.console = console;
        this.changes = changes;
    }

    void checkNow(Context ctx) {
        ActingDevice found = ActingDevice.of(ctx, console.settings(), console.devices());
        changes.command(found.acting().person(), found.device(), DeviceCommandHandler.CHECK_NOW,
                JsonNodeFactory.instance.objectNode());
        ctx.redirect(found.link() + "&done=check-now", HttpStatus.SEE_OTHER);
    }

    void selfTest(Context ctx) {
        ActingDevice found = ActingDevice.of(ctx, console.settings(), console.devices());
        // the self-test log's own request: it queues the command and audits it
        console.selfTests().request(found.acting().person(), found.device().id());
        ctx.redirect(found.link() + "&done=self-test", HttpStatus.SEE_OTHER);
    }
}
