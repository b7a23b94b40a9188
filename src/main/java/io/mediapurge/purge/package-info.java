/** Deletion requests, submissions and outcomes; the one pipeline (registry, permission, deletion) both drivers use. */
package io.mediapurge.purge;
