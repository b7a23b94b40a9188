package io.mediapurge.access;

import jakarta.ejb.ApplicationException;

/** A provisioning file that cannot be applied; the message is one line: the JSON path of the fault, then the fault. */
@ApplicationException(rollback = true) // nothing of a bad file is applied, and callers see this exception itself
public final class MalformedSeed extends RuntimeException {

    private final String path;
    private final String problem;

    MalformedSeed(String path, String problem) {
        // An operator fixes the file from this line alone; a stack trace would add nothing.
        super(path.isEmpty() ? problem : path + ": " + problem, null, false, false);
        this.path = path;
        this.problem = problem;
    }

    /** Where in the file the fault is, e.g. {@code accounts[0].users[1].accessKeys[0].secret}; empty for the file as a whole. */
    public String path() {
        return path;
    }

    /** What is wrong there. */
    public String problem() {
        return problem;
    }
}
