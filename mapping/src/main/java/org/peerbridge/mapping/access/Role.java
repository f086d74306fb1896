package org.peerbridge.mapping.access;

/**
 * The part a caller plays in the referral loop. Scopes say which resource types a token may touch; the
 * role says which of the loop's actions its organization may take on them.
 * <ul>
 *   <li>{@link #PROGRAM}: the peer support program (its staff and its systems): triages and fulfils
 *       referrals, records sessions, questionnaire responses and safety follow-up, manages the directory;
 *       sees every organization's referrals.</li>
 *   <li>{@link #REFERRER}: a referring organization (an EHR, a clinician): creates its referrals, updates
 *       or revokes them while the rules allow, asks to cancel, reads what derives from its own referrals.</li>
 *   <li>{@link #ADMIN}: the operator, acting for the program's Organization: manages clients and users and reads
 *       the audit trail; with system scopes it also acts as the program.</li>
 * </ul>
 */
public enum Role {
    PROGRAM, REFERRER, ADMIN;

    /**
     * The role of a caller that acts for {@code organization}, given the program's own Organization. The admin
     * scope makes an admin of the program's callers only: a referring organization's client holding it is still
     * a referrer, so it neither manages clients nor reads the audit trail.
     */
    public static Role of(String organization, String programOrganization, boolean admin) {
        if (!programOrganization.equals(organization)) {
            return REFERRER;
        }
        return admin ? ADMIN : PROGRAM;
    }
}
