package org.peerbridge.server.web.view;

import java.util.List;

/**
 * The organization's referrals as the list page shows them: those with an open safety alert first, then
 * one page of all of them, most recently changed first, optionally of one Task status and of some patients
 * ({@code patients}: their ids, comma-separated, or "").
 */
public record ReferralList(List<Row> alerted, List<Row> rows, int total, int offset, int pageSize, String status, String patients) {

    /** One referral: its patient, status, last change and open safety alerts. */
    public record Row(String referralId, String patientId, String patient, String birthDate, String status, String businessStatus,
                      String lastChange, int openAlerts) { }

    public boolean hasPrevious() {
        return offset > 0;
    }

    public boolean hasNext() {
        return offset + pageSize < total;
    }

    public int previousOffset() {
        return Math.max(0, offset - pageSize);
    }

    public int nextOffset() {
        return offset + pageSize;
    }
}
