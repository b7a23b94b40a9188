/** The operator REST API ({@code /api/v1}), signed with ACS3-HMAC-SHA256 by the same access keys. */
package io.mediapurge.api.rest;
