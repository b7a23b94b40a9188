package io.mediapurge.api.rest;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.Function;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.stream.Collectors;

import io.mediapurge.access.OperatorAction;
import io.mediapurge.access.OperatorPermissions;
import io.mediapurge.access.PrincipalRef;
import io.mediapurge.api.ApiError;
import io.mediapurge.purge.CompletionReport;
import io.mediapurge.purge.Outcome;
import io.mediapurge.purge.Selector;
import io.mediapurge.purge.SelectorCsv;
import io.mediapurge.purge.SubmissionSource;
import io.mediapurge.purge.Submissions;
import io.mediapurge.purge.batch.DefaultPartitions;
import io.mediapurge.purge.batch.PurgeJobs;
import io.mediapurge.registry.ServiceRegion;
import io.mediapurge.text.Echo;

import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonString;
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
 */
@Path("v1/purges")
@Produces(MediaType.APPLICATION_JSON)
public class PurgeResource {

    private static final Logger LOG = Logger.getLogger(PurgeResource.class.getName());

    /** A JSON list is read whole; about 25,000 media IDs fit, longer lists go as CSV (streamed). */
    static final int MAX_JSON_BODY = 1024 * 1024;
    static final String CSV = "text/csv";
    private static final Set<String> FIELDS = Set.of("mediaIds", "inputUrls", "deletePhysicalFiles", "dryRun", "start", "partitions",
            "requester");
    /** A run's partitions each hold a thread and a database connection while it runs. */
    static final int MAX_PARTITIONS = 16;

    @Inject
    Submissions submissions;

    @Inject
    CompletionReport report;

    @Inject
    PurgeJobs jobs;

    @Inject
    ServiceRegion region;

    @Audited("CREATE_PURGE")
    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    public Response submitList(InputStream body, @Context ContainerRequestContext request) throws IOException {
        OperatorCaller caller = caller(request);
        mayCreate(caller, false);
        JsonObject json = jsonObject(body);
        for (String field : json.keySet()) {
            if (!FIELDS.contains(field)) {
                throw ApiError.invalidParameter(Echo.of(field), "not a field of a purge submission");
            }
        }
        checkRequester(json.get("requester"), caller);
        boolean startNow = JsonBodies.flag(json, "start", true);
        mayCreate(caller, startNow);
        List<Selector> selectors = new ArrayList<>(entries(json, "mediaIds", Selector::mediaId));
        selectors.addAll(entries(json, "inputUrls", Selector::url));
        if (selectors.isEmpty()) {
            throw ApiError.missingParameter("mediaIds or inputUrls");
        }
        boolean dryRun = JsonBodies.flag(json, "dryRun", false);
        Submissions.Receipt receipt = submissions.receive(new Submissions.Request(SubmissionSource.REST, ref(caller),
                caller.principalRef(), JsonBodies.flag(json, "deletePhysicalFiles", false), dryRun), selectors);
        return created(receipt, startNow, dryRun, partitions(json), caller);
    }

    @Audited("CREATE_PURGE")
    @POST
    @Consumes(CSV)
    public Response submitCsv(InputStream body, @QueryParam("deletePhysicalFiles") String deletePhysicalFiles,
            @QueryParam("dryRun") String dryRun, @QueryParam("start") String start,
            @QueryParam("partitions") String partitions, @Context ContainerRequestContext request) throws IOException {
        OperatorCaller caller = caller(request);
        boolean dry = flag("dryRun", dryRun, false);
        int runPartitions = partitions(partitions);
        Submissions.Request submission = new Submissions.Request(SubmissionSource.REST, ref(caller), caller.principalRef(),
                flag("deletePhysicalFiles", deletePhysicalFiles, false), dry);
        boolean startNow = flag("start", start, true);
        mayCreate(caller, startNow);
        Submissions.Receipt receipt = submissions.receive(submission,
                new SelectorCsv(new InputStreamReader(body, StandardCharsets.UTF_8)));
        if (receipt.submissionId() == null) {
            if (receipt.rejected() == 0) {
                throw ApiError.missingParameter("selectors (the CSV holds none)");
            }
            throw ApiError.invalidParameter("body", "no line holds a valid selector, nothing was kept ("
                    + receipt.errors().stream().limit(5).map(e -> "line " + e.line() + ": " + e.message())
                            .collect(Collectors.joining("; "))
                    + (receipt.rejected() > 5 ? "; ..." : "") + ")");
        }
        return created(receipt, startNow, dry, runPartitions, caller);
    }

