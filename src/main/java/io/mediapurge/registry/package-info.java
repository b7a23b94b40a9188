/** The media registry: assets and their physical files, looked up by media ID and by file, in bulk. */
package io.mediapurge.registry;
