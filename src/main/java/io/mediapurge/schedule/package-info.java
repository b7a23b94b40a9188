/**
 * Purge rules (a selection, a cron schedule, the RAM user they act as) and their firing once per
 * cluster through database claims; history retention; the timers that drive both.
 */
package io.mediapurge.schedule;
