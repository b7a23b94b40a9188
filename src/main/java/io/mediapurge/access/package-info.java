/**
 * Identities and permissions: accounts, RAM users, access keys (secrets encrypted at rest with
 * the master key), console users, RAM-style policies and their evaluation, resource names,
 * bucket grants, and the provisioning file that creates them.
 */
package io.mediapurge.access;
