-- Schema 4: wrong PIN guesses are counted in the database, so restarting the app does not
-- reset the pause that follows too many of them.
ALTER TABLE panelists ADD COLUMN pin_failures INTEGER NOT NULL DEFAULT 0;
ALTER TABLE panelists ADD COLUMN pin_paused_until TEXT;
