/** The JSR-352 job purge-media: small named artifacts that drive the one pipeline over pending requests. */
package io.mediapurge.purge.batch;
