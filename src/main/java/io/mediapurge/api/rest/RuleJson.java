package io.mediapurge.api.rest;

import java.time.format.DateTimeFormatter;

import io.mediapurge.schedule.RuleDefinition;
import io.mediapurge.schedule.RuleSelection;
import io.mediapurge.schedule.Rules;

import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;

/** A purge rule as the rules API answers it; what GET answers, PUT takes back as it is. */
final class RuleJson {

    private RuleJson() {
    }

    static JsonObject rule(Rules.RuleView rule, OperatorCaller caller) {
        RuleDefinition d = rule.definition();
        RuleSelection s = d.select();
        JsonObjectBuilder json = Json.createObjectBuilder();
        if (caller != null) {
            json.add("requestId", caller.requestId());
        }
        JsonObjectBuilder select = Json.createObjectBuilder().add("ownerUid", s.ownerUid());
        JsonBodies.nullable(select, "bucket", s.bucket());
        JsonBodies.nullable(select, "keyPrefix", s.keyPrefix());
        JsonBodies.nullable(select, "mediaType", s.mediaType());
        JsonBodies.nullable(select, "businessType", s.businessType());
        JsonBodies.nullable(select, "olderThanDays", s.olderThanDays() == null ? null : s.olderThanDays().longValue());
        JsonArrayBuilder next = Json.createArrayBuilder();
        rule.nextFires().forEach(t -> next.add(t.format(DateTimeFormatter.ISO_OFFSET_DATE_TIME)));
        json.add("id", rule.id())
                .add("name", d.name())
                .add("description", rule.description())
                .add("nextFires", next)
                .add("actsAs", d.actsAs())
                .add("cron", d.cron())
                .add("timeZone", d.timeZone())
                .add("select", select)
                .add("deletePhysicalFiles", d.deletePhysicalFiles())
                .add("dryRun", d.dryRun());
        JsonBodies.nullable(json, "maxItems", d.maxItems());
        json.add("partitions", d.partitions())
                .add("enabled", d.enabled())
                .add("missedFires", d.missedFires().name());
        JsonBodies.nullable(json, "nextFireAt", rule.nextFireAt() == null ? null : rule.nextFireAt().toString());
        return json.add("createdBy", rule.createdBy())
                .add("createdAt", rule.createdAt().toString())
                .add("updatedAt", rule.updatedAt().toString())
                .build();
    }
}
