package org.peerbridge.mapping.outcome;

/**
 * The score of one response.
 *
 * @param instrument which instrument
 * @param rawTotal sum of the item scores; when prorated, the prorated sum rounded half up
 * @param reportedTotal what is charted and stored: rawTotal x the instrument's multiplier (WHO-5: 0-100)
 * @param band severity band of rawTotal
 * @param prorated whether rawTotal was prorated from fewer answered items than the instrument has
 * @param answeredItems how many scored items were answered
 * @param scoredItems how many scored items the instrument has
 */
public record Score(Instrument instrument, int rawTotal, int reportedTotal, ScoreBand band, boolean prorated,
        int answeredItems, int scoredItems) {
}
