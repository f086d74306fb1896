package org.peerbridge.server.search;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.util.FhirTerser;
import org.hl7.fhir.instance.model.api.IBase;
import org.hl7.fhir.r4.model.Address;
import org.hl7.fhir.r4.model.BaseDateTimeType;
import org.hl7.fhir.r4.model.BooleanType;
import org.hl7.fhir.r4.model.CanonicalType;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.ContactPoint;
import org.hl7.fhir.r4.model.Enumeration;
import org.hl7.fhir.r4.model.HumanName;
import org.hl7.fhir.r4.model.Identifier;
import org.hl7.fhir.r4.model.Period;
import org.hl7.fhir.r4.model.PrimitiveType;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Resource;
import org.hl7.fhir.r4.model.StringType;
import org.hl7.fhir.r4.model.UriType;
import org.peerbridge.server.storage.IndexRows;
import org.peerbridge.server.storage.ResourceIndexer;

/** Turns the elements named by each supported search parameter into index rows. */
public final class IndexExtractor implements ResourceIndexer {

    private final FhirTerser terser;
    private final SearchParameterRegistry registry;

    public IndexExtractor(FhirContext fhirContext, SearchParameterRegistry registry) {
        this.terser = fhirContext.newTerser();
        this.registry = registry;
    }

    @Override
    public IndexRows extract(Resource resource) {
        IndexRows rows = new IndexRows();
        for (SearchParamDef def : registry.forType(resource.fhirType())) {
            for (String path : def.paths()) {
                for (IBase value : terser.getValues(resource, path)) {
                    add(rows, def, value);
                }
            }
        }
        return rows;
    }

    private static void add(IndexRows rows, SearchParamDef def, IBase value) {
        switch (def.type()) {
            case TOKEN -> addToken(rows, def.name(), value);
            case STRING -> addString(rows, def.name(), value);
            case DATE -> addDate(rows, def.name(), value);
            case REFERENCE -> addReference(rows, def, value);
        }
    }

    private static void addToken(IndexRows rows, String param, IBase value) {
        if (value instanceof CodeableConcept concept) {
            concept.getCoding().forEach(coding -> addCoding(rows, param, coding));
        } else if (value instanceof Coding coding) {
            addCoding(rows, param, coding);
        } else if (value instanceof Identifier identifier && identifier.hasValue()) {
            rows.tokens().add(new IndexRows.Token(param, identifier.getSystem(), identifier.getValue()));
        } else if (value instanceof ContactPoint contact && contact.hasValue()) {
            rows.tokens().add(new IndexRows.Token(param, contact.hasSystem() ? contact.getSystem().toCode() : null, contact.getValue()));
        } else if (value instanceof Enumeration<?> enumeration && enumeration.hasCode()) {
            rows.tokens().add(new IndexRows.Token(param, enumeration.getSystem(), enumeration.getCode()));
        } else if (value instanceof CanonicalType canonical && canonical.hasValue()) {
            addCanonical(rows, param, canonical.getValue());
        } else if (value instanceof BooleanType bool && bool.hasValue()) {
            rows.tokens().add(new IndexRows.Token(param, null, bool.getValueAsString()));
        } else if (value instanceof PrimitiveType<?> primitive && primitive.hasValue()) {
            rows.tokens().add(new IndexRows.Token(param, null, primitive.getValueAsString()));
        }
    }

    /**
     * A canonical ({@code url} or {@code url|version}) matches a search by its URL alone, and, when it
     * names a version, {@code url|version} too: that reads as token system|code, so it is indexed so.
     */
    private static void addCanonical(IndexRows rows, String param, String canonical) {
        int bar = canonical.indexOf('|');
        rows.tokens().add(new IndexRows.Token(param, null, bar < 0 ? canonical : canonical.substring(0, bar)));
        if (bar >= 0) {
            rows.tokens().add(new IndexRows.Token(param, canonical.substring(0, bar), canonical.substring(bar + 1)));
        }
    }

    private static void addCoding(IndexRows rows, String param, Coding coding) {
        if (coding.hasCode()) {
            rows.tokens().add(new IndexRows.Token(param, coding.getSystem(), coding.getCode()));
        }
    }

    private static void addString(IndexRows rows, String param, IBase value) {
        if (value instanceof HumanName name) {
            name.getGiven().forEach(given -> addText(rows, param, given.getValue()));
            addText(rows, param, name.getFamily());
            addText(rows, param, name.getText());
            name.getPrefix().forEach(prefix -> addText(rows, param, prefix.getValue()));
            name.getSuffix().forEach(suffix -> addText(rows, param, suffix.getValue()));
        } else if (value instanceof Address address) {
            address.getLine().forEach(line -> addText(rows, param, line.getValue()));
            addText(rows, param, address.getCity());
            addText(rows, param, address.getState());
            addText(rows, param, address.getPostalCode());
            addText(rows, param, address.getCountry());
            addText(rows, param, address.getText());
        } else if (value instanceof StringType || value instanceof UriType) {
            addText(rows, param, ((PrimitiveType<?>) value).getValueAsString());
        }
    }

    private static void addText(IndexRows rows, String param, String text) {
        if (text != null && !text.isBlank()) {
            rows.strings().add(new IndexRows.Text(param, TextNormalizer.normalize(text), TextNormalizer.truncate(text)));
        }
    }

    private static void addDate(IndexRows rows, String param, IBase value) {
        if (value instanceof BaseDateTimeType dateTime && dateTime.getValue() != null) {
            DateBounds bounds = DateBounds.of(dateTime);
            rows.dates().add(new IndexRows.DateRange(param, bounds.low(), bounds.high()));
        } else if (value instanceof Period period && (period.hasStart() || period.hasEnd())) {
            long low = period.hasStart() ? DateBounds.of(period.getStartElement()).low() : Long.MIN_VALUE;
            long high = period.hasEnd() ? DateBounds.of(period.getEndElement()).high() : Long.MAX_VALUE;
            rows.dates().add(new IndexRows.DateRange(param, low, high));
        }
    }

    private static void addReference(IndexRows rows, SearchParamDef def, IBase value) {
        if (value instanceof Reference reference && reference.hasReference()) {
            LocalReference.parse(reference.getReference())
                    .filter(local -> def.acceptsTarget(local.type()))
                    .ifPresent(local -> rows.references().add(new IndexRows.Ref(def.name(), local.type(), local.id())));
        }
    }
}
