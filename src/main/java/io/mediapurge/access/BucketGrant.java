package io.mediapurge.access;

import java.io.Serializable;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;

/**
 * The account authorised the service role on a bucket (the analogue of granting
 * AliyunICEDefaultRole): physical deletion of an asset needs one for every bucket holding its files.
 */
@Entity
@Table(name = "bucket_grant")
@IdClass(BucketGrant.Key.class)
public class BucketGrant {

    /** Composite key: one grant per account and bucket. */
    public record Key(String accountUid, String bucket) implements Serializable {
        public Key() {
            this(null, null);
        }
    }

    @Id
    @Column(name = "account_uid", length = 16)
    private String accountUid;

    @Id
    @Column(length = 63)
    private String bucket;

    @Column(name = "granted_at", nullable = false, updatable = false)
    private OffsetDateTime grantedAt;

    protected BucketGrant() {
    }

    public BucketGrant(String accountUid, String bucket) {
        this.accountUid = accountUid;
        this.bucket = bucket;
        this.grantedAt = OffsetDateTime.now(ZoneOffset.UTC);
    }

    public String getAccountUid() { return accountUid; }
    public String getBucket() { return bucket; }
    public OffsetDateTime getGrantedAt() { return grantedAt; }
}
