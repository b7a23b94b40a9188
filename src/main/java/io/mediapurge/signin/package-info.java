/**
 * Console sign-in: a Jakarta Security form login over the {@code console_user} table, the
 * throttle on repeated failures, the first {@code admin} of a fresh server, and the end of a
 * session whose user's password or roles changed, or who was removed.
 */
package io.mediapurge.signin;
