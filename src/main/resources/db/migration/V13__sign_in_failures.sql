-- Failed console sign-ins per username, shared by every server on the database: a cluster of n
-- servers locks a name after the same five failures as one server. Kept for a day after the last
-- failure; a success removes the name's row.
CREATE TABLE sign_in_failure (
    username        VARCHAR(64) NOT NULL PRIMARY KEY,  -- as typed, trimmed and lower-cased; the user need not exist
    failures        INTEGER     NOT NULL,              -- failures in a row
    locked_until    TIMESTAMP WITH TIME ZONE,          -- no sign-in for the name before this
    last_failed_at  TIMESTAMP WITH TIME ZONE NOT NULL
);
CREATE INDEX sign_in_failure_last_failed_ix ON sign_in_failure (last_failed_at);
