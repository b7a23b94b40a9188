package io.mediapurge.api.rest;

import io.mediapurge.purge.SubmissionIntake;
import io.mediapurge.purge.Submissions;

import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;

/** The purge submissions API's answers as JSON: a new submission, a submission, a page of its items. */
final class PurgeJson {

    private PurgeJson() {
    }

    /** A submission just made: its ID, its run (null when not started), and what intake kept and refused. */
    static JsonObject created(String requestId, SubmissionIntake.Receipt receipt, Long executionId) {
        JsonObjectBuilder json = Json.createObjectBuilder().add("requestId", requestId).add("id", receipt.submissionId());
        JsonBodies.nullable(json, "jobExecutionId", executionId);
        JsonArrayBuilder errors = Json.createArrayBuilder();
        receipt.errors().forEach(e -> errors.add(Json.createObjectBuilder().add("line", e.line()).add("message", e.message())));
        return json.add("items", receipt.items())
                .add("duplicates", receipt.duplicates())
                .add("rejected", receipt.rejected())
                .add("errors", errors)
                .add("errorsTruncated", receipt.errorsTruncated())
                .build();
    }

    static JsonObject submission(String requestId, Submissions.Summary s) {
        JsonObjectBuilder counts = Json.createObjectBuilder();
        s.counts().forEach((outcome, n) -> counts.add(outcome.name(), n));
        JsonArrayBuilder executions = Json.createArrayBuilder();
        s.jobExecutionIds().forEach(executions::add);
        JsonObjectBuilder json = Json.createObjectBuilder()
                .add("requestId", requestId)
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

    static JsonObject items(String requestId, int page, int size, Submissions.ItemPage items) {
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
                .add("requestId", requestId)
                .add("page", page)
                .add("size", size)
                .add("total", items.total())
                .add("items", list)
                .build();
    }
}
