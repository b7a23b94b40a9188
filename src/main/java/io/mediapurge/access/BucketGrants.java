package io.mediapurge.access;

import java.util.Collection;
import java.util.Optional;
import java.util.Set;

/**
 * The buckets an account has authorized the service to delete from (the analogue of granting
 * {@code AliyunICEDefaultRole} on a bucket); physical deletion needs every bucket of an asset.
 */
public final class BucketGrants {

    private final String accountUid;
    private final Set<String> buckets;

    public BucketGrants(String accountUid, Collection<String> buckets) {
        if (!Principal.isAccountUid(accountUid)) {
            throw new IllegalArgumentException("account UID must be 16 digits");
        }
        this.accountUid = accountUid;
        this.buckets = Set.copyOf(buckets);
    }

    /** An account that granted no bucket. */
    public static BucketGrants none(String accountUid) {
        return new BucketGrants(accountUid, Set.of());
    }

    /** The account that made these grants. */
    public String accountUid() {
        return accountUid;
    }

    /** Whether the service may delete objects from {@code bucket} for this account. OSS bucket names are lower case, compared exactly. */
    public boolean grants(String bucket) {
        return buckets.contains(bucket);
    }

    /** The first of an asset's buckets that is not granted, if any: the one to name in the outcome. */
    public Optional<String> firstUngranted(Collection<String> bucketsOfAsset) {
        for (String bucket : bucketsOfAsset) {
            if (!grants(bucket)) {
                return Optional.of(bucket);
            }
        }
        return Optional.empty();
    }

    /** {@link ForbiddenReason#BUCKET_NOT_AUTHORIZED} when some bucket of the asset is not granted. */
    public Optional<ForbiddenReason> check(Collection<String> bucketsOfAsset) {
        return firstUngranted(bucketsOfAsset).map(b -> ForbiddenReason.BUCKET_NOT_AUTHORIZED);
    }

    @Override
    public String toString() {
        return "buckets granted by " + accountUid + ": " + buckets;
    }
}
