package org.nestguard.agent.enrolment;

import java.nio.file.Path;
import java.util.Optional;

/** A completed enrolment and, on re-enrolment, where the old outbox was moved. */
public record EnrolmentResult(Enrolment enrolment, int policyVersion, Optional<Path> previousOutbox) {
}
