package org.peerbridge.mapping.outcome;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.hl7.fhir.r4.model.QuestionnaireResponse;
import org.hl7.fhir.r4.model.QuestionnaireResponse.QuestionnaireResponseItemAnswerComponent;
import org.hl7.fhir.r4.model.QuestionnaireResponse.QuestionnaireResponseItemComponent;

/**
 * Finds response items by linkId anywhere in a QuestionnaireResponse (under items and under answers)
 * together with their FHIRPath location, so every problem can be reported exactly where it is.
 */
final class ResponseItems {

    /** A response item and where it sits, e.g. {@code QuestionnaireResponse.item[2]}. */
    record Located(QuestionnaireResponseItemComponent item, String path) {

        String answerPath(int index) {
            return path + ".answer[" + index + "]";
        }

        /** Location of an answer's value; FHIRPath names the choice element without its type suffix. */
        String answerValuePath(int index) {
            return answerPath(index) + ".value";
        }

        boolean isAnswered() {
            return item.getAnswer().stream().anyMatch(QuestionnaireResponseItemAnswerComponent::hasValue);
        }
    }

    private ResponseItems() {
    }

    /** Every item of the response, depth first, in document order. */
    static List<Located> all(QuestionnaireResponse response) {
        List<Located> found = new ArrayList<>();
        collect(response.getItem(), "QuestionnaireResponse", found);
        return found;
    }

    /** The first item with this linkId, wherever it is. */
    static Optional<Located> first(QuestionnaireResponse response, String linkId) {
        return all(response).stream().filter(l -> linkId.equals(l.item().getLinkId())).findFirst();
    }

    /**
     * Where an item that is not in the response would be, under {@code parentPath}: a FHIRPath
     * expression that selects it by linkId, since it has no index to point at.
     */
    static String absent(String parentPath, String linkId) {
        return parentPath + ".item.where(linkId = '" + linkId.replace("'", "\\'") + "')";
    }

    /** {@link #absent} at the top level of the response. */
    static String absentTopLevel(String linkId) {
        return absent("QuestionnaireResponse", linkId);
    }

    private static void collect(List<QuestionnaireResponseItemComponent> items, String parentPath, List<Located> into) {
        for (int i = 0; i < items.size(); i++) {
            QuestionnaireResponseItemComponent item = items.get(i);
            String path = parentPath + ".item[" + i + "]";
            into.add(new Located(item, path));
            collect(item.getItem(), path, into);
            for (int a = 0; a < item.getAnswer().size(); a++) {
                collect(item.getAnswer().get(a).getItem(), path + ".answer[" + a + "]", into);
            }
        }
    }
}
