package org.peerbridge.mapping.referral;

import org.peerbridge.mapping.codes.CodedValue;

/**
 * The finer referral states carried in Task.businessStatus: the BSeR / IHE 360X codes
 * (HL7 BSeR IG, CodeSystem TaskBusinessStatusCS).
 */
public enum BusinessStatus implements CodedValue {
    CREATED("2.0", "Service Request Created"),
    ACCEPTED("3.0", "Service Request Accepted"),
    DECLINED("4.0", "Service Request Declined"),
    EVENT_SCHEDULED("5.1.1", "Service Request Event Scheduled"),
    EVENT_UNATTENDED("5.1.2", "Scheduled Service Request Event Unattended"),
    EVENT_CANCELLED("5.1.3", "Scheduled Service Request Event Cancelled"),
    EVENT_COMPLETED("5.1.4", "Service Request Event Completed"),
    CANCELLATION_REQUESTED("5.2", "Service Request Cancellation Requested"),
    FULFILLMENT_CANCELLED("6.0", "Service Request Fulfillment Cancelled"),
    FULFILLMENT_COMPLETED("7.0", "Service Request Fulfillment Completed");

    public static final String SYSTEM = "http://hl7.org/fhir/us/bser/CodeSystem/TaskBusinessStatusCS";

    private final String code;
    private final String display;

    BusinessStatus(String code, String display) {
        this.code = code;
        this.display = display;
    }

    @Override
    public String system() {
        return SYSTEM;
    }

    @Override
    public String code() {
        return code;
    }

    @Override
    public String display() {
        return display;
    }
}
