-- Who did what through which door, when, from which address, and whether it was allowed:
-- written by every door (console, REST API) through the audit service, read by the console.
CREATE SEQUENCE audit_event_seq START WITH 50 INCREMENT BY 50;
CREATE TABLE audit_event (
    id          BIGINT        NOT NULL PRIMARY KEY,
    at          TIMESTAMP WITH TIME ZONE NOT NULL,
    actor       VARCHAR(128)  NOT NULL,   -- console username, or the signing principal ACCOUNT/USER
    door        VARCHAR(16)   NOT NULL,   -- CONSOLE, REST, ICE
    address     VARCHAR(64),              -- the client's address as the server saw it
    action      VARCHAR(64)   NOT NULL,   -- e.g. START_PURGE, RESTART_RUN, LOGIN
    target      VARCHAR(256),             -- e.g. submission 12, execution 40
    detail      VARCHAR(1000),
    allowed     BOOLEAN       NOT NULL
);
CREATE INDEX audit_event_at_ix ON audit_event (at);
CREATE INDEX audit_event_actor_ix ON audit_event (actor, at);
