package io.mediapurge.registry;

import java.security.SecureRandom;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

import jakarta.persistence.CascadeType;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.OneToMany;
import jakarta.persistence.OrderBy;
import jakarta.persistence.SequenceGenerator;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

/** A registered media asset (IMS MediaInfo) owned by one account, with its physical files. */
@Entity
@Table(name = "media_asset")
public class MediaAsset {

    @Id
    @SequenceGenerator(name = "media_asset_seq", sequenceName = "media_asset_seq", allocationSize = 50)
    @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "media_asset_seq")
    private Long id;

    @Column(name = "media_id", nullable = false, updatable = false, length = 32)
    private String mediaId;

    @Column(name = "owner_uid", nullable = false, updatable = false, length = 16)
    private String ownerUid;

    @Column(nullable = false, updatable = false, length = 32)
    private String region;

    @Column(name = "input_url", nullable = false, length = 2048)
    private String inputUrl;

    @Column(name = "media_type", nullable = false, length = 16)
    private String mediaType;

    @Column(name = "business_type", length = 32)
    private String businessType;

    @Column(length = 16)
    private String source;

    @Column(length = 256)
    private String title;

    @Column(length = 2048)
    private String description;

    @Column(name = "cate_id")
    private Long cateId;

    @Column(name = "media_tags", length = 1024)
    private String mediaTags;

    @Column(name = "cover_url", length = 2048)
    private String coverUrl;

    @Column(name = "user_data", length = 4096)
    private String userData;

    @Column(name = "reference_id", length = 64)
    private String referenceId;

    @Column(name = "client_token", updatable = false, length = 64)
    private String clientToken;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false, length = 16)
    private MediaStatus status;

    @Column(name = "created_at", nullable = false, updatable = false)
    private OffsetDateTime createdAt;

    @Column(name = "modified_at", nullable = false)
    private OffsetDateTime modifiedAt;

    @Column(name = "deleted_at")
    private OffsetDateTime deletedAt;

    @Version
    private long version;

    @OneToMany(mappedBy = "asset", cascade = CascadeType.PERSIST)
    @OrderBy("id")
    private List<MediaFile> files = new ArrayList<>();

    private static final SecureRandom MEDIA_IDS = new SecureRandom();

    protected MediaAsset() {
    }

    /** A fresh MediaId in the IMS form: 32 lowercase hex digits, random. */
    public static String newMediaId() {
        byte[] bytes = new byte[16];
        MEDIA_IDS.nextBytes(bytes);
        return HexFormat.of().formatHex(bytes);
    }

    public MediaAsset(String mediaId, String ownerUid, String region, String inputUrl, String mediaType) {
        this.mediaId = mediaId;
        this.ownerUid = ownerUid;
        this.region = region;
        this.inputUrl = inputUrl;
        this.mediaType = mediaType;
        this.status = MediaStatus.Normal;
        this.createdAt = OffsetDateTime.now(ZoneOffset.UTC);
        this.modifiedAt = createdAt;
    }

    public MediaFile addFile(String bucket, String objectKey, FileRole role, Long sizeBytes) {
        MediaFile file = new MediaFile(this, bucket, objectKey, region, role, sizeBytes);
        files.add(file);
        return file;
    }

    /** Keeps the row as a tombstone: deleted assets are answered as ignored, never resurrected. */
    public void markDeleted(OffsetDateTime when) {
        status = MediaStatus.Deleted;
        deletedAt = when;
        modifiedAt = when;
    }

    public void describe(String title, String description, String businessType, String mediaTags,
            String coverUrl, String userData, String referenceId, Long cateId) {
        this.title = title;
        this.description = description;
        this.businessType = businessType;
        this.mediaTags = mediaTags;
        this.coverUrl = coverUrl;
        this.userData = userData;
        this.referenceId = referenceId;
        this.cateId = cateId;
        this.modifiedAt = OffsetDateTime.now(ZoneOffset.UTC);
    }

    public void setSource(String source) {
        this.source = source;
    }

    public void setClientToken(String clientToken) {
        this.clientToken = clientToken;
    }

    public Long getId() { return id; }
    public String getMediaId() { return mediaId; }
    public String getOwnerUid() { return ownerUid; }
    public String getRegion() { return region; }
    public String getInputUrl() { return inputUrl; }
    public String getMediaType() { return mediaType; }
    public String getBusinessType() { return businessType; }
    public String getSource() { return source; }
    public String getTitle() { return title; }
    public String getDescription() { return description; }
    public Long getCateId() { return cateId; }
    public String getMediaTags() { return mediaTags; }
    public String getCoverUrl() { return coverUrl; }
    public String getUserData() { return userData; }
    public String getReferenceId() { return referenceId; }
    public String getClientToken() { return clientToken; }
    public MediaStatus getStatus() { return status; }
    public OffsetDateTime getCreatedAt() { return createdAt; }
    public OffsetDateTime getModifiedAt() { return modifiedAt; }
    public OffsetDateTime getDeletedAt() { return deletedAt; }
    /** The optimistic-lock version as read: another transaction's change moves it. */
    public long getVersion() { return version; }
    public List<MediaFile> getFiles() { return files; }
}
