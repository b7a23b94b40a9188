/**
 * Console sign-in: a Jakarta Security form login over the {@code console_user} table, the
 * throttle on repeated failures, and the first {@code admin} of a fresh server.
 */
package io.mediapurge.signin;
