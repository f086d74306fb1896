package org.peerbridge.mapping.codes;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;

/**
 * One code of a code system, as the enums of the code lists PeerBridge writes and reads implement it:
 * the enum says which codes exist, this interface turns them into FHIR and back.
 */
public interface CodedValue {

    String system();

    String code();

    String display();

    /** What the code means, as the published CodeSystem states it; the display unless a code says more. */
    default String definition() {
        return display();
    }

    default Coding toCoding() {
        return new Coding(system(), code(), display());
    }

    /** The code as a concept with this one coding and its display as the text a chart shows. */
    default CodeableConcept toCodeableConcept() {
        return new CodeableConcept(toCoding()).setText(display());
    }

    /** The value of the code list with this code, if it has one. */
    static <E extends Enum<E> & CodedValue> Optional<E> fromCode(Class<E> codeList, String code) {
        return Arrays.stream(codeList.getEnumConstants()).filter(value -> value.code().equals(code)).findFirst();
    }

    /** The value a coding names, if it is in the code list's system and the list has its code. */
    static <E extends Enum<E> & CodedValue> Optional<E> of(Class<E> codeList, Coding coding) {
        return Arrays.stream(codeList.getEnumConstants())
                .filter(value -> value.system().equals(coding.getSystem()) && value.code().equals(coding.getCode())).findFirst();
    }

    /** Whether a coding is in the code list's system with a code the list does not have. */
    static <E extends Enum<E> & CodedValue> boolean isUnknownCode(Class<E> codeList, Coding coding) {
        return codeList.getEnumConstants()[0].system().equals(coding.getSystem()) && of(codeList, coding).isEmpty();
    }

    /** The distinct values of the code list that the concepts name, in order; other systems and unknown codes are left out. */
    static <E extends Enum<E> & CodedValue> List<E> namedIn(Class<E> codeList, List<CodeableConcept> concepts) {
        return concepts.stream().flatMap(concept -> concept.getCoding().stream())
                .map(coding -> of(codeList, coding)).flatMap(Optional::stream).distinct().toList();
    }
}
