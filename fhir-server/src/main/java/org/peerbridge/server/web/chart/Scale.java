package org.peerbridge.server.web.chart;

/** A linear map from data values to SVG coordinates, for the pages' charts. */
record Scale(double from, double to, double start, double end) {

    double at(double value) {
        return start + (value - from) / (to - from) * (end - start);
    }

    /** A coordinate to a tenth of a unit: enough for the eye, short in the page. */
    static double round(double value) {
        return Math.round(value * 10) / 10.0;
    }
}
