/** How the application comes up: the order of startup steps, and refusing to start with one clear line. */
package io.mediapurge.startup;
