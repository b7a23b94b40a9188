-- The console's registry browser and audit search. Portable between PostgreSQL and H2.

-- An asset's deletion history: every request that named it, newest first.
CREATE INDEX deletion_request_media_ix ON deletion_request (media_id, id);

-- Audit search by action and by target over a time range.
CREATE INDEX audit_event_action_ix ON audit_event (action, at);
