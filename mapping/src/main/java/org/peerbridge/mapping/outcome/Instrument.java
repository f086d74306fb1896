package org.peerbridge.mapping.outcome;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * The published scoring rules of each outcome instrument: what a Questionnaire cannot say by itself.
 * Items, answers and answer scores live in the Questionnaire files; {@link ScoringScheme} joins the two.
 * Sources for every number are in docs/outcomes.md.
 */
public enum Instrument {

    PHQ_9("phq-9", "PHQ-9", 9, "44261-6", 0, 27, 1, 1, List.of(ScoreBand.PHQ9_MINIMAL, ScoreBand.PHQ9_MILD,
            ScoreBand.PHQ9_MODERATE, ScoreBand.PHQ9_MODERATELY_SEVERE, ScoreBand.PHQ9_SEVERE)),
    PHQ_2("phq-2", "PHQ-2", 2, "55758-7", 0, 6, 1, 0, List.of(ScoreBand.PHQ2_NEGATIVE, ScoreBand.PHQ2_POSITIVE)),
    GAD_7("gad-7", "GAD-7", 7, "70274-6", 0, 21, 1, 1, List.of(ScoreBand.GAD7_MINIMAL, ScoreBand.GAD7_MILD,
            ScoreBand.GAD7_MODERATE, ScoreBand.GAD7_SEVERE)),
    UCLA_3("ucla-3", "UCLA-3", 3, "ucla-3-total", 3, 9, 1, 0, List.of(ScoreBand.UCLA3_NOT_LONELY, ScoreBand.UCLA3_LONELY)),
    WHO_5("who-5", "WHO-5", 5, "who-5-total", 0, 25, 4, 0, List.of(ScoreBand.WHO5_POSSIBLE_DEPRESSION,
            ScoreBand.WHO5_POOR_WELL_BEING, ScoreBand.WHO5_NOT_POOR));

    /** Canonical URL prefix of every PeerBridge Questionnaire; the slug follows. */
    public static final String CANONICAL_BASE = "http://peerbridge.org/fhir/Questionnaire/";

    private final String slug;
    private final String label;
    private final int scoredItemCount;
    private final String totalLinkId;
    private final int rawMin;
    private final int rawMax;
    private final int multiplier;
    private final int maxUnanswered;
    private final List<ScoreBand> bands;

    Instrument(String slug, String label, int scoredItemCount, String totalLinkId, int rawMin, int rawMax, int multiplier,
            int maxUnanswered, List<ScoreBand> bands) {
        this.slug = slug;
        this.label = label;
        this.scoredItemCount = scoredItemCount;
        this.totalLinkId = totalLinkId;
        this.rawMin = rawMin;
        this.rawMax = rawMax;
        this.multiplier = multiplier;
        this.maxUnanswered = maxUnanswered;
        this.bands = bands;
    }

    /** The instrument a Questionnaire canonical ({@code url} or {@code url|version}) names, if it is one of ours. */
    public static Optional<Instrument> forCanonical(String canonical) {
        if (canonical == null) {
            return Optional.empty();
        }
        String url = canonical.split("\\|", 2)[0];
        return Arrays.stream(values()).filter(i -> i.url().equals(url)).findFirst();
    }

    /** Short name used in ids and URLs, e.g. {@code phq-9}. */
    public String slug() {
        return slug;
    }

    /** Name for people, e.g. {@code PHQ-9}. */
    public String label() {
        return label;
    }

    public String url() {
        return CANONICAL_BASE + slug;
    }

    /** How many items count towards the total. */
    public int scoredItemCount() {
        return scoredItemCount;
    }

    /** linkId of the read-only total-score item (the LOINC total code where one exists). */
    public String totalLinkId() {
        return totalLinkId;
    }

    /** Lowest possible raw total. */
    public int rawMin() {
        return rawMin;
    }

    /** Highest possible raw total. */
    public int rawMax() {
        return rawMax;
    }

    /** Reported total = raw total x this (4 for WHO-5, whose index runs 0-100). */
    public int multiplier() {
        return multiplier;
    }

    /**
     * How many optional scored items may be unanswered before the response is refused; with any missing,
     * the total is prorated. Zero means every scored item must be answered.
     */
    public int maxUnanswered() {
        return maxUnanswered;
    }

    /** Bands in ascending order; together they cover rawMin..rawMax without gaps or overlaps. */
    public List<ScoreBand> bands() {
        return bands;
    }

    /** The band a raw total falls in. */
    public ScoreBand band(int rawTotal) {
        return bands.stream().filter(b -> b.contains(rawTotal)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException(label + " raw total " + rawTotal + " is outside "
                        + rawMin + ".." + rawMax));
    }
}
