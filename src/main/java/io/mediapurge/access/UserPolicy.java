package io.mediapurge.access;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.FetchType;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.SequenceGenerator;
import jakarta.persistence.Table;

/** A RAM policy document attached to a user, in the order it was given. */
@Entity
@Table(name = "user_policy")
public class UserPolicy {

    @Id
    @SequenceGenerator(name = "user_policy_seq", sequenceName = "user_policy_seq", allocationSize = 50)
    @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "user_policy_seq")
    private Long id;

    @ManyToOne(fetch = FetchType.LAZY, optional = false)
    @JoinColumn(name = "user_id", nullable = false, updatable = false)
    private RamUser user;

    @Column(nullable = false, updatable = false)
    private int position;

    @Column(nullable = false, length = 65536)
    private String document;

    @Column(name = "updated_at", nullable = false)
    private OffsetDateTime updatedAt;

    protected UserPolicy() {
    }

    public UserPolicy(RamUser user, int position, String document) {
        this.user = user;
        this.position = position;
        this.document = document;
        this.updatedAt = OffsetDateTime.now(ZoneOffset.UTC);
    }

    public void replaceDocument(String document) {
        this.document = document;
        this.updatedAt = OffsetDateTime.now(ZoneOffset.UTC);
    }

    public Long getId() { return id; }
    public RamUser getUser() { return user; }
    public int getPosition() { return position; }
    public String getDocument() { return document; }
    public OffsetDateTime getUpdatedAt() { return updatedAt; }
}
