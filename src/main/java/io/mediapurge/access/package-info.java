/** Identities and permissions: accounts, RAM users, access keys, policies, bucket grants, console users. */
package io.mediapurge.access;
