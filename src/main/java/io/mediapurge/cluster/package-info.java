/** The servers sharing one database: who is alive (heartbeats), so the work of dead ones can be recovered. */
package io.mediapurge.cluster;