    @GET
    @Path("{id}")
    public JsonObject submission(@PathParam("id") long id, @Context ContainerRequestContext request) {
        OperatorCaller caller = caller(request);
        Submissions.Summary s = readable(id, caller);
        JsonObjectBuilder counts = Json.createObjectBuilder();
        s.counts().forEach((outcome, n) -> counts.add(outcome.name(), n));
        JsonArrayBuilder executions = Json.createArrayBuilder();
        s.jobExecutionIds().forEach(executions::add);
        JsonObjectBuilder json = Json.createObjectBuilder()
                .add("requestId", caller.requestId())
                .add("id", s.id())
                .add("source", s.source().name())
                .add("requester", s.requester())
                .add("requestedBy", s.requestedBy())
                .add("deletePhysicalFiles", s.deletePhysicalFiles())
                .add("dryRun", s.dryRun())
                .add("status", s.status().name())
                .add("itemCount", s.itemCount());
        JsonBodies.nullable(json, "retryOf", s.retryOf());
        json.add("createdAt", s.createdAt().toString());
        JsonBodies.nullable(json, "completedAt", s.completedAt() == null ? null : s.completedAt().toString());
        return json.add("counts", counts).add("jobExecutionIds", executions).build();
    }

    @GET
    @Path("{id}/items")
    public JsonObject items(@PathParam("id") long id, @QueryParam("outcome") String outcome, @QueryParam("reason") String reason,
            @QueryParam("page") String page, @QueryParam("size") String size, @Context ContainerRequestContext request) {
        OperatorCaller caller = caller(request);
        Outcome wanted = outcome(outcome);
        if (reason != null && reason.length() > 64) {
            throw ApiError.invalidParameter("reason", "longer than 64 characters");
        }
        int pageNumber = number("page", page, 1, 1, Integer.MAX_VALUE);
        int pageSize = number("size", size, 100, 1, Submissions.MAX_PAGE_SIZE);
        readable(id, caller);
        Submissions.ItemPage items = submissions.items(id, wanted, reason == null || reason.isEmpty() ? null : reason,
                pageNumber, pageSize);
        JsonArrayBuilder list = Json.createArrayBuilder();
        for (Submissions.Item item : items.items()) {
            JsonObjectBuilder json = Json.createObjectBuilder()
                    .add("id", item.id())
                    .add("selector", item.selector())
                    .add("selectorType", item.selectorType().name())
                    .add("outcome", item.outcome().name());
            JsonBodies.nullable(json, "reason", item.reason());
            JsonBodies.nullable(json, "mediaId", item.mediaId());
            JsonBodies.nullable(json, "filesDeleted", item.filesDeleted() == null ? null : item.filesDeleted().longValue());
            JsonBodies.nullable(json, "bytesDeleted", item.bytesDeleted());
            JsonBodies.nullable(json, "jobExecutionId", item.jobExecutionId());
            JsonBodies.nullable(json, "completedAt", item.completedAt() == null ? null : item.completedAt().toString());
            list.add(json);
        }
        return Json.createObjectBuilder()
                .add("requestId", caller.requestId())
                .add("page", pageNumber)
                .add("size", pageSize)
                .add("total", items.total())
                .add("items", list)
                .build();
    }

