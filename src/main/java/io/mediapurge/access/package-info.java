/**
 * Identities and permissions: accounts, RAM users, access keys, console users, RAM-style policies
 * and their evaluation, resource names, bucket grants.
 */
package io.mediapurge.access;
