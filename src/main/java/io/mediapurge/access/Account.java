package io.mediapurge.access;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** An Alibaba Cloud account (16-digit UID): owns media assets and RAM users. */
@Entity
@Table(name = "account")
public class Account {

    @Id
    @Column(length = 16)
    private String uid;

    @Column(nullable = false, length = 64)
    private String name;

    @Column(name = "created_at", nullable = false, updatable = false)
    private OffsetDateTime createdAt;

    protected Account() {
    }

    public Account(String uid, String name) {
        this.uid = uid;
        this.name = name;
        this.createdAt = OffsetDateTime.now(ZoneOffset.UTC);
    }

    public void rename(String name) {
        this.name = name;
    }

    public String getUid() { return uid; }
    public String getName() { return name; }
    public OffsetDateTime getCreatedAt() { return createdAt; }
}
