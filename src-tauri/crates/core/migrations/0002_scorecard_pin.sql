-- Schema 2: a panelist on a shared laptop may guard their scorecard with a short PIN.
-- The PIN itself is never stored: only an Argon2id hash in PHC string form.
ALTER TABLE panelists ADD COLUMN pin_hash TEXT;
