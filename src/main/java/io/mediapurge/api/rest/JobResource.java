package io.mediapurge.api.rest;

import java.util.Date;
import java.util.Properties;
import java.util.function.Supplier;

import io.mediapurge.access.OperatorAction;
import io.mediapurge.access.OperatorPermissions;
import io.mediapurge.access.PrincipalRef;
import io.mediapurge.api.ApiError;
import io.mediapurge.purge.batch.ExecutionStats;
import io.mediapurge.purge.batch.PurgeJobs;
import io.mediapurge.purge.service.PurgeService;
import io.mediapurge.registry.ServiceRegion;

import jakarta.batch.runtime.JobExecution;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/**
 * {@code /api/v1/jobs}: the purge-media executions of the caller's account's submissions, and
 * restart, stop, abandon. An execution of another account's submission does not exist for a
 * caller (404), and neither does a run over every account's pending requests (no submission),
 * which only the console shows; one that may not do what was asked answers 409
 * IncorrectJobStatus. Each endpoint needs its RAM action on the execution ({@link OperatorAction}).
 */
@Path("v1/jobs")
@Produces(MediaType.APPLICATION_JSON)
public class JobResource {

    @Inject
    PurgeService purges;

    @Inject
    ExecutionStats stats;

    @Inject
    ServiceRegion region;

    @Inject
    InputChecks checks;

    @GET
    public JsonObject executions(@QueryParam("page") String page, @QueryParam("size") String size,
            @Context ContainerRequestContext request) {
        OperatorCaller caller = OperatorCaller.of(request);
        OperatorPermissions permissions = permissions(caller);
        permissions.require(OperatorAction.LIST_JOBS, permissions.anyJob(caller.principal().accountUid()));
        JobsQuery query = checks.valid(JobsQuery.of(page, size));
        JsonArrayBuilder list = Json.createArrayBuilder();
        purges.runsOfAccount(caller.principal().accountUid(), query.first(), query.size()).forEach(run -> list.add(json(run)));
        return Json.createObjectBuilder().add("requestId", caller.requestId()).add("page", query.page()).add("size", query.size())
                .add("executions", list).build();
    }

    @GET
    @Path("{executionId}")
    public JsonObject execution(@PathParam("executionId") long executionId, @Context ContainerRequestContext request) {
        OperatorCaller caller = OperatorCaller.of(request);
        JobExecution execution = visible(executionId, caller);
        allowed(OperatorAction.GET_JOB, executionId, caller);
        return json(execution).add("requestId", caller.requestId()).build();
    }

    /** Resumes a FAILED or STOPPED run from its checkpoint: 201 with the new execution's ID. */
    @Audited(value = "RESTART_RUN", target = "execution")
    @POST
    @Path("{executionId}/restart")
    public Response restart(@PathParam("executionId") long executionId, @Context ContainerRequestContext request) {
        OperatorCaller caller = OperatorCaller.of(request);
        Long submissionId = controllable(executionId, caller);
        OperatorPermissions permissions = allowed(OperatorAction.RESTART_JOB, executionId, caller);
        // The restarted run deletes with the submission's requester's permissions, not the caller's.
        purges.submission(submissionId, caller.principal().accountUid())
                .flatMap(s -> PrincipalRef.parse(s.requester()))
                .ifPresent(permissions::requireActingFor);
        long restarted = refusedAsErrors(() -> purges.restart(executionId));
        return Response.status(Response.Status.CREATED).entity(Json.createObjectBuilder().add("requestId", caller.requestId())
                .add("executionId", restarted).add("restartOf", executionId).build()).build();
    }

    /** Asks a running execution to stop after its current chunk: 202, it ends STOPPED (restartable). */
    @Audited(value = "STOP_RUN", target = "execution")
    @POST
    @Path("{executionId}/stop")
    public Response stop(@PathParam("executionId") long executionId, @Context ContainerRequestContext request) {
        OperatorCaller caller = OperatorCaller.of(request);
        controllable(executionId, caller);
        allowed(OperatorAction.STOP_JOB, executionId, caller);
        refusedAsErrors(() -> {
            purges.stop(executionId);
            return null;
        });
        return Response.accepted(json(purges.run(executionId)).add("requestId", caller.requestId()).build()).build();
    }

