package org.nestguard.console.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.security.PrivateKey;
import java.util.concurrent.Callable;
import org.nestguard.console.evidence.EvidenceArchive;
import org.nestguard.console.evidence.EvidenceArchiveException;
import org.nestguard.console.evidence.OpenedEvidence;
import org.nestguard.protocol.crypto.Pem;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code evidence open ARCHIVE --key RECIPIENT_PRIVATE.pem --out DIR}: for the police, who hold the key. */
@Command(name = "evidence", mixinStandardHelpOptions = true, description = "Police evidence archives.",
        subcommands = {EvidenceCommand.Open.class})
public final class EvidenceCommand implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "say what to do: evidence open ARCHIVE --key "
                + "PEM --out DIR");
    }

    /** Opens an archive: writes the file, verified against the manifest's SHA-256, and prints manifest and custody. */
    @Command(name = "open", mixinStandardHelpOptions = true, description = "Unwraps the item key with the "
            + "recipient's private key, opens the sealed item, checks its SHA-256 against the manifest, writes the "
            + "file into DIR and prints the manifest and the chain of custody.")
    static final class Open implements Callable<Integer> {
        @Parameters(index = "0", paramLabel = "ARCHIVE", description = "the evidence zip downloaded from the console")
        Path archive;

        @Option(names = "--key", required = true, paramLabel = "PEM",
                description = "the recipient's RSA private key (the export was made for its public key)")
        Path key;

        @Option(names = "--out", required = true, paramLabel = "DIR", description = "where to write the file")
        Path out;

        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() {
            PrintWriter err = spec.commandLine().getErr();
            try {
                PrivateKey privateKey = Pem.readPrivateKey(Pem.readFile(key), key.toString());
                OpenedEvidence opened = EvidenceArchive.open(archive, privateKey, out);
                PrintWriter print = spec.commandLine().getOut();
                print.println("Wrote " + opened.file() + " (SHA-256 " + opened.sha256() + ", as the manifest "
                        + "recorded before isolation)");
                print.println("Manifest:");
                print.println(opened.manifestJson());
                print.println("Chain of custody:");
                print.println(opened.custodyJson() == null ? "(the archive holds no custody.json: it was not "
                        + "downloaded from the console)" : opened.custodyJson());
                print.flush();
                return 0;
            } catch (EvidenceArchiveException e) {
                err.println(e.getMessage());
                return ConsoleCommand.USAGE_OR_POLICY_ERROR;
            } catch (java.nio.file.FileAlreadyExistsException e) {
                err.println(e.getFile() + " exists already; choose an empty --out folder, nothing is overwritten");
                return ConsoleCommand.USAGE_OR_POLICY_ERROR;
            } catch (IOException e) {
                err.println("Cannot open " + archive + ": " + e.getMessage());
                return ConsoleCommand.USAGE_OR_POLICY_ERROR;
            }
        }
    }
}
