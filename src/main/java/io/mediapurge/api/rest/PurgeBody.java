package io.mediapurge.api.rest;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.Function;

import io.mediapurge.api.ApiError;
import io.mediapurge.purge.Selector;
import io.mediapurge.text.Echo;

import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;

/**
 * The JSON body of {@code POST /api/v1/purges}, checked whole: one bad entry refuses the call and
 * nothing is kept (the partition count's range is the constraint of {@link RunPartitions}). Its
 * {@code start} flag is read on its own ({@link #start}), as it decides which permissions the call
 * needs before the rest of the body is looked at.
 */
record PurgeBody(List<Selector> selectors, boolean deletePhysicalFiles, boolean dryRun, RunPartitions partitions) {

    private static final Set<String> FIELDS = Set.of("mediaIds", "inputUrls", "deletePhysicalFiles", "dryRun", "start", "partitions",
            "requester");

    /**
     * Refuses fields a submission does not have, and a requester other than the caller: a purge is
     * requested by whoever signs it.
     */
    static void checkFields(JsonObject json, String callerRef) {
        for (String field : json.keySet()) {
            if (!FIELDS.contains(field)) {
                throw ApiError.invalidParameter(Echo.of(field), "not a field of a purge submission");
            }
        }
        JsonValue requester = json.get("requester");
        if (requester == null || requester == JsonValue.NULL) {
            return;
        }
        if (!(requester instanceof JsonString s) || !s.getString().equals(callerRef)) {
            throw ApiError.forbidden("A purge is requested by the caller who signs it (" + callerRef
                    + "); submitting as someone else is not allowed.");
        }
    }

    /** Whether the run starts at once (the default). */
    static boolean start(JsonObject json) {
        return JsonBodies.flag(json, "start", true);
    }

    static PurgeBody of(JsonObject json) {
        List<Selector> selectors = new ArrayList<>(entries(json, "mediaIds", Selector::mediaId));
        selectors.addAll(entries(json, "inputUrls", Selector::url));
        if (selectors.isEmpty()) {
            throw ApiError.missingParameter("mediaIds or inputUrls");
        }
        boolean dryRun = JsonBodies.flag(json, "dryRun", false);
        boolean physical = JsonBodies.flag(json, "deletePhysicalFiles", false);
        return new PurgeBody(selectors, physical, dryRun,
                new RunPartitions(JsonBodies.nearestInt(JsonBodies.wholeNumber(json, "partitions", "partitions"))));
    }

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
}
