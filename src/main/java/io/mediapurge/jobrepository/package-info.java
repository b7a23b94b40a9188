/**
 * The SQL over the executions' tables: the batch runtime's job repository (jbatch*, Payara's
 * schema) and purge_execution beside it, behind one entry class, ExecutionTables.
 */
package io.mediapurge.jobrepository;
