-- A red flag of the latest intake cleared by the clinic's staff: when, by whom, and their note (none once
-- the client is forgotten). A new intake starts without a clearance.
ALTER TABLE intake ADD COLUMN red_flag_cleared_at TIMESTAMPTZ;
ALTER TABLE intake ADD COLUMN red_flag_cleared_by TEXT;
ALTER TABLE intake ADD COLUMN red_flag_clearance TEXT;
