package org.peerbridge.mapping.subscription;

import java.util.Date;
import org.hl7.fhir.r4.model.Resource;

/**
 * One event of a subscription: its number (1, 2, ... per subscription, so gaps show), when the change
 * was committed, and the focus version (Type/id and version; the resource itself only when it is sent).
 */
public record NotificationEvent(long number, Date timestamp, String focusType, String focusId, int focusVersion, Resource focus) {

    public String focusReference() {
        return focusType + "/" + focusId;
    }
}
