package org.peerbridge.mapping.outcome;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.OperationOutcome.IssueType;
import org.hl7.fhir.r4.model.Questionnaire;
import org.hl7.fhir.r4.model.Questionnaire.QuestionnaireItemAnswerOptionComponent;
import org.hl7.fhir.r4.model.Questionnaire.QuestionnaireItemComponent;
import org.hl7.fhir.r4.model.Questionnaire.QuestionnaireItemType;
import org.hl7.fhir.r4.model.QuestionnaireResponse;
import org.hl7.fhir.r4.model.QuestionnaireResponse.QuestionnaireResponseItemAnswerComponent;
import org.hl7.fhir.r4.model.QuestionnaireResponse.QuestionnaireResponseItemComponent;
import org.hl7.fhir.r4.model.QuestionnaireResponse.QuestionnaireResponseStatus;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Type;
import org.peerbridge.mapping.rules.RuleViolation;

/**
 * Checks a QuestionnaireResponse against its Questionnaire and reports every problem, each located at
 * the response element it concerns (e.g. {@code QuestionnaireResponse.item[3].answer[0].value}).
 *
 * <p>Rules: the response names this Questionnaire; its status is completed or amended; every linkId
 * is an item of the Questionnaire at that place in the tree; answers have the item's type; coded answers
 * are among the item's answer options (system and code); required items are answered; an item that
 * does not repeat has at most one answer and appears once. Not checked: enableWhen conditions (an item
 * with enableWhen is never treated as required) and answerValueSet bindings (no terminology here).
 */
public final class ResponseChecker {

    private static final Set<QuestionnaireResponseStatus> ACCEPTED_STATUSES =
            EnumSet.of(QuestionnaireResponseStatus.COMPLETED, QuestionnaireResponseStatus.AMENDED);

    /** The FHIR types an answer may have, per item type (R4 QuestionnaireResponse.item.answer.value[x]). */
    private static final Map<QuestionnaireItemType, Set<String>> ANSWER_TYPES = new HashMap<>();

    static {
        ANSWER_TYPES.put(QuestionnaireItemType.BOOLEAN, Set.of("boolean"));
        ANSWER_TYPES.put(QuestionnaireItemType.DECIMAL, Set.of("decimal"));
        ANSWER_TYPES.put(QuestionnaireItemType.INTEGER, Set.of("integer"));
        ANSWER_TYPES.put(QuestionnaireItemType.DATE, Set.of("date"));
        ANSWER_TYPES.put(QuestionnaireItemType.DATETIME, Set.of("dateTime"));
        ANSWER_TYPES.put(QuestionnaireItemType.TIME, Set.of("time"));
        ANSWER_TYPES.put(QuestionnaireItemType.STRING, Set.of("string"));
        ANSWER_TYPES.put(QuestionnaireItemType.TEXT, Set.of("string"));
        ANSWER_TYPES.put(QuestionnaireItemType.URL, Set.of("uri"));
        ANSWER_TYPES.put(QuestionnaireItemType.ATTACHMENT, Set.of("Attachment"));
        ANSWER_TYPES.put(QuestionnaireItemType.REFERENCE, Set.of("Reference"));
        ANSWER_TYPES.put(QuestionnaireItemType.QUANTITY, Set.of("Quantity"));
        ANSWER_TYPES.put(QuestionnaireItemType.GROUP, Set.of());
        ANSWER_TYPES.put(QuestionnaireItemType.DISPLAY, Set.of());
    }

    private ResponseChecker() {
    }

    /** Every problem with {@code response} as an answer to {@code questionnaire}; empty when there is none. */
    public static List<RuleViolation> check(Questionnaire questionnaire, QuestionnaireResponse response) {
        List<RuleViolation> violations = new ArrayList<>();
        checkQuestionnaireCanonical(questionnaire, response, violations);
        checkStatus(response, violations);
        Set<String> allLinkIds = new HashSet<>();
        collectLinkIds(questionnaire.getItem(), allLinkIds);
        new ItemWalk(allLinkIds, violations).items(response.getItem(), "QuestionnaireResponse", questionnaire.getItem());
        return violations;
    }

    /**
     * What a response needs to belong to a referral, whatever the Questionnaire: a subject, an authored
     * date (time points are computed from it) and a basedOn reference to the referral's ServiceRequest
     * on this server, {@code ServiceRequest/<id>}. Whether they name the right patient and referral is
     * for the server to check against stored data ({@link ResponseReferral}). A {@code urn:uuid:}
     * reference (a transaction entry) is accepted as a ServiceRequest for the server to resolve.
     */
    public static List<RuleViolation> checkReferralContext(QuestionnaireResponse response) {
        List<RuleViolation> violations = new ArrayList<>();
        if (!response.hasSubject() || !response.getSubject().hasReference()) {
            violations.add(RuleViolation.invalid(IssueType.REQUIRED, "QuestionnaireResponse.subject",
                    "A response needs a subject: the referral's patient"));
        }
        if (!response.hasAuthored()) {
            violations.add(RuleViolation.invalid(IssueType.REQUIRED, "QuestionnaireResponse.authored",
                    "A response needs its authored date: time points are measured from it"));
        }
        if (response.getBasedOn().stream().noneMatch(ResponseChecker::mayBeServiceRequest)) {
            violations.add(RuleViolation.invalid(IssueType.REQUIRED, "QuestionnaireResponse.basedOn",
                    "A response needs basedOn the referral's ServiceRequest, as a reference ServiceRequest/<id> to a referral on this server"));
        }
        return violations;
    }

