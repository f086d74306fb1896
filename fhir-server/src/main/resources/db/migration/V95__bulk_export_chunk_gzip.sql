-- An export's pages are kept gzip-compressed (NdjsonGzip): about a ninth of the bytes to write (on H2 an API
-- request's commit writes the export's pending page too, and the requests behind it wait) and to keep.
-- Chunks written as text before this column stay readable.
ALTER TABLE bulk_export_chunk ADD COLUMN ndjson_gzip BYTEA;
ALTER TABLE bulk_export_chunk ALTER COLUMN ndjson DROP NOT NULL;
