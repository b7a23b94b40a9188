package io.mediapurge.access;

/** A policy document refused on save; the message names the JSON path of the fault, e.g. {@code Statement[1].Effect}. */
public final class MalformedPolicy extends RuntimeException {

    private final String path;
    private final String problem;

    MalformedPolicy(String path, String problem) {
        // Shown to the admin who wrote the policy: the path and the problem are the whole story.
        super((path.isEmpty() ? "policy" : path) + ": " + problem, null, false, false);
        this.path = path;
        this.problem = problem;
    }

    /** Where in the document the fault is, empty for the document as a whole. */
    public String path() {
        return path;
    }

    /** What is wrong there, without the path. */
    public String problem() {
        return problem;
    }
}
