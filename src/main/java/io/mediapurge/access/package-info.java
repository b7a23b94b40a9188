/** Who may do what: RAM-style policies and their evaluation, resource names, bucket grants. */
package io.mediapurge.access;