    /**
     * Whether a reference names a ServiceRequest on this server ({@code ServiceRequest/<id>}), or is a
     * transaction-local urn the server will resolve. An absolute URL or a logical reference (identifier
     * only) cannot be followed to the referral, so it does not count.
     */
    static boolean mayBeServiceRequest(Reference reference) {
        String literal = reference.getReference();
        return literal != null && (literal.startsWith("ServiceRequest/") || literal.startsWith("urn:uuid:"));
    }

    private static void checkQuestionnaireCanonical(Questionnaire questionnaire, QuestionnaireResponse response,
            List<RuleViolation> violations) {
        if (!response.hasQuestionnaire()) {
            violations.add(RuleViolation.invalid(IssueType.REQUIRED, "QuestionnaireResponse.questionnaire",
                    "A response must name its Questionnaire by canonical URL, e.g. " + questionnaire.getUrl()));
            return;
        }
        String canonical = response.getQuestionnaire();
        String[] parts = canonical.split("\\|", 2);
        boolean sameUrl = parts[0].equals(questionnaire.getUrl());
        boolean sameVersion = parts.length == 1 || parts[1].equals(questionnaire.getVersion());
        if (!sameUrl || !sameVersion) {
            violations.add(RuleViolation.invalid(IssueType.VALUE, "QuestionnaireResponse.questionnaire",
                    "The response names '" + canonical + "', not " + questionnaire.getUrl() + " (version "
                            + questionnaire.getVersion() + ")"));
        }
    }

    private static void checkStatus(QuestionnaireResponse response, List<RuleViolation> violations) {
        if (!response.hasStatus()) {
            violations.add(RuleViolation.invalid(IssueType.REQUIRED, "QuestionnaireResponse.status",
                    "A response needs a status: completed, or amended for a corrected one"));
        } else if (!ACCEPTED_STATUSES.contains(response.getStatus())) {
            violations.add(RuleViolation.invalid(IssueType.BUSINESSRULE, "QuestionnaireResponse.status",
                    "Only completed or amended responses are accepted, not '" + response.getStatus().toCode() + "'"));
        }
    }

    private static void collectLinkIds(List<QuestionnaireItemComponent> items, Set<String> into) {
        for (QuestionnaireItemComponent item : items) {
            into.add(item.getLinkId());
            collectLinkIds(item.getItem(), into);
        }
    }

    /** One pass over the response tree alongside the Questionnaire tree. */
    private record ItemWalk(Set<String> allLinkIds, List<RuleViolation> violations) {

        void items(List<QuestionnaireResponseItemComponent> items, String parentPath,
                List<QuestionnaireItemComponent> definitions) {
            Map<String, QuestionnaireItemComponent> byLinkId = new LinkedHashMap<>();
            definitions.forEach(d -> byLinkId.put(d.getLinkId(), d));
            Map<String, List<ResponseItems.Located>> seen = new HashMap<>();
            for (int i = 0; i < items.size(); i++) {
                ResponseItems.Located located = new ResponseItems.Located(items.get(i), parentPath + ".item[" + i + "]");
                String linkId = located.item().getLinkId();
                QuestionnaireItemComponent definition = byLinkId.get(linkId);
                if (definition == null) {
                    unknownLinkId(located);
                    continue;
                }
                List<ResponseItems.Located> earlier = seen.computeIfAbsent(linkId, k -> new ArrayList<>());
                if (!earlier.isEmpty() && !definition.getRepeats()) {
                    violations.add(RuleViolation.invalid(IssueType.STRUCTURE, located.path(), "Item '" + linkId
                            + "' appears more than once, but it does not repeat (first at " + earlier.get(0).path() + ")"));
                }
                earlier.add(located);
                answers(definition, located);
                // Children are checked where there are some: an empty group is reported once, at the group
                // (if required), and a question's nested items only matter under an answer that has them.
                if (located.item().hasItem()) {
                    items(located.item().getItem(), located.path(), definition.getItem());
                }
                for (int a = 0; a < located.item().getAnswer().size(); a++) {
                    if (located.item().getAnswer().get(a).hasItem()) {
                        items(located.item().getAnswer().get(a).getItem(), located.answerPath(a), definition.getItem());
                    }
                }
            }
            required(definitions, seen, parentPath);
        }