    @Audited(value = "EXPORT", target = "submission")
    @GET
    @Path("{id}/report.csv")
    @Produces(CSV)
    public Response reportCsv(@PathParam("id") long id, @Context ContainerRequestContext request) {
        readable(id, caller(request));
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
        OperatorCaller caller = caller(request);
        JsonObject json = optionalJsonObject(body);
        for (String field : json.keySet()) {
            if (!field.equals("start")) {
                throw ApiError.invalidParameter(Echo.of(field), "a retry takes only \"start\"");
            }
        }
        Submissions.Summary original = readable(id, caller);
        boolean startNow = JsonBodies.flag(json, "start", true);
        mayCreate(caller, startNow);
        Submissions.Receipt receipt;
        try {
            receipt = submissions.retryFailed(id, new Submissions.Request(SubmissionSource.RETRY, ref(caller),
                    caller.principalRef(), original.deletePhysicalFiles(), original.dryRun()));
        } catch (Submissions.Refused e) {
            throw new ApiError(409, "NothingToRetry", e.getMessage());
        }
        return created(receipt, startNow, original.dryRun(), 1, caller);
    }

    /** Starts a submission made with {@code "start": false}; a submission is started once. */
    @Audited(value = "START_PURGE", target = "submission")
    @POST
    @Path("{id}/start")
    public Response start(@PathParam("id") long id, @QueryParam("partitions") String partitions,
            @Context ContainerRequestContext request) {
        OperatorCaller caller = caller(request);
        int runPartitions = partitions(partitions);
        Submissions.Summary s = visible(id, caller);
        OperatorPermissions permissions = permissions(caller);
        permissions.require(OperatorAction.START_PURGE, permissions.purge(caller.principal().accountUid(), id));
        // The run deletes with the requester's permissions, not the starter's.
        permissions.requireActingFor(PrincipalRef.parse(s.requester()).orElseThrow(ApiError::internal));
        try {
            submissions.checkStartable(id);
        } catch (Submissions.Refused e) {
            throw new ApiError(409, "IncorrectSubmissionStatus", e.getMessage());
        }
        long execution = startJob(id, s.itemCount(), s.dryRun(), runPartitions);
        return Response.status(Response.Status.CREATED).entity(Json.createObjectBuilder()
                .add("requestId", caller.requestId()).add("id", id).add("jobExecutionId", execution).build()).build();
    }

    private Response created(Submissions.Receipt receipt, boolean start, boolean dryRun, int partitions, OperatorCaller caller) {
        long id = receipt.submissionId();
        JsonObjectBuilder json = Json.createObjectBuilder().add("requestId", caller.requestId()).add("id", id);
        if (start) {
            json.add("jobExecutionId", startJob(id, receipt.items(), dryRun, partitions));
        } else {
            json.addNull("jobExecutionId");
        }
        JsonArrayBuilder errors = Json.createArrayBuilder();
        receipt.errors().forEach(e -> errors.add(Json.createObjectBuilder().add("line", e.line()).add("message", e.message())));
        json.add("items", receipt.items())
                .add("duplicates", receipt.duplicates())
                .add("rejected", receipt.rejected())
                .add("errors", errors)
                .add("errorsTruncated", receipt.errorsTruncated());
        return Response.status(Response.Status.CREATED).header("Location", "/api/v1/purges/" + id).entity(json.build()).build();
    }

    /** The submission is kept even when its run cannot start: the caller is told how to start it later. */
    private long startJob(long id, long items, boolean dryRun, int partitions) {
        long execution;
        try {
            execution = jobs.start(id, dryRun, partitions);
        } catch (RuntimeException e) {
            LOG.log(Level.SEVERE, "purge-media could not start for submission " + id, e);
            throw ApiError.serviceUnavailable("Submission " + id + " was saved with " + items + (items == 1 ? " selector" : " selectors") + ", but its purge-media"
                    + " run could not be started; start it later with POST /api/v1/purges/" + id + "/start.");
        }
        submissions.recordExecution(id, execution);
        return execution;
    }

