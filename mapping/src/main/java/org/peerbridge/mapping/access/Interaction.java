package org.peerbridge.mapping.access;

/**
 * What a caller asks of the server, as {@link RolePermissions} judges it before anything runs. A write's content
 * (which Task status, which type) is judged again per resource by the write rules; visibility (whose data a
 * request sees) is the organization's, never the role's.
 */
public enum Interaction {
    /** read, vread, an instance's history, a Bundle's GET entry of one resource. */
    READ,
    /** search (with its includes), a type's or the system's history, a Bundle's GET entry with a query. */
    SEARCH,
    /** create, update, patch, delete, transaction, batch; each resource then meets the write rules. */
    WRITE,
    /** $validate, in every mode: asked as the write it stands for. */
    VALIDATE,
    /** Patient/[id]/$everything. */
    EVERYTHING,
    /** ServiceRequest/[id]/$progress-report. */
    PROGRESS_REPORT,
    /** [base]/$program-outcomes. */
    PROGRAM_OUTCOMES,
    /** The web app's program page: the whole program's outcomes and engagement funnel, for the program's staff. */
    PROGRAM_PAGE,
    /** Bulk Data $export at system, Patient and Group level; its status and files answer only the client that started it. */
    EXPORT,
    /** Subscription/[id]/$status and $events. */
    SUBSCRIPTION_STATUS,
    /** clients and web users, through the admin API. */
    MANAGE_ACCESS
}
