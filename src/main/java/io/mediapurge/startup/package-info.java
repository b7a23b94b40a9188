/** Refusing to start with one clear line naming the setting, and knowing whether the application has started (readiness waits for it). */
package io.mediapurge.startup;
