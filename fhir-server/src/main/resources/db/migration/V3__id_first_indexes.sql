-- H2 uses an index for "column IN (subquery or list)" only when that column leads the index, so
-- every search criterion ("res_id IN (...)"), _include and _revinclude needs an index that starts
-- with the id; with (res_type, res_id) H2 scanned every resource of the type. PostgreSQL is
-- indifferent to the order, and the equality lookups by (type, id) use these indexes just as well.
CREATE UNIQUE INDEX resource_by_id ON resource (res_id, res_type);

DROP INDEX idx_token_owner;
CREATE INDEX idx_token_owner ON idx_token (res_id, res_type);
DROP INDEX idx_string_owner;
CREATE INDEX idx_string_owner ON idx_string (res_id, res_type);
DROP INDEX idx_date_owner;
CREATE INDEX idx_date_owner ON idx_date (res_id, res_type);
DROP INDEX idx_reference_owner;
CREATE INDEX idx_reference_owner ON idx_reference (res_id, res_type);
DROP INDEX idx_reference_target;
CREATE INDEX idx_reference_target ON idx_reference (target_id, target_type);
