package org.peerbridge.server.bulk;

import java.util.Arrays;
import java.util.List;

/**
 * One export as stored in {@code bulk_export_job}: what was asked and by whom, its snapshot time, and how
 * far it has got ({@code typeIndex}, {@code afterId}: the next page of {@code types.get(typeIndex)} starts
 * after that id). {@code patientsListed}: the export is about the patients in bulk_export_patient (a Group's
 * members, or a Patient-level export's patient parameter) rather than every patient the caller may see.
 */
record ExportJob(String id, String clientId, String organization, String scopes, String requestUrl, ExportLevel level,
        String groupId, boolean patientsListed, List<String> types, Long since, List<String> typeFilters, long transactionTime, Status status,
        long created, Long expires, int typeIndex, String afterId, long exported, String errorText) {

    /** Where a job is; a cancelled job is deleted at once, so it has no status. */
    enum Status {
        QUEUED, RUNNING, COMPLETED, FAILED;

        String code() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }

        static Status of(String code) {
            return valueOf(code.toUpperCase(java.util.Locale.ROOT));
        }
    }

    /** What the kick-off asked for, before it has an id and a snapshot time. */
    record Request(String clientId, String organization, String scopes, String requestUrl, ExportLevel level, String groupId,
            List<String> types, Long since, List<String> typeFilters, List<String> patients) { }

    static List<String> split(String joined, String separator) {
        return joined == null || joined.isEmpty() ? List.of() : Arrays.asList(joined.split(separator));
    }
}