    /** Retires a finished execution for good: 200, it can no longer be restarted. */
    @Audited(value = "ABANDON_RUN", target = "execution")
    @POST
    @Path("{executionId}/abandon")
    public JsonObject abandon(@PathParam("executionId") long executionId, @Context ContainerRequestContext request) {
        OperatorCaller caller = OperatorCaller.of(request);
        controllable(executionId, caller);
        allowed(OperatorAction.ABANDON_JOB, executionId, caller);
        refusedAsErrors(() -> {
            purges.abandon(executionId);
            return null;
        });
        return json(purges.run(executionId)).add("requestId", caller.requestId()).build();
    }

    private JobExecution visible(long executionId, OperatorCaller caller) {
        JobExecution execution = refusedAsErrors(() -> purges.run(executionId));
        if (!PurgeJobs.JOB.equals(execution.getJobName())) {
            throw notFound(executionId);
        }
        Long submissionId = PurgeService.submissionOf(execution);
        if (submissionId == null || !purges.accountOf(submissionId).map(caller.principal().accountUid()::equals).orElse(false)) {
            throw notFound(executionId);
        }
        return execution;
    }

    /** The submission the run works for (a visible run always has one). */
    private Long controllable(long executionId, OperatorCaller caller) {
        return PurgeService.submissionOf(visible(executionId, caller));
    }

    /** The caller's permissions, once they allow {@code action} on this execution of their account. */
    private OperatorPermissions allowed(OperatorAction action, long executionId, OperatorCaller caller) {
        OperatorPermissions permissions = permissions(caller);
        permissions.require(action, permissions.job(caller.principal().accountUid(), executionId));
        return permissions;
    }

    private OperatorPermissions permissions(OperatorCaller caller) {
        return OperatorPermissions.of(caller.principal(), region.id());
    }

    /** PurgeJobs' refusals in the error shape: unknown 404, not allowed now 409. */
    private static <T> T refusedAsErrors(Supplier<T> call) {
        try {
            return call.get();
        } catch (PurgeJobs.Refused e) {
            throw e.unknown() ? ApiError.notFound(e.getMessage() + ".") : new ApiError(409, "IncorrectJobStatus", e.getMessage());
        }
    }

    private static ApiError notFound(long executionId) {
        return ApiError.notFound("no job execution " + executionId + ".");
    }

    private JsonObjectBuilder json(JobExecution e) {
        JsonObjectBuilder json = Json.createObjectBuilder()
                .add("executionId", e.getExecutionId())
                .add("jobName", e.getJobName())
                .add("batchStatus", String.valueOf(e.getBatchStatus()));
        text(json, "exitStatus", e.getExitStatus());
        Long submissionId = PurgeService.submissionOf(e);
        if (submissionId == null) {
            json.addNull("submissionId");
        } else {
            json.add("submissionId", submissionId);
        }
        Properties parameters = e.getJobParameters();
        json.add("dryRun", parameters != null && Boolean.parseBoolean(parameters.getProperty("dryRun")));
        time(json, "createTime", e.getCreateTime());
        time(json, "startTime", e.getStartTime());
        time(json, "endTime", e.getEndTime());
        time(json, "lastUpdatedTime", e.getLastUpdatedTime());
        stats.of(e.getExecutionId()).ifPresentOrElse(f -> {
            text(json, "server", f.server());
            text(json, "endReason", f.endReason());
            JsonObjectBuilder figures = Json.createObjectBuilder().add("read", f.read()).add("deleted", f.deleted())
                    .add("ignored", f.ignored()).add("forbidden", f.forbidden()).add("failed", f.failed())
                    .add("filesDeleted", f.filesDeleted()).add("bytesDeleted", f.bytesDeleted())
                    .add("ossRequests", f.ossRequests()).add("chunks", f.chunks())
                    .add("itemsPerSecond", Math.round(f.itemsPerSecond() * 10) / 10.0);
            if (f.dbRoundTrips() == null) {
                figures.addNull("dbRoundTrips").addNull("maxReadRoundTrips").addNull("warmUpRoundTrips");
            } else {
                figures.add("dbRoundTrips", f.dbRoundTrips()).add("maxReadRoundTrips", f.maxReadRoundTrips())
                        .add("warmUpRoundTrips", f.warmUpRoundTrips());
            }
            json.add("stats", figures);
        }, () -> json.addNull("stats")); // started, not yet begun (or begun elsewhere and not yet recorded)
        return json;
    }

    private static void text(JsonObjectBuilder json, String name, String value) {
        if (value == null) {
            json.addNull(name);
        } else {
            json.add(name, value);
        }
    }

    private static void time(JsonObjectBuilder json, String name, Date value) {
        text(json, name, value == null ? null : value.toInstant().toString());
    }
}
