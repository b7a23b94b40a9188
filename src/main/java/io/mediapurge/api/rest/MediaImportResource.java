package io.mediapurge.api.rest;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;

import io.mediapurge.access.BucketGrantDirectory;
import io.mediapurge.access.BucketGrants;
import io.mediapurge.access.PolicyEvaluator;
import io.mediapurge.access.ResourceArn;
import io.mediapurge.registry.MediaImport;
import io.mediapurge.registry.ServiceRegion;

import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;

/**
 * {@code POST /api/v1/media:import}: registers assets in bulk from NDJSON, one asset a line. Like
 * RegisterMediaInfo it needs {@code ice:RegisterMediaInfo} for the owner account, and the owner's
 * grant on every bucket a line's files are in.
 */
@Path("v1/media:import")
public class MediaImportResource {

    @Inject
    MediaImport mediaImport;

    @Inject
    ServiceRegion region;

    @Inject
    BucketGrantDirectory bucketGrants;

    @Audited("IMPORT_MEDIA")
    @POST
    @Produces(MediaType.APPLICATION_JSON)
    public JsonObject importMedia(InputStream ndjson, @Context ContainerRequestContext request) throws IOException {
        OperatorCaller caller = OperatorCaller.of(request);
        PolicyEvaluator permissions = PolicyEvaluator.forPrincipal(caller.principal());
        Map<String, BucketGrants> grants = new HashMap<>();
        MediaImport.Report report = mediaImport.importLines(new InputStreamReader(ndjson, StandardCharsets.UTF_8),
                owner -> permissions.decide("ice:RegisterMediaInfo", ResourceArn.media(region.id(), owner, "*")).allowed(),
                (owner, bucket) -> grants.computeIfAbsent(owner, bucketGrants::forAccount).grants(bucket));
        JsonArrayBuilder errors = Json.createArrayBuilder();
        report.errors().forEach(e -> errors.add(Json.createObjectBuilder().add("line", e.line()).add("message", e.message())));
        return Json.createObjectBuilder()
                .add("requestId", caller.requestId())
                .add("imported", report.imported())
                .add("failed", report.failed())
                .add("errors", errors)
                .add("errorsTruncated", report.errorsTruncated())
                .build();
    }
}
