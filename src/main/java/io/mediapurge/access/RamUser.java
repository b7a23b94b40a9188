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

/** A RAM user inside an account; the root user may do everything on its account's resources. */
@Entity
@Table(name = "ram_user")
public class RamUser {

    @Id
    @SequenceGenerator(name = "ram_user_seq", sequenceName = "ram_user_seq", allocationSize = 50)
    @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "ram_user_seq")
    private Long id;

    @ManyToOne(fetch = FetchType.LAZY, optional = false)
    @JoinColumn(name = "account_uid", nullable = false, updatable = false)
    private Account account;

    @Column(nullable = false, updatable = false, length = 64)
    private String name;

    @Column(nullable = false)
    private boolean root;

    @Column(name = "created_at", nullable = false, updatable = false)
    private OffsetDateTime createdAt;

    protected RamUser() {
    }

    public RamUser(Account account, String name, boolean root) {
        this.account = account;
        this.name = name;
        this.root = root;
        this.createdAt = OffsetDateTime.now(ZoneOffset.UTC);
    }

    public Long getId() { return id; }
    public Account getAccount() { return account; }
    public String getName() { return name; }
    public boolean isRoot() { return root; }
    public OffsetDateTime getCreatedAt() { return createdAt; }
}
