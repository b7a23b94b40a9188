package io.mediapurge.schedule;

/**
 * Which live assets a rule selects: those of one owner account, optionally only those whose
 * source file is in a bucket and under a key prefix, of a media type, of a business type, and
 * registered more than some days ago. A null criterion does not narrow the selection.
 */
public record RuleSelection(String ownerUid, String bucket, String keyPrefix, String mediaType, String businessType,
        Integer olderThanDays) {

    /** True when nothing but the owner narrows the selection. */
    public boolean wholeAccount() {
        return bucket == null && keyPrefix == null && mediaType == null && businessType == null;
    }
}
