package io.mediapurge.api.rest;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * An operator endpoint whose every signed call goes to the audit log (see {@link OperatorAudit}),
 * with the same action words the console writes, so one search finds both doors.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
@interface Audited {

    /** The action, e.g. {@code START_PURGE}. */
    String value();

    /** What the path parameter {@code id} or {@code executionId} names, e.g. {@code submission}. */
    String target() default "";
}
