/**
 * Alibaba Cloud request signatures, as both doors take them: v1 (HMAC-SHA1) and v3
 * (ACS3-HMAC-SHA256), the access keys they are made with and the single-use nonces, kept in the
 * database. docs/signatures.md spells the schemes out.
 */
package io.mediapurge.signing;
