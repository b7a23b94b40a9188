package io.mediapurge.access;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.FetchType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.Table;

/**
 * An AccessKey pair of a RAM user. The secret signs requests, so it must be recoverable to verify
 * an HMAC: it is stored encrypted with the master key, never hashed, never returned.
 */
@Entity
@Table(name = "access_key")
public class AccessKey {

    @Id
    @Column(name = "access_key_id", length = 64)
    private String accessKeyId;

    @ManyToOne(fetch = FetchType.LAZY, optional = false)
    @JoinColumn(name = "user_id", nullable = false, updatable = false)
    private RamUser user;

    @Column(name = "secret_ciphertext", nullable = false, length = 512)
    private String secretCiphertext;

    @Column(nullable = false)
    private boolean active;

    @Column(name = "created_at", nullable = false, updatable = false)
    private OffsetDateTime createdAt;

    protected AccessKey() {
    }

    public AccessKey(String accessKeyId, RamUser user, String secretCiphertext) {
        this.accessKeyId = accessKeyId;
        this.user = user;
        this.secretCiphertext = secretCiphertext;
        this.active = true;
        this.createdAt = OffsetDateTime.now(ZoneOffset.UTC);
    }

    public void replaceSecret(String secretCiphertext) {
        this.secretCiphertext = secretCiphertext;
    }

    public void setActive(boolean active) {
        this.active = active;
    }

    public String getAccessKeyId() { return accessKeyId; }
    public RamUser getUser() { return user; }
    public String getSecretCiphertext() { return secretCiphertext; }
    public boolean isActive() { return active; }
    public OffsetDateTime getCreatedAt() { return createdAt; }
}
