/** The application's one database: schema migrations before first use, and readiness. */
package io.mediapurge.database;
