package org.nestguard.console.peopleapi;

import java.util.Optional;
import java.util.function.Supplier;
import org.nestguard.console.server.ApiProblem;
import org.nestguard.console.store.DeviceOnHoldException;

/**
 * Runs a flagged-file request and answers its refusals the same way on every route: 400 for a missing or wrong
 * field, 409 {@code device-on-hold} while a hold forbids it, 409 {@code state-conflict} when the item's state does
 * not allow it, 404 for an item the caller may not see (as for one that does not exist).
 */
final class FileDecisions {
    private FileDecisions() {
    }

    static <T> T run(String itemId, Supplier<Optional<T>> work) {
        return attempt(() -> work.get().orElseThrow(() -> unknownItem(itemId)));
    }

    static <T> T attempt(Supplier<T> work) {
        try {
            return work.get();
        } catch (DeviceOnHoldException e) {
            throw new ApiProblem(409, "device-on-hold", e.getMessage());
        } catch (IllegalArgumentException e) {
            throw new ApiProblem(400, "malformed-request", e.getMessage());
        } catch (IllegalStateException e) {
            throw new ApiProblem(409, "state-conflict", e.getMessage());
        }
    }

    static ApiProblem unknownItem(String id) {
        return new ApiProblem(404, "quarantine-unknown", "There is no quarantine item with id '" + id + "' among "
                + "yours; list them with GET /api/v1/quarantine");
    }
}
