package io.mediapurge.registry;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.FetchType;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.SequenceGenerator;
import jakarta.persistence.Table;

/** One physical object in an OSS bucket that belongs to an asset. */
@Entity
@Table(name = "media_file")
public class MediaFile {

    @Id
    @SequenceGenerator(name = "media_file_seq", sequenceName = "media_file_seq", allocationSize = 50)
    @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "media_file_seq")
    private Long id;

    @ManyToOne(fetch = FetchType.LAZY, optional = false)
    @JoinColumn(name = "asset_id", nullable = false, updatable = false)
    private MediaAsset asset;

    @Column(nullable = false, updatable = false, length = 63)
    private String bucket;

    @Column(name = "object_key", nullable = false, updatable = false, length = 1024)
    private String objectKey;

    @Column(nullable = false, updatable = false, length = 32)
    private String region;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false, updatable = false, length = 16)
    private FileRole role;

    @Column(name = "size_bytes")
    private Long sizeBytes;

    @Column(name = "created_at", nullable = false, updatable = false)
    private OffsetDateTime createdAt;

    protected MediaFile() {
    }

    MediaFile(MediaAsset asset, String bucket, String objectKey, String region, FileRole role, Long sizeBytes) {
        this.asset = asset;
        this.bucket = bucket;
        this.objectKey = objectKey;
        this.region = region;
        this.role = role;
        this.sizeBytes = sizeBytes;
        this.createdAt = OffsetDateTime.now(ZoneOffset.UTC);
    }

    public Long getId() { return id; }
    public MediaAsset getAsset() { return asset; }
    public String getBucket() { return bucket; }
    public String getObjectKey() { return objectKey; }
    public String getRegion() { return region; }
    public FileRole getRole() { return role; }
    public Long getSizeBytes() { return sizeBytes; }
    public OffsetDateTime getCreatedAt() { return createdAt; }
}
