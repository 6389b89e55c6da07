package org.nestguard.agent.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import org.nestguard.agent.enrolment.AgentHome;
import org.nestguard.agent.quarantine.VaultRecord;
import org.nestguard.agent.quarantine.VaultStore;
import org.nestguard.protocol.files.FileFacts;
import org.nestguard.protocol.wire.WireJson;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code quarantine}: shows the vault's records on this device; metadata only, never content. */
@Command(name = "quarantine", mixinStandardHelpOptions = true,
        description = "Shows what this device's quarantine vault holds (metadata only; nothing is ever opened).",
        subcommands = {QuarantineCommand.ListItems.class})
public final class QuarantineCommand implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "say what to do: list");
    }

    /** {@code quarantine list}. */
    @Command(name = "list", mixinStandardHelpOptions = true,
            description = "Lists the items in the vault: id, when and why isolated, the file's path, size, kind "
                    + "and SHA-256. Run as root (Administrator): the vault is readable by the agent's account only.",
            exitCodeListHeading = "Exit status:%n",
            exitCodeList = {"0:listed (possibly none)", "2:the vault cannot be read"})
    static final class ListItems implements Callable<Integer> {
        @Option(names = "--data", paramLabel = "DIR",
                description = "the agent's data folder (default: ${DEFAULT-VALUE})")
        Path data = AgentHome.defaultRoot();

        @Option(names = "--json", description = "print the records as JSON")
        boolean asJson;

        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() {
            PrintWriter out = spec.commandLine().getOut();
            List<VaultRecord> records;
            Path vault = new AgentHome(data).vault();
            try {
                records = new VaultStore(vault).records();
            } catch (IOException e) {
                spec.commandLine().getErr().println("cannot read the vault " + vault + ": " + e.getMessage()
                        + "; run as root (Administrator), the vault is readable by the agent's account only");
                return AgentCommand.USAGE_OR_POLICY_ERROR;
            }
            if (asJson) {
                printJson(records, out);
            } else if (records.isEmpty()) {
                out.println("The vault at " + vault + " holds no items.");
            } else {
                out.printf("%-36s  %-20s  %12s  %-8s  %s%n", "ITEM", "ISOLATED", "BYTES", "KIND", "PATH / WHY");
                for (VaultRecord record : records) {
                    FileFacts facts = record.item().facts();
                    out.printf("%-36s  %-20s  %12d  %-8s  %s%n", record.itemId(),
                            record.item().isolatedAt().toString().substring(0, 19) + "Z", facts.size(),
                            facts.kind().name().toLowerCase(), facts.path());
                    out.printf("%-36s  %-20s  %12s  %-8s  sha256 %s; %s%n", "", "", "", "", facts.sha256(),
                            record.item().matches().stream().map(m -> m.name() + " (" + m.matched() + ")")
                                    .collect(Collectors.joining(", ")));
                }
            }
            out.flush();
            return 0;
        }

        // The wrapped key is left out: it is of use only to the console, and a listing is for people.
        private static void printJson(List<VaultRecord> records, PrintWriter out) {
            ObjectMapper json = WireJson.mapper();
            ArrayNode items = json.createArrayNode();
            for (VaultRecord record : records) {
                ObjectNode item = items.addObject();
                item.put("itemId", record.itemId());
                item.put("isolatedAt", record.item().isolatedAt().toString());
                item.set("file", json.valueToTree(record.item().facts()));
                item.set("matches", json.valueToTree(record.item().matches()));
                item.put("vaultBytes", record.item().vaultBytes());
                item.put("evidenceKeyFingerprint", record.item().evidenceKeyFingerprint());
                item.set("custody", json.valueToTree(record.custody()));
            }
            try {
                out.println(json.writerWithDefaultPrettyPrinter().writeValueAsString(items));
            } catch (IOException e) {
                throw new IllegalStateException("vault records always write as JSON", e);
            }
        }
    }
}
