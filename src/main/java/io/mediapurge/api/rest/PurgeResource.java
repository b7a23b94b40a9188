package io.mediapurge.api.rest;

import java.io.BufferedWriter;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.stream.Collectors;

import io.mediapurge.access.OperatorAction;
import io.mediapurge.access.OperatorPermissions;
import io.mediapurge.access.PrincipalRef;
import io.mediapurge.api.ApiError;
import io.mediapurge.purge.CompletionReport;
import io.mediapurge.purge.SelectorCsv;
import io.mediapurge.purge.SubmissionIntake;
import io.mediapurge.purge.SubmissionSource;
import io.mediapurge.purge.Submissions;
import io.mediapurge.purge.service.PurgeService;
import io.mediapurge.registry.ServiceRegion;
import io.mediapurge.text.Echo;

import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import jakarta.ws.rs.Consumes;
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
import jakarta.ws.rs.core.StreamingOutput;

/**
 * {@code /api/v1/purges}: purge submissions from a JSON list or a CSV of any size, their progress,
 * their items and completion report, and a retry of their failed items. The requester is always
 * the signing principal; another account's submissions do not exist for a caller. Each endpoint
 * needs its RAM action on the submission ({@link OperatorAction}); what is refused changes nothing.
 * The work is {@link PurgeService}'s, as for the console; the body is read by {@link PurgeBody},
 * query parameters by {@link QueryParameters} (their ranges checked by {@link InputChecks}), answers
 * written by {@link PurgeJson}.
 */
@Path("v1/purges")
@Produces(MediaType.APPLICATION_JSON)
public class PurgeResource {

    /** A JSON list is read whole; about 25,000 media IDs fit, longer lists go as CSV (streamed). */
    static final int MAX_JSON_BODY = 1024 * 1024;
    static final String CSV = "text/csv";

    @Inject
    PurgeService purges;

    @Inject
    CompletionReport report;

    @Inject
    ServiceRegion region;

    @Inject
    InputChecks checks;

    @Audited("CREATE_PURGE")
    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    public Response submitList(InputStream body, @Context ContainerRequestContext request) throws IOException {
        OperatorCaller caller = OperatorCaller.of(request);
        mayCreate(caller, false);
        JsonObject json = jsonObject(body);
        PurgeBody.checkFields(json, caller.principalRef());
        boolean startNow = PurgeBody.start(json);
        mayCreate(caller, startNow);
        PurgeBody purge = PurgeBody.of(json);
        int runPartitions = checks.valid(purge.partitions()).count();
        PurgeService.Launched launched = purges.submit(newSubmission(SubmissionSource.REST, caller, purge.deletePhysicalFiles(),
                purge.dryRun()), purge.selectors(), startNow, runPartitions);
        return created(launched, caller);
    }

    @Audited("CREATE_PURGE")
    @POST
    @Consumes(CSV)
    public Response submitCsv(InputStream body, @QueryParam("deletePhysicalFiles") String deletePhysicalFiles,
            @QueryParam("dryRun") String dryRun, @QueryParam("start") String start,
            @QueryParam("partitions") String partitions, @Context ContainerRequestContext request) throws IOException {
        OperatorCaller caller = OperatorCaller.of(request);
        boolean dry = QueryParameters.flag("dryRun", dryRun, false);
        int runPartitions = partitions(partitions);
        SubmissionIntake.Request submission = newSubmission(SubmissionSource.REST, caller,
                QueryParameters.flag("deletePhysicalFiles", deletePhysicalFiles, false), dry);
        boolean startNow = QueryParameters.flag("start", start, true);
        mayCreate(caller, startNow);
        PurgeService.Launched launched = purges.submit(submission,
                new SelectorCsv(new InputStreamReader(body, StandardCharsets.UTF_8)), startNow, runPartitions);
        SubmissionIntake.Receipt receipt = launched.receipt();
        if (receipt.submissionId() == null) {
            if (receipt.rejected() == 0) {
                throw ApiError.missingParameter("selectors (the CSV holds none)");
            }
            throw ApiError.invalidParameter("body", "no line holds a valid selector, nothing was kept ("
                    + receipt.errors().stream().limit(5).map(e -> "line " + e.line() + ": " + e.message())
                            .collect(Collectors.joining("; "))
                    + (receipt.rejected() > 5 ? "; ..." : "") + ")");
        }
        return created(launched, caller);
    }

    @GET
    @Path("{id}")
    public JsonObject submission(@PathParam("id") long id, @Context ContainerRequestContext request) {
        OperatorCaller caller = OperatorCaller.of(request);
        return PurgeJson.submission(caller.requestId(), readable(id, caller));
    }

    @GET
    @Path("{id}/items")
    public JsonObject items(@PathParam("id") long id, @QueryParam("outcome") String outcome, @QueryParam("reason") String reason,
            @QueryParam("page") String page, @QueryParam("size") String size, @Context ContainerRequestContext request) {
        OperatorCaller caller = OperatorCaller.of(request);
        ItemsQuery query = checks.valid(ItemsQuery.of(outcome, reason, page, size));
        readable(id, caller);
        Submissions.ItemPage items = purges.items(id, query.outcome(), query.reason(), query.page(), query.size());
        return PurgeJson.items(caller.requestId(), query.page(), query.size(), items);
    }

