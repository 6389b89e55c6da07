package org.nestguard.console.store;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.ValueInstantiationException;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import org.nestguard.protocol.monitoring.Flag;
import org.nestguard.protocol.monitoring.FlagRaised;
import org.nestguard.protocol.monitoring.HistoryNotice;
import org.nestguard.protocol.monitoring.HistoryVisits;
import org.nestguard.protocol.monitoring.Visit;
import org.nestguard.protocol.wire.Event;
import org.nestguard.protocol.wire.WireJson;

/**
 * The monitoring payloads of one check-in, read and checked before its transaction starts: a payload that is not
 * its record, or holds a value the store cannot keep, refuses the whole check-in with the event's sequence and
 * the field, so nothing of it is half-stored.
 */
final class MonitoringBatch {
    private static final ObjectMapper MAPPER = WireJson.mapper();
    static final int MAX_BROWSER = 50;
    static final int MAX_NAME = 200;
    static final int MAX_TRANSITION = 20;
    static final int MAX_ID = 100;

    private final Map<Event, Object> payloads;

    private MonitoringBatch(Map<Event, Object> payloads) {
        this.payloads = payloads;
    }

    /** Reads every monitoring event of the batch; other event types are left alone. */
    static MonitoringBatch read(List<Event> events) {
        Map<Event, Object> payloads = new IdentityHashMap<>();
        for (Event event : events) {
            Class<?> record = switch (event.type()) {
                case HistoryVisits.TYPE -> HistoryVisits.class;
                case FlagRaised.TYPE -> FlagRaised.class;
                case HistoryNotice.TYPE -> HistoryNotice.class;
                default -> null;
            };
            if (record == null) {
                continue;
            }
            Object payload = parse(event, record);
            check(event, payload);
            payloads.put(event, payload);
        }
        return new MonitoringBatch(payloads);
    }

    /** The event's payload as its record, or a refusal naming the event and the field that is wrong. */
    static Object parse(Event event, Class<?> record) {
        Object payload;
        try {
            payload = MAPPER.treeToValue(event.payload(), record);
        } catch (JsonProcessingException | IllegalArgumentException e) {
            throw refusal(event, record, e);
        }
        if (payload == null) {
            throw new IllegalArgumentException(prefix(event) + "has a null payload; send a "
                    + record.getSimpleName() + " object");
        }
        return payload;
    }

    /** The parsed payload of this event (the same instance that was read), or null when it is not monitoring. */
    Object payload(Event event) {
        return payloads.get(event);
    }

    boolean isEmpty() {
        return payloads.isEmpty();
    }

    private static void check(Event event, Object payload) {
        if (payload instanceof HistoryVisits batch) {
            for (int i = 0; i < batch.visits().size(); i++) {
                checkVisit(event, "visits[" + i + "]", batch.visits().get(i));
            }
        } else if (payload instanceof FlagRaised flag) {
            checkLength(event, "flagId", flag.flagId(), MAX_ID);
            if (flag.selfTestId() != null) {
                checkLength(event, "selfTestId", flag.selfTestId(), MAX_ID);
            }
            checkVisit(event, "visit", flag.visit());
            for (int i = 0; i < flag.flags().size(); i++) {
                Flag reason = flag.flags().get(i);
                checkLength(event, "flags[" + i + "].category", reason.category(), MAX_NAME / 2);
            }
            for (int i = 0; i < flag.before().size(); i++) {
                checkVisit(event, "before[" + i + "]", flag.before().get(i));
            }
            for (int i = 0; i < flag.after().size(); i++) {
                checkVisit(event, "after[" + i + "]", flag.after().get(i));
            }
        } else if (payload instanceof HistoryNotice notice) {
            checkLength(event, "browser", notice.browser(), MAX_BROWSER);
            checkLength(event, "profile", notice.profile(), MAX_NAME);
            checkLength(event, "account", notice.account(), MAX_NAME);
        }
    }

    private static void checkVisit(Event event, String where, Visit visit) {
        if (visit == null) {
            throw new IllegalArgumentException(prefix(event) + "has an empty visit at " + where + "; send each "
                    + "visit as an object");
        }
        checkLength(event, where + ".url", visit.url(), Integer.MAX_VALUE);
        checkLength(event, where + ".browser", visit.browser(), MAX_BROWSER);
        checkLength(event, where + ".profile", visit.profile(), MAX_NAME);
        checkLength(event, where + ".account", visit.account(), MAX_NAME);
        checkLength(event, where + ".transition", visit.transition(), MAX_TRANSITION);
    }

    static void checkLength(Event event, String field, String value, int max) {
        if (value.isBlank()) {
            throw new IllegalArgumentException(prefix(event) + "has an empty " + field + "; it is required");
        }
        if (value.length() > max) {
            throw new IllegalArgumentException(prefix(event) + "has a " + field + " of " + value.length()
                    + " characters; at most " + max + " are kept");
        }
    }

    private static IllegalArgumentException refusal(Event event, Class<?> record, Exception e) {
        String problem = e.getMessage();
        String where = "";
        if (e instanceof JsonMappingException mapping) {
            where = path(mapping);
            problem = mapping.getOriginalMessage();
            Throwable cause = mapping.getCause();
            if (mapping instanceof ValueInstantiationException && cause != null) {
                // the records check their own fields: a NullPointerException names the missing one
                if (cause instanceof NullPointerException) {
                    problem = cause.getMessage() == null ? "a required field is missing"
                            : "the required field '" + cause.getMessage() + "' is missing";
                } else {
                    problem = cause.getMessage();
                }
            }
        } else if (e instanceof JsonProcessingException processing) {
            problem = processing.getOriginalMessage();
        }
        return new IllegalArgumentException(prefix(event) + "is not a valid " + record.getSimpleName()
                + (where.isEmpty() ? "" : " at " + where) + ": " + problem, e);
    }

    private static String path(JsonMappingException e) {
        StringBuilder path = new StringBuilder();
        for (JsonMappingException.Reference reference : e.getPath()) {
            if (reference.getFieldName() != null) {
                if (path.length() > 0) {
                    path.append('.');
                }
                path.append(reference.getFieldName());
            } else if (reference.getIndex() >= 0) {
                path.append('[').append(reference.getIndex()).append(']');
            }
        }
        return path.toString();
    }

    static String prefix(Event event) {
        return "event " + event.sequence() + " (" + event.type() + ") ";
    }
}
