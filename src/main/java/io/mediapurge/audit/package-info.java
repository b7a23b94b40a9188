/** The audit log: every door records who asked for what, from where, and whether it was allowed. */
package io.mediapurge.audit;
