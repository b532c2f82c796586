-- A pile's sessions, newest first: what a pile looks up when its controller (re)appears, and the operators'
-- session list filtered by pile; without it both read the whole session history.
CREATE INDEX charging_session_by_pile ON charging_session (pile_id, started_at);
