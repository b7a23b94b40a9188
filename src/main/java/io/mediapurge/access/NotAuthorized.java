package io.mediapurge.access;

/** A principal's policies do not allow an action on a resource; every door answers it as a refusal. */
public final class NotAuthorized extends RuntimeException {

    public NotAuthorized(String action, ResourceArn resource) {
        super("You are not authorized to perform " + action + " on " + resource + ".", null, false, false);
    }
}
