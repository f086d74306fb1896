package org.peerbridge.server.search;

import ca.uhn.fhir.model.api.TemporalPrecisionEnum;
import java.util.Calendar;
import java.util.GregorianCalendar;
import java.util.TimeZone;
import org.hl7.fhir.r4.model.BaseDateTimeType;

/**
 * The instant range a FHIR date stands for: 2024-05 means the whole of May, so it matches a search for
 * any day in it. Dates without a zone are read as UTC.
 */
public record DateBounds(long low, long high) {

    private static final TimeZone UTC = TimeZone.getTimeZone("UTC");

    public static DateBounds of(BaseDateTimeType value) {
        TemporalPrecisionEnum precision = value.getPrecision();
        Calendar start = new GregorianCalendar(value.getTimeZone() != null ? value.getTimeZone() : UTC);
        start.setTime(value.getValue());
        if (value.getTimeZone() == null && precision.ordinal() <= TemporalPrecisionEnum.DAY.ordinal()) {
            // a bare date is a calendar day, not an instant in the JVM's zone
            start = new GregorianCalendar(UTC);
            start.clear();
            start.set(value.getYear(), precision == TemporalPrecisionEnum.YEAR ? 0 : value.getMonth(),
                    precision == TemporalPrecisionEnum.DAY ? value.getDay() : 1);
        }
        Calendar end = (Calendar) start.clone();
        switch (precision) {
            case YEAR -> end.add(Calendar.YEAR, 1);
            case MONTH -> end.add(Calendar.MONTH, 1);
            case DAY -> end.add(Calendar.DAY_OF_MONTH, 1);
            case MINUTE -> end.add(Calendar.MINUTE, 1);
            case SECOND -> end.add(Calendar.SECOND, 1);
            case MILLI -> end.add(Calendar.MILLISECOND, 1);
        }
        return new DateBounds(start.getTimeInMillis(), end.getTimeInMillis() - 1);
    }
}
