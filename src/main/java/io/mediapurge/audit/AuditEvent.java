package io.mediapurge.audit;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.SequenceGenerator;
import jakarta.persistence.Table;

/** One audited attempt: allowed or refused, it is kept. */
@Entity
@Table(name = "audit_event")
public class AuditEvent {

    @Id
    @SequenceGenerator(name = "audit_event_seq", sequenceName = "audit_event_seq", allocationSize = 50)
    @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "audit_event_seq")
    private Long id;

    @Column(nullable = false)
    private OffsetDateTime at;

    @Column(nullable = false, length = 128)
    private String actor;

    @Column(nullable = false, length = 16)
    private String door;

    @Column(length = 64)
    private String address;

    @Column(nullable = false, length = 64)
    private String action;

    @Column(length = 256)
    private String target;

    @Column(length = 1000)
    private String detail;

    @Column(nullable = false)
    private boolean allowed;

    protected AuditEvent() {
    }

    AuditEvent(String actor, Door door, String address, String action, String target, String detail, boolean allowed) {
        this.at = OffsetDateTime.now(ZoneOffset.UTC);
        this.actor = clip(actor == null ? "anonymous" : actor, 128);
        this.door = door.name();
        this.address = clip(address, 64);
        this.action = clip(action, 64);
        this.target = clip(target, 256);
        this.detail = clip(detail, 1000);
        this.allowed = allowed;
    }

    private static String clip(String s, int max) {
        return s == null || s.length() <= max ? s : s.substring(0, max - 1) + "…";
    }

    public Long getId() { return id; }
    public OffsetDateTime getAt() { return at; }
    public String getActor() { return actor; }
    public String getDoor() { return door; }
    public String getAddress() { return address; }
    public String getAction() { return action; }
    public String getTarget() { return target; }
    public String getDetail() { return detail; }
    public boolean isAllowed() { return allowed; }
}
