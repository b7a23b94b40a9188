/**
 * The start class of {@code mediapurge.jar}: checks the settings a server cannot start without,
 * writes the Payara Micro boot commands for the chosen database, boots the server and exits
 * non-zero when the application did not come up.
 */
package io.mediapurge.launcher;
