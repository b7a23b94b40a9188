package io.mediapurge.storage;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** What a bulk deletion did to each object: deleted, or failed with the OSS error code. */
public final class DeletionReport {

    /**
     * The fate of one object.
     *
     * @param errorCode null when deleted; else the OSS error code of the last failure
     */
    public record KeyOutcome(OssObject object, String errorCode) {
        public boolean deleted() {
            return errorCode == null;
        }
    }

    private final Map<OssObject, KeyOutcome> outcomes;
    private final int requests;

    DeletionReport(Map<OssObject, KeyOutcome> outcomes, int requests) {
        this.outcomes = Collections.unmodifiableMap(new LinkedHashMap<>(outcomes));
        this.requests = requests;
    }

    /** HTTP requests sent to OSS for this deletion, retries included. */
    public int requests() {
        return requests;
    }

    /** Every object asked for, once, in the order first asked. */
    public List<KeyOutcome> outcomes() {
        return List.copyOf(outcomes.values());
    }

    public Optional<KeyOutcome> outcomeOf(OssObject object) {
        return Optional.ofNullable(outcomes.get(object));
    }

    public List<OssObject> deleted() {
        return outcomes.values().stream().filter(KeyOutcome::deleted).map(KeyOutcome::object).toList();
    }

    public List<KeyOutcome> failed() {
        return outcomes.values().stream().filter(o -> !o.deleted()).toList();
    }

    public boolean allDeleted() {
        return outcomes.values().stream().allMatch(KeyOutcome::deleted);
    }

    @Override
    public String toString() {
        return deleted().size() + " deleted, " + failed().size() + " failed, " + requests + " requests";
    }
}
