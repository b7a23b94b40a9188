/**
 * The connection pool's data source class on PostgreSQL. It travels with the launcher as a server
 * library beside the driver (the pool is the server's, shared by JPA and the batch job repository),
 * so the server loads it, not the application.
 */
package io.mediapurge.launcher.pool;
