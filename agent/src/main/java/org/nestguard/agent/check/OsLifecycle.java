package org.nestguard.agent.check;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.LocalDate;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.nestguard.agent.platform.OsRelease;

/** When each operating system release stops getting security updates (policies/lifecycle/os-lifecycle.yaml). */
public final class OsLifecycle {
    static final String RESOURCE = "/nestguard/policies/lifecycle/os-lifecycle.yaml";

    /** One release's support dates. */
    public record Entry(String family, String version, List<String> nameIncludes, List<String> editions,
                        LocalDate securityEnds, LocalDate extendedEnds, String extendedBy, String source) {
        public Entry {
            nameIncludes = nameIncludes == null ? List.of() : List.copyOf(nameIncludes);
            editions = editions == null ? List.of() : List.copyOf(editions);
        }

        boolean matches(OsRelease release) {
            String name = release.name() == null ? "" : release.name().toLowerCase(Locale.ROOT);
            return family.equalsIgnoreCase(release.family())
                    && version.equalsIgnoreCase(release.version())
                    && nameIncludes.stream().allMatch(n -> name.contains(n.toLowerCase(Locale.ROOT)))
                    && (editions.isEmpty() || editions.stream().anyMatch(e -> name.contains(e.toLowerCase(Locale.ROOT))));
        }

        /** The last day of any security support. */
        public LocalDate lastSupported() {
            return extendedEnds == null ? securityEnds : extendedEnds;
        }
    }

    private final List<Entry> entries;

    public OsLifecycle(List<Entry> entries) {
        this.entries = List.copyOf(entries);
    }

    /** The table shipped with the agent. */
    public static OsLifecycle bundled() {
        ObjectMapper mapper = YAMLMapper.builder().addModule(new JavaTimeModule())
                .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES).build();
        try (InputStream in = OsLifecycle.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(RESOURCE + " is missing from the agent's class path; rebuild the agent");
            }
            return new OsLifecycle(mapper.readValue(in, new TypeReference<List<Entry>>() { }));
        } catch (IOException e) {
            throw new UncheckedIOException("the bundled " + RESOURCE + " cannot be read", e);
        }
    }

    /** The first entry that matches; entries for particular editions come before the general one. */
    public Optional<Entry> find(OsRelease release) {
        return entries.stream().filter(e -> e.matches(release)).findFirst();
    }
}
