package org.peerbridge.mapping.outcome;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.context.FhirVersionEnum;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.hl7.fhir.r4.model.Questionnaire;
import org.hl7.fhir.r4.model.Questionnaire.QuestionnaireItemComponent;

/**
 * The outcome Questionnaires PeerBridge serves, loaded from the JSON files on the classpath (the same
 * files integrators get in fixtures). Immutable once loaded; load it once at start-up.
 *
 * <p>The Questionnaire objects handed out are shared between threads: read them, or {@code copy()}
 * before changing anything. Reading is safe because loading primes HAPI's lazily created lists (see
 * {@link #prime}), so later getter calls do not write.
 */
public final class QuestionnaireCatalogue {

    /** Classpath folder of the Questionnaire files. */
    public static final String RESOURCE_FOLDER = "/org/peerbridge/mapping/questionnaires/";

    /** Every file, one per instrument, in catalogue order. */
    public static final List<String> RESOURCE_PATHS = List.of(
            RESOURCE_FOLDER + "Questionnaire-phq-9.json",
            RESOURCE_FOLDER + "Questionnaire-phq-2.json",
            RESOURCE_FOLDER + "Questionnaire-gad-7.json",
            RESOURCE_FOLDER + "Questionnaire-ucla-3.json",
            RESOURCE_FOLDER + "Questionnaire-who-5.json");

    private record Entry(Questionnaire questionnaire, ScoringScheme scheme) {
    }

    /** By canonical URL; one version per URL in this release. */
    private final Map<String, Entry> byUrl;

    private QuestionnaireCatalogue(Map<String, Entry> byUrl) {
        this.byUrl = byUrl;
    }

    /**
     * Parses every Questionnaire file with {@code ctx}'s JSON parser and checks it against its
     * instrument's scoring rules.
     *
     * @throws IllegalArgumentException if {@code ctx} is not R4, or a file does not fit its instrument
     * @throws IllegalStateException if a file is missing or two files share a canonical URL
     */
    public static QuestionnaireCatalogue load(FhirContext ctx) {
        if (ctx.getVersion().getVersion() != FhirVersionEnum.R4) {
            throw new IllegalArgumentException("The outcome questionnaires are R4; got a " + ctx.getVersion().getVersion()
                    + " context");
        }
        Map<String, Entry> byUrl = new LinkedHashMap<>();
        for (String path : RESOURCE_PATHS) {
            Questionnaire questionnaire = parse(ctx, path);
            prime(questionnaire.getItem());
            if (byUrl.put(questionnaire.getUrl(), new Entry(questionnaire, ScoringScheme.from(questionnaire))) != null) {
                throw new IllegalStateException("Two questionnaire files have the URL " + questionnaire.getUrl());
            }
        }
        return new QuestionnaireCatalogue(byUrl);
    }

    /** Every Questionnaire, in catalogue order. */
    public List<Questionnaire> all() {
        return byUrl.values().stream().map(Entry::questionnaire).toList();
    }

    /** The Questionnaire a canonical names: {@code url}, or {@code url|version} with our version. */
    public Optional<Questionnaire> find(String canonical) {
        return entry(canonical).map(Entry::questionnaire);
    }

    /** The scoring scheme of the Questionnaire a canonical names. */
    public Optional<ScoringScheme> scheme(String canonical) {
        return entry(canonical).map(Entry::scheme);
    }

    private Optional<Entry> entry(String canonical) {
        if (canonical == null) {
            return Optional.empty();
        }
        String[] parts = canonical.split("\\|", 2);
        Entry entry = byUrl.get(parts[0]);
        if (entry == null || (parts.length == 2 && !parts[1].equals(entry.questionnaire().getVersion()))) {
            return Optional.empty();
        }
        return Optional.of(entry);
    }

    /**
     * HAPI getters such as {@code getItem()} create an empty list on first call: a write hidden in a
     * read. Calling them once here, before the catalogue is shared, keeps concurrent readers (e.g.
     * {@link ResponseChecker} on request threads) from racing on those writes.
     */
    private static void prime(List<QuestionnaireItemComponent> items) {
        for (QuestionnaireItemComponent item : items) {
            item.getExtension();
            item.getCode();
            item.getEnableWhen();
            item.getInitial();
            item.getAnswerOption().forEach(o -> o.getExtension());
            prime(item.getItem());
        }
    }

    private static Questionnaire parse(FhirContext ctx, String path) {
        InputStream stream = QuestionnaireCatalogue.class.getResourceAsStream(path);
        if (stream == null) {
            throw new IllegalStateException("Questionnaire file not on the classpath: " + path);
        }
        try (Reader reader = new InputStreamReader(stream, StandardCharsets.UTF_8)) {
            return ctx.newJsonParser().parseResource(Questionnaire.class, reader);
        } catch (IOException e) {
            throw new UncheckedIOException("Could not read " + path, e);
        }
    }
}
