package io.mediapurge.access;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.Set;
import java.util.stream.Collectors;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.FetchType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.Table;

/** A person who logs in to the console; purges they start run with the permissions of {@code actsAs}. */
@Entity
@Table(name = "console_user")
public class ConsoleUser {

    @Id
    @Column(length = 64)
    private String username;

    @Column(name = "password_hash", nullable = false, length = 256)
    private String passwordHash;

    @Column(nullable = false, length = 256)
    private String roles;

    @ManyToOne(fetch = FetchType.LAZY)
    @JoinColumn(name = "acts_as_user_id")
    private RamUser actsAs;

    @Column(name = "created_at", nullable = false, updatable = false)
    private OffsetDateTime createdAt;

    protected ConsoleUser() {
    }

    public ConsoleUser(String username, String passwordHash, Set<String> roles, RamUser actsAs) {
        this.username = username;
        this.passwordHash = passwordHash;
        this.roles = String.join(",", roles);
        this.actsAs = actsAs;
        this.createdAt = OffsetDateTime.now(ZoneOffset.UTC);
    }

    public void replacePasswordHash(String passwordHash) {
        this.passwordHash = passwordHash;
    }

    public void replaceRoles(Set<String> roles) {
        this.roles = String.join(",", roles);
    }

    public void actAs(RamUser actsAs) {
        this.actsAs = actsAs;
    }

    public Set<String> getRoles() {
        return Arrays.stream(roles.split(",")).map(String::strip).filter(r -> !r.isEmpty())
                .collect(Collectors.toUnmodifiableSet());
    }

    /**
     * What a signed-in session was granted on: a digest of the password hash and the roles. A
     * session whose stamp differs from the stored user's (a reset password, other roles) ends.
     */
    public String accessStamp() {
        try {
            byte[] digest = java.security.MessageDigest.getInstance("SHA-256").digest((passwordHash + "\n"
                    + String.join(",", new java.util.TreeSet<>(getRoles()))).getBytes(java.nio.charset.StandardCharsets.UTF_8));
            return java.util.HexFormat.of().formatHex(digest);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JDK", e);
        }
    }

    public String getUsername() { return username; }
    public String getPasswordHash() { return passwordHash; }
    public RamUser getActsAs() { return actsAs; }
    public OffsetDateTime getCreatedAt() { return createdAt; }
}
