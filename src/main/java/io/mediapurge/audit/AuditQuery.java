package io.mediapurge.audit;

import java.time.OffsetDateTime;

/**
 * What the audit log is searched by; a null criterion does not narrow it. {@code text} is found in
 * the actor, action, target or detail (any case); {@code who}, {@code action} and {@code target}
 * each in their own column; {@code allowed} true: allowed only, false: refused only.
 */
public record AuditQuery(String text, String who, String action, String target, OffsetDateTime from, OffsetDateTime until,
        Boolean allowed) {

    public static AuditQuery everything() {
        return new AuditQuery(null, null, null, null, null, null, null);
    }
}