        private void unknownLinkId(ResponseItems.Located located) {
            String linkId = located.item().getLinkId();
            String where = located.path() + ".linkId";
            if (linkId == null) {
                violations.add(RuleViolation.invalid(IssueType.REQUIRED, where, "Every response item needs a linkId"));
            } else if (allLinkIds.contains(linkId)) {
                violations.add(RuleViolation.invalid(IssueType.STRUCTURE, where, "Item '" + linkId
                        + "' is in the Questionnaire, but not at this place in the item tree"));
            } else {
                violations.add(RuleViolation.invalid(IssueType.STRUCTURE, where, "The Questionnaire has no item '"
                        + linkId + "'"));
            }
        }

        private void answers(QuestionnaireItemComponent definition, ResponseItems.Located located) {
            List<QuestionnaireResponseItemAnswerComponent> answers = located.item().getAnswer();
            String linkId = definition.getLinkId();
            if (answers.size() > 1 && !definition.getRepeats()) {
                violations.add(RuleViolation.invalid(IssueType.STRUCTURE, located.answerPath(1), "Item '" + linkId
                        + "' takes one answer; the response gives " + answers.size()));
            }
            for (int a = 0; a < answers.size(); a++) {
                Type value = answers.get(a).getValue();
                if (value == null) {
                    continue;
                }
                Set<String> allowed = answerTypes(definition);
                if (allowed != null && !allowed.contains(value.fhirType())) {
                    violations.add(RuleViolation.invalid(IssueType.STRUCTURE, located.answerValuePath(a), "Item '"
                            + linkId + "' is of type " + definition.getType().toCode() + (allowed.isEmpty()
                            ? " and takes no answer" : " and takes " + String.join(" or ", allowed))
                            + "; the answer is of type " + value.fhirType()));
                } else if (definition.hasAnswerOption() && !isOption(definition, value)) {
                    violations.add(RuleViolation.invalid(IssueType.CODEINVALID, located.answerValuePath(a), "'"
                            + describe(value) + "' is not one of the answer options of item '" + linkId + "'"));
                }
            }
        }

        /** Allowed answer types; null when anything goes (an abstract 'question' item). */
        private static Set<String> answerTypes(QuestionnaireItemComponent definition) {
            QuestionnaireItemType type = definition.getType();
            if (type == QuestionnaireItemType.CHOICE || type == QuestionnaireItemType.OPENCHOICE) {
                Set<String> types = new HashSet<>();
                definition.getAnswerOption().forEach(o -> types.add(o.getValue().fhirType()));
                if (types.isEmpty()) {
                    types.add("Coding");
                }
                if (type == QuestionnaireItemType.OPENCHOICE) {
                    types.add("string");
                }
                return types;
            }
            return ANSWER_TYPES.get(type);
        }

        /** Open-choice free text is not an option and needs none; everything else must match one. */
        private static boolean isOption(QuestionnaireItemComponent definition, Type value) {
            if (definition.getType() == QuestionnaireItemType.OPENCHOICE && "string".equals(value.fhirType())) {
                return true;
            }
            for (QuestionnaireItemAnswerOptionComponent option : definition.getAnswerOption()) {
                Type allowed = option.getValue();
                if (allowed instanceof Coding coding && value instanceof Coding answer) {
                    if (AnswerScores.sameCode(coding, answer)) {
                        return true;
                    }
                } else if (allowed != null && allowed.equalsDeep(value)) {
                    return true;
                }
            }
            return false;
        }

        private static String describe(Type value) {
            if (value instanceof Coding coding) {
                return coding.getSystem() + "|" + coding.getCode();
            }
            return value.primitiveValue();
        }

        private void required(List<QuestionnaireItemComponent> definitions, Map<String, List<ResponseItems.Located>> seen,
                String parentPath) {
            for (QuestionnaireItemComponent definition : definitions) {
                if (!definition.getRequired() || definition.hasEnableWhen()) {
                    continue;
                }
                List<ResponseItems.Located> found = seen.getOrDefault(definition.getLinkId(), List.of());
                if (found.isEmpty()) {
                    violations.add(RuleViolation.invalid(IssueType.REQUIRED, ResponseItems.absent(parentPath,
                            definition.getLinkId()), "Item '" + definition.getLinkId() + "' is required"));
                    continue;
                }
                boolean group = definition.getType() == QuestionnaireItemType.GROUP;
                for (ResponseItems.Located located : found) {
                    boolean filled = group ? located.item().hasItem() : located.isAnswered();
                    if (!filled) {
                        violations.add(RuleViolation.invalid(IssueType.REQUIRED, located.path(), "Item '"
                                + definition.getLinkId() + "' is required " + (group ? "and has no items" : "but has no answer")));
                    }
                }
            }
        }
    }
}
