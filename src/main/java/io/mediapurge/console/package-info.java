/**
 * The console's door: one small view-scoped bean per page (pages in src/main/webapp/console),
 * calling the same services the REST API calls; role checks and their audit in {@link io.mediapurge.console.ConsoleGuard}.
 */
package io.mediapurge.console;
