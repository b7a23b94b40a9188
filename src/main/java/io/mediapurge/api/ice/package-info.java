/**
 * The IMS-compatible endpoint: signature check (v1 and ACS3) against the access keys and the
 * shared nonce table in the database, parameters, error shape.
 */
package io.mediapurge.api.ice;