    @Audited(value = "EXPORT", target = "submission")
    @GET
    @Path("{id}/report.csv")
    @Produces(CSV)
    public Response reportCsv(@PathParam("id") long id, @Context ContainerRequestContext request) {
        readable(id, OperatorCaller.of(request));
        StreamingOutput csv = out -> {
            Writer writer = new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8));
            report.write(id, writer);
            writer.flush();
        };
        return Response.ok(csv, CSV + "; charset=utf-8")
                .header("Content-Disposition", "attachment; filename=\"purge-" + id + "-report.csv\"").build();
    }

    /**
     * A new submission (source RETRY) of the FAILED items of this one, with its deletePhysicalFiles
     * and dryRun. Body: nothing, or {@code {"start": false}}. Nothing failed: 409 NothingToRetry.
     */
    @Audited(value = "RETRY_FAILED", target = "submission")
    @POST
    @Path("{id}/retry-failed")
    public Response retryFailed(@PathParam("id") long id, InputStream body, @Context ContainerRequestContext request)
            throws IOException {
        OperatorCaller caller = OperatorCaller.of(request);
        JsonObject json = optionalJsonObject(body);
        for (String field : json.keySet()) {
            if (!field.equals("start")) {
                throw ApiError.invalidParameter(Echo.of(field), "a retry takes only \"start\"");
            }
        }
        Submissions.Summary original = readable(id, caller);
        boolean startNow = JsonBodies.flag(json, "start", true);
        mayCreate(caller, startNow);
        PurgeService.Launched launched;
        try {
            launched = purges.retryFailed(id, newSubmission(SubmissionSource.RETRY, caller, original.deletePhysicalFiles(),
                    original.dryRun()), startNow);
        } catch (Submissions.Refused e) {
            throw new ApiError(409, "NothingToRetry", e.getMessage());
        }
        return created(launched, caller);
    }

    /** Starts a submission made with {@code "start": false}; a submission is started once. */
    @Audited(value = "START_PURGE", target = "submission")
    @POST
    @Path("{id}/start")
    public Response start(@PathParam("id") long id, @QueryParam("partitions") String partitions,
            @Context ContainerRequestContext request) {
        OperatorCaller caller = OperatorCaller.of(request);
        int runPartitions = partitions(partitions);
        Submissions.Summary s = visible(id, caller);
        OperatorPermissions permissions = permissions(caller);
        permissions.require(OperatorAction.START_PURGE, permissions.purge(caller.principal().accountUid(), id));
        // The run deletes with the requester's permissions, not the starter's.
        permissions.requireActingFor(PrincipalRef.parse(s.requester()).orElseThrow(ApiError::internal));
        long execution;
        try {
            execution = purges.start(id, runPartitions).orElseThrow(() -> notStarted(id, s.itemCount()));
        } catch (Submissions.Refused e) {
            throw new ApiError(409, "IncorrectSubmissionStatus", e.getMessage());
        }
        return Response.status(Response.Status.CREATED).entity(Json.createObjectBuilder()
                .add("requestId", caller.requestId()).add("id", id).add("jobExecutionId", execution).build()).build();
    }

    private static Response created(PurgeService.Launched launched, OperatorCaller caller) {
        SubmissionIntake.Receipt receipt = launched.receipt();
        if (launched.notStarted()) {
            throw notStarted(receipt.submissionId(), receipt.items());
        }
        return Response.status(Response.Status.CREATED).header("Location", "/api/v1/purges/" + receipt.submissionId())
                .entity(PurgeJson.created(caller.requestId(), receipt, launched.executionId())).build();
    }

    /** The submission is kept even when its run cannot start: the caller is told how to start it later. */
    private static ApiError notStarted(long id, long items) {
        return ApiError.serviceUnavailable("Submission " + id + " was saved with " + items + (items == 1 ? " selector" : " selectors")
                + ", but its purge-media run could not be started; start it later with POST /api/v1/purges/" + id + "/start.");
    }

    private Submissions.Summary visible(long id, OperatorCaller caller) {
        return purges.submission(id, caller.principal().accountUid())
                .orElseThrow(() -> ApiError.notFound("No purge submission " + id + "."));
    }

    /** A submission of the caller's account that the caller may read (mediapurge:GetPurge). */
    private Submissions.Summary readable(long id, OperatorCaller caller) {
        Submissions.Summary s = visible(id, caller);
        OperatorPermissions permissions = permissions(caller);
        permissions.require(OperatorAction.GET_PURGE, permissions.purge(caller.principal().accountUid(), id));
        return s;
    }

    /** A new submission needs mediapurge:CreatePurge, and StartPurge too when its run starts at once. */
    private void mayCreate(OperatorCaller caller, boolean startNow) {
        OperatorPermissions permissions = permissions(caller);
        permissions.require(OperatorAction.CREATE_PURGE, permissions.anyPurge(caller.principal().accountUid()));
        if (startNow) {
            permissions.require(OperatorAction.START_PURGE, permissions.anyPurge(caller.principal().accountUid()));
        }
    }

    private OperatorPermissions permissions(OperatorCaller caller) {
        return OperatorPermissions.of(caller.principal(), region.id());
    }

    /** Made by the signing principal, with its permissions. */
    private static SubmissionIntake.Request newSubmission(SubmissionSource source, OperatorCaller caller, boolean physical,
            boolean dryRun) {
        return new SubmissionIntake.Request(source, PrincipalRef.parse(caller.principalRef()).orElseThrow(ApiError::internal),
                caller.principalRef(), physical, dryRun);
    }

    private int partitions(String value) {
        return checks.valid(new RunPartitions(QueryParameters.wholeNumber("partitions", value))).count();
    }

    private static JsonObject jsonObject(InputStream body) throws IOException {
        return JsonBodies.object(body, MAX_JSON_BODY, "larger than 1 MiB; send long lists as text/csv", "a purge");
    }

    private static JsonObject optionalJsonObject(InputStream body) throws IOException {
        byte[] bytes = body.readNBytes(MAX_JSON_BODY + 1);
        return new String(bytes, StandardCharsets.UTF_8).isBlank() ? JsonValue.EMPTY_JSON_OBJECT
                : jsonObject(new ByteArrayInputStream(bytes));
    }
}
