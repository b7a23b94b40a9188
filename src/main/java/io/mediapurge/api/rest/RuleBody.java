package io.mediapurge.api.rest;

import java.util.Locale;
import java.util.Set;

import io.mediapurge.api.ApiError;
import io.mediapurge.schedule.MissedFires;
import io.mediapurge.schedule.RuleDefinition;
import io.mediapurge.schedule.RuleSelection;
import io.mediapurge.text.Echo;

import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;

/**
 * The JSON body of a purge rule ({@code POST /api/v1/rules}, {@code PUT /api/v1/rules/ID}, the
 * preview) read into a {@link RuleDefinition}: unknown fields and fields of the wrong type are
 * named; what a valid definition is, is {@code schedule.Rules}'s to say.
 */
final class RuleBody {

    private static final Set<String> FIELDS = Set.of("name", "actsAs", "cron", "timeZone", "select", "deletePhysicalFiles", "dryRun",
            "maxItems", "partitions", "enabled", "missedFires");
    /** What an answer adds; a rule read with GET can be sent back with PUT as it is. */
    private static final Set<String> ANSWER_FIELDS = Set.of("requestId", "id", "description", "nextFires", "nextFireAt", "createdBy",
            "createdAt", "updatedAt");
    private static final Set<String> SELECT_FIELDS = Set.of("ownerUid", "bucket", "keyPrefix", "mediaType", "businessType",
            "olderThanDays");

    private RuleBody() {
    }

    /** The rule a body describes, its defaults filled in; a field of the wrong type is named. */
    static RuleDefinition definition(JsonObject json, OperatorCaller caller) {
        for (String field : json.keySet()) {
            if (!FIELDS.contains(field) && !ANSWER_FIELDS.contains(field)) {
                throw ApiError.invalidParameter(Echo.of(field), "not a field of a purge rule");
            }
        }
        JsonValue select = json.get("select");
        if (select == null || select == JsonValue.NULL) {
            throw ApiError.missingParameter("select");
        }
        if (!(select instanceof JsonObject selectObject)) {
            throw ApiError.invalidParameter("select", "must be an object");
        }
        for (String field : selectObject.keySet()) {
            if (!SELECT_FIELDS.contains(field)) {
                throw ApiError.invalidParameter("select." + Echo.of(field), "not a selection criterion");
            }
        }
        Long age = JsonBodies.wholeNumber(selectObject, "select.olderThanDays", "olderThanDays");
        RuleSelection selection = new RuleSelection(string(selectObject, "select.ownerUid", "ownerUid"),
                string(selectObject, "select.bucket", "bucket"), string(selectObject, "select.keyPrefix", "keyPrefix"),
                string(selectObject, "select.mediaType", "mediaType"), string(selectObject, "select.businessType", "businessType"),
                JsonBodies.nearestInt(age));
        String actsAs = string(json, "actsAs", "actsAs");
        String missed = string(json, "missedFires", "missedFires");
        MissedFires missedFires;
        try {
            missedFires = missed == null ? MissedFires.RUN_ONCE : MissedFires.valueOf(missed.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw ApiError.invalidParameter("missedFires", "must be RUN_ONCE or SKIP");
        }
        Long partitions = JsonBodies.wholeNumber(json, "partitions", "partitions");
        Long maxItems = JsonBodies.wholeNumber(json, "maxItems", "maxItems");
        String timeZone = string(json, "timeZone", "timeZone");
        return new RuleDefinition(string(json, "name", "name"), actsAs == null ? caller.principalRef() : actsAs,
                string(json, "cron", "cron"), timeZone == null ? "UTC" : timeZone, selection,
                JsonBodies.flag(json, "deletePhysicalFiles", false), JsonBodies.flag(json, "dryRun", false), maxItems,
                partitions == null ? 1 : JsonBodies.nearestInt(partitions), JsonBodies.flag(json, "enabled", true), missedFires);
    }

    private static String string(JsonObject json, String field, String key) {
        JsonValue value = json.get(key);
        if (value == null || value == JsonValue.NULL) {
            return null;
        }
        if (!(value instanceof JsonString s)) {
            throw ApiError.invalidParameter(field, "must be a string");
        }
        return s.getString();
    }
}
