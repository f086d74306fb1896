package org.peerbridge.server.security.scope;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ca.uhn.fhir.rest.api.RestOperationTypeEnum;
import org.junit.jupiter.api.Test;

class ScopeSetTest {

    @Test
    void version2ScopesGrantTheirLettersOnTheirType() {
        ScopeSet scopes = ScopeSet.parse("system/ServiceRequest.cru system/Task.rs");
        assertTrue(scopes.allows("ServiceRequest", Permission.CREATE));
        assertTrue(scopes.allows("ServiceRequest", Permission.UPDATE));
        assertFalse(scopes.allows("ServiceRequest", Permission.DELETE));
        assertFalse(scopes.allows("ServiceRequest", Permission.SEARCH));
        assertTrue(scopes.allows("Task", Permission.SEARCH));
        assertFalse(scopes.allows("Patient", Permission.READ));
        assertFalse(scopes.allowsEveryType(Permission.READ));
    }

    @Test
    void wildcardsAndVersion1ScopesAreUnderstood() {
        ScopeSet scopes = ScopeSet.parse("system/*.rs system/Task.write");
        assertTrue(scopes.allows("Patient", Permission.READ));
        assertTrue(scopes.allowsEveryType(Permission.SEARCH));
        assertTrue(scopes.allows("Task", Permission.CREATE) && scopes.allows("Task", Permission.DELETE));
        assertFalse(scopes.allows("Patient", Permission.CREATE));
        assertEquals("system/*.rs system/Task.cud", scopes.asString());
        assertTrue(ScopeSet.parse("system/Patient.read").allows("Patient", Permission.SEARCH));
        assertTrue(ScopeSet.parse("system/*.*").allowsEveryType(Permission.DELETE));
    }

    @Test
    void lettersOutOfOrderUserScopesAndQueriesAreNotScopesPeerBridgeGrants() {
        for (String bad : new String[] {"system/Task.rc", "system/Task.rr", "user/Task.rs", "patient/*.read", "system/Task.rs?status=active",
            "system/task.rs", "openid"}) {
            assertThrows(IllegalArgumentException.class, () -> ScopeSet.parse(bad), bad);
        }
    }

    @Test
    void aTokenGetsOnlyTheRequestedScopesTheRegistrationCovers() {
        ScopeSet registered = ScopeSet.parse("system/*.rs system/ServiceRequest.c");
        assertEquals("system/Task.rs system/ServiceRequest.c", registered.grant(ScopeSet.parse("system/Task.rs system/ServiceRequest.c")).asString());
        assertEquals("", registered.grant(ScopeSet.parse("system/Task.u peerbridge/admin")).asString());
        assertEquals("system/*.r", registered.grant(ScopeSet.parse("system/*.r")).asString());
        assertEquals("", ScopeSet.parse("system/Task.rs").grant(ScopeSet.parse("system/*.r")).asString(), "a wildcard needs a wildcard");
    }

    @Test
    void theAdminScopeIsNeverImpliedByAWildcard() {
        ScopeSet all = ScopeSet.parse("system/*.cruds");
        assertFalse(all.admin());
        assertFalse(ScopeRules.of(RestOperationTypeEnum.SEARCH_TYPE, null).orElseThrow().metBy(all, "AuditEvent"));
        assertTrue(ScopeRules.of(RestOperationTypeEnum.SEARCH_TYPE, null).orElseThrow().metBy(ScopeSet.parse("peerbridge/admin"), "AuditEvent"));
    }

    @Test
    void everyInteractionHasARuleAndUnknownOperationsHaveNone() {
        assertTrue(ScopeRules.of(RestOperationTypeEnum.METADATA, null).orElseThrow().publicAccess());
        assertTrue(ScopeRules.of(RestOperationTypeEnum.HISTORY_INSTANCE, null).orElseThrow().metBy(ScopeSet.parse("system/Task.r"), "Task"));
        assertFalse(ScopeRules.of(RestOperationTypeEnum.HISTORY_TYPE, null).orElseThrow().metBy(ScopeSet.parse("system/Task.r"), "Task"));
        assertFalse(ScopeRules.of(RestOperationTypeEnum.HISTORY_SYSTEM, null).orElseThrow().metBy(ScopeSet.parse("system/Task.s"), null));
        assertTrue(ScopeRules.of(RestOperationTypeEnum.EXTENDED_OPERATION_INSTANCE, "$everything").orElseThrow()
                .metBy(ScopeSet.parse("system/Patient.r"), "Patient"));
        assertTrue(ScopeRules.of(RestOperationTypeEnum.EXTENDED_OPERATION_TYPE, "$frobnicate").isEmpty());
    }

    @Test
    void aProgressReportNeedsReadingEveryTypeItShowsAndNamesOnlyTheMissingOnes() {
        ScopeRules.Requirement report = ScopeRules.of(RestOperationTypeEnum.EXTENDED_OPERATION_INSTANCE, "$progress-report").orElseThrow();
        assertTrue(report.metBy(ScopeSet.parse("system/*.r"), "ServiceRequest"));
        assertEquals("system/ServiceRequest.r", report.unmetBy(ScopeSet.parse("system/Task.r system/Patient.r system/Encounter.r"
                + " system/Procedure.r system/QuestionnaireResponse.r system/Observation.r system/Flag.r"), "ServiceRequest"));
        assertEquals("system/Encounter.r and system/Procedure.r and system/QuestionnaireResponse.r and system/Observation.r and system/Flag.r",
                report.unmetBy(ScopeSet.parse("system/ServiceRequest.r system/Task.r system/Patient.r"), "ServiceRequest"));
    }
}
