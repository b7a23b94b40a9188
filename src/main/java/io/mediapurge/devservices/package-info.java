/**
 * Embedded defaults for a local run: the OSS-compatible endpoint (signatures, storage on disk or
 * in memory, fault injection) that the product uses when no external OSS endpoint is configured,
 * and that tests and benchmarks start on their own.
 */
package io.mediapurge.devservices;
