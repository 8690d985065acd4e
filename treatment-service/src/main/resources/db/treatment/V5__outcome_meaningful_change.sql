-- The minimal important change on the NPRS (a fall of at least 2 points or 30% from baseline), in
-- PostgreSQL so that the outcome projection can apply an assessment or a discharge in one statement.
-- OutcomeProjectionSqlTest checks it against OutcomeProjection.meaningful for every pair of scores.
CREATE FUNCTION outcome_meaningful(baseline integer, pain integer) RETURNS boolean
    LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
    RETURN baseline - pain >= 2 OR (baseline > 0 AND (baseline - pain) * 10 >= baseline * 3);
