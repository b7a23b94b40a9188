/**
 * The operator REST API ({@code /api/v1}), signed with ACS3-HMAC-SHA256 by the same access keys.
 * A resource checks the caller's RAM action and calls a service ({@code purge.service},
 * {@code schedule}, {@code registry}); bodies are read by the {@code *Body} classes and
 * {@code QueryParameters}, answers written by the {@code *Json} classes.
 */
package io.mediapurge.api.rest;
