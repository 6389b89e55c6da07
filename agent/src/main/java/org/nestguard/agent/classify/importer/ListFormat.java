package org.nestguard.agent.classify.importer;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/** Reads one list format into normalised lists; one implementation per format. */
public interface ListFormat {
    /** The name {@code nestguard-agent lists import} takes: ut1, hosts, domains or e2guardian. */
    String name();

    /** One line for the command's help: what PATH is. */
    String describe();

    /**
     * Reads the lists at {@code path}.
     *
     * @param category the category to import under, or null to take it from the source where the format names one
     * @throws ListImportException when nothing usable can be imported, saying why and what to do
     * @throws IOException         when a file cannot be read
     */
    ImportResult read(Path path, String category) throws IOException, ListImportException;

    /** Every format. */
    static List<ListFormat> all() {
        return List.of(new Ut1Folder(), new HostsFile(), new DomainList(), new E2guardianPhrases());
    }

    /** The format called {@code name}. */
    static Optional<ListFormat> named(String name) {
        return all().stream().filter(f -> f.name().equals(name)).findFirst();
    }
}
