-- The current version of a resource lives only in resource, with the method that wrote it; resource_history keeps the
-- versions it replaced. A create then writes one row instead of two, and vread and _history read both tables.
ALTER TABLE resource ADD COLUMN method VARCHAR(8);
UPDATE resource SET method = (SELECT h.method FROM resource_history h
    WHERE h.res_type = resource.res_type AND h.res_id = resource.res_id AND h.version = resource.version);
ALTER TABLE resource ALTER COLUMN method SET NOT NULL;
DELETE FROM resource_history WHERE EXISTS (SELECT 1 FROM resource r
    WHERE r.res_type = resource_history.res_type AND r.res_id = resource_history.res_id AND r.version = resource_history.version);
-- system-level _history?_since= reads the current versions in time order, as the history table's own index does for the rest
CREATE INDEX resource_updated ON resource (last_updated);