    private Submissions.Summary visible(long id, OperatorCaller caller) {
        return submissions.find(id, caller.principal().accountUid())
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

    /** Submitting on someone else's behalf is refused: the requester is whoever signed the call. */
    private static void checkRequester(JsonValue requester, OperatorCaller caller) {
        if (requester == null || requester == JsonValue.NULL) {
            return;
        }
        if (!(requester instanceof JsonString s) || !s.getString().equals(caller.principalRef())) {
            throw ApiError.forbidden("A purge is requested by the caller who signs it (" + caller.principalRef()
                    + "); submitting as someone else is not allowed.");
        }
    }

    static OperatorCaller caller(ContainerRequestContext request) {
        return (OperatorCaller) request.getProperty(OperatorSignatureFilter.CALLER);
    }

    private static PrincipalRef ref(OperatorCaller caller) {
        return PrincipalRef.parse(caller.principalRef()).orElseThrow(ApiError::internal);
    }

    private static JsonObject jsonObject(InputStream body) throws IOException {
        return JsonBodies.object(body, MAX_JSON_BODY, "larger than 1 MiB; send long lists as text/csv", "a purge");
    }

    private static JsonObject optionalJsonObject(InputStream body) throws IOException {
        byte[] bytes = body.readNBytes(MAX_JSON_BODY + 1);
        return new String(bytes, StandardCharsets.UTF_8).isBlank() ? JsonValue.EMPTY_JSON_OBJECT
                : jsonObject(new java.io.ByteArrayInputStream(bytes));
    }

    /** A JSON list is checked whole: one bad entry refuses the call and nothing is kept. */
    private static List<Selector> entries(JsonObject json, String name, Function<String, Selector> kind) {
        JsonValue value = json.get(name);
        if (value == null || value == JsonValue.NULL) {
            return List.of();
        }
        if (!(value instanceof JsonArray array)) {
            throw ApiError.invalidParameter(name, "must be a list of strings");
        }
        List<Selector> selectors = new ArrayList<>(array.size());
        for (int i = 0; i < array.size(); i++) {
            if (!(array.get(i) instanceof JsonString s)) {
                throw ApiError.invalidParameter(name + "[" + i + "]", "must be a string");
            }
            String problem = Selector.problem(s.getString());
            if (problem != null) {
                throw ApiError.invalidParameter(name + "[" + i + "]", problem);
            }
            selectors.add(kind.apply(s.getString()));
        }
        return selectors;
    }

    private static int partitions(JsonObject json) {
        JsonValue value = json.get("partitions");
        if (value == null || value == JsonValue.NULL) {
            return DefaultPartitions.UNSET;
        }
        if (!(value instanceof JsonNumber number) || !number.isIntegral()) {
            throw ApiError.invalidParameter("partitions", "must be a whole number from 1 to " + MAX_PARTITIONS);
        }
        return partitions(number.toString());
    }

    private static int partitions(String value) {
        if (value == null || value.isEmpty()) {
            return DefaultPartitions.UNSET;
        }
        int partitions;
        try {
            partitions = Integer.parseInt(value);
        } catch (NumberFormatException e) {
            partitions = 0;
        }
        if (partitions < 1 || partitions > MAX_PARTITIONS) {
            throw ApiError.invalidParameter("partitions", "must be a whole number from 1 to " + MAX_PARTITIONS);
        }
        return partitions;
    }

    private static boolean flag(String name, String value, boolean otherwise) {
        if (value == null || value.isEmpty()) {
            return otherwise;
        }
        return switch (value.toLowerCase(Locale.ROOT)) {
            case "true" -> true;
            case "false" -> false;
            default -> throw ApiError.invalidParameter(name, "must be true or false");
        };
    }

    private static Outcome outcome(String value) {
        if (value == null || value.isEmpty()) {
            return null;
        }
        try {
            return Outcome.valueOf(value.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw ApiError.invalidParameter("outcome", "must be one of PENDING, DELETED, IGNORED, FORBIDDEN, FAILED, WOULD_DELETE");
        }
    }

    static int number(String name, String value, int otherwise, int min, int max) {
        if (value == null || value.isEmpty()) {
            return otherwise;
        }
        try {
            int n = Integer.parseInt(value);
            if (n >= min && n <= max) {
                return n;
            }
        } catch (NumberFormatException e) {
            // answered below, as for a number out of range
        }
        throw ApiError.invalidParameter(name, "must be a whole number from " + min + " to " + max);
    }
}
