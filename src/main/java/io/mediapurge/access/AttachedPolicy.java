package io.mediapurge.access;

import java.util.Objects;

/** A policy as attached to a RAM user (directly or through a group): its name, for audit, and its document. */
public record AttachedPolicy(String name, PolicyDocument document) {

    public AttachedPolicy {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(document, "document");
    }
}
