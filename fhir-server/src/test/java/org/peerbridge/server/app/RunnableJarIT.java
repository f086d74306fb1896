package org.peerbridge.server.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ca.uhn.fhir.context.FhirContext;
import com.ibm.icu.text.PluralRules;
import java.io.IOException;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.DateTimeType;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.peerbridge.mapping.population.Estimate;
import org.peerbridge.server.report.ReportPdf;
import org.peerbridge.server.support.RunnableJar;

/**
 * What fhir-server/pom.xml's shade filters leave in the runnable jar is enough for the paths whose libraries they
 * trim. The other tests run on target/classes and whole dependency jars; here the same code runs from
 * {@code peerbridge.jar} alone ({@link RunnableJar}), and must answer exactly as on the test class path.
 * The validator's own check is {@code ValidationFromTheJarIT}.
 */
class RunnableJarIT {

    private static RunnableJar jar;

    @BeforeAll
    static void openJar() throws IOException {
        jar = RunnableJar.open();
    }

    @AfterAll
    static void closeJar() throws IOException {
        jar.close();
    }

    /** Estimate's Student t intervals (Commons Math, trimmed to TDistribution and what it needs), for 2 to 400 values. */
    @Test
    void confidenceIntervalsAreTheSameFromTheJar() throws Exception {
        Method of = jar.load(Estimate.class).getMethod("of", double[].class);
        for (int n = 2; n <= 400; n = n < 40 ? n + 1 : n * 3 / 2) {
            double[] values = new double[n];
            for (int i = 0; i < n; i++) {
                values[i] = (i * 7919 % 23) - 4.5 + i / 10.0;
            }
            Estimate expected = Estimate.of(values).orElseThrow();
            Object actual = ((Optional<?>) jar.call(() -> of.invoke(null, (Object) values))).orElseThrow();
            assertEquals(expected.toString(), actual.toString(), "the estimate of " + n + " values");
        }
    }

    /** The validator's plural message forms (ICU4J, trimmed to the data plural rules read), for every locale the JDK knows. */
    @Test
    void pluralRulesAreTheSameFromTheJarForEveryLocale() throws Exception {
        Class<?> rulesInJar = jar.load(PluralRules.class);
        Method forLocale = rulesInJar.getMethod("forLocale", Locale.class);
        Method select = rulesInJar.getMethod("select", double.class);
        for (Locale locale : Locale.getAvailableLocales()) {
            PluralRules expected = PluralRules.forLocale(locale);
            Object actual = jar.call(() -> forLocale.invoke(null, locale));
            assertEquals(expected.toString(), actual.toString(), locale.toLanguageTag());
            for (double count : new double[] {0, 1, 2, 3, 5, 11, 21, 101, 1.5}) {
                assertEquals(expected.select(count), select.invoke(actual, count), locale.toLanguageTag() + " " + count);
            }
        }
    }

    /**
     * The build strips the classes' local-variable tables and the generated models' line numbers: a failure in the
     * parser names its lines, one in the model names its methods.
     */
    @Test
    void aFailureInTheJarStillNamesItsLinesOutsideTheModel() throws Exception {
        Class<?> fhirContext = jar.load(FhirContext.class);
        Throwable parserFailure = jar.call(() -> {
            Object parser = fhirContext.getMethod("newJsonParser").invoke(fhirContext.getMethod("forR4").invoke(null));
            return failureOf(() -> parser.getClass().getMethod("parseResource", String.class).invoke(parser, "{\"resourceType\":\"Patient\","));
        });
        assertEquals("ca.uhn.fhir.parser.DataFormatException", parserFailure.getClass().getName());
        StackTraceElement top = parserFailure.getStackTrace()[0];
        assertTrue(top.getClassName().startsWith("ca.uhn.fhir.") && top.getLineNumber() > 0, top.toString());

        Throwable modelFailure = jar.call(() -> failureOf(() -> jar.load(DateTimeType.class).getConstructor(String.class).newInstance("2026-13-45")));
        StackTraceElement inModel = Arrays.stream(modelFailure.getStackTrace())
                .filter(frame -> frame.getClassName().startsWith("org.hl7.fhir.r4.model.")).findFirst().orElseThrow();
        assertTrue(inModel.getLineNumber() < 0 && !inModel.getMethodName().isEmpty(), inModel.toString());
    }

    private static Throwable failureOf(Callable<Object> call) throws Exception {
        try {
            call.call();
            throw new AssertionError("no failure");
        } catch (InvocationTargetException e) {
            return e.getCause();
        }
    }

    /** The report's PDF (openhtmltopdf and PDFBox, FontBox trimmed of its CJK CMaps): the same pages and text. */
    @Test
    void theReportPdfIsTheSameFromTheJar() throws Exception {
        String document = """
                {"resourceType":"Bundle","type":"document","entry":[{"fullUrl":"urn:uuid:1","resource":{
                 "resourceType":"Composition","status":"final","title":"Peer support progress report",
                 "text":{"status":"generated","div":"<div xmlns=\\"http://www.w3.org/1999/xhtml\\"><p>Zoë Müller-Ångström, born 1990-02-03 — 5 € “quoted”</p></div>"},
                 "section":[{"title":"Outcome measures","text":{"status":"generated","div":
                 "<div xmlns=\\"http://www.w3.org/1999/xhtml\\"><table><tr><th>Questionnaire</th><th>Baseline</th><th>Latest</th></tr><tr><td>PHQ-9</td><td>17</td><td>7 (−58.8 %)</td></tr></table><p>宋体 한국어 日本語 Привет</p></div>"}}]}}]}
                """;
        byte[] expected = ReportPdf.render(FhirContext.forR4Cached().newJsonParser().parseResource(Bundle.class, document));

        Class<?> fhirContext = jar.load(FhirContext.class);
        Class<?> bundle = jar.load(Bundle.class);
        Method render = jar.load(ReportPdf.class).getMethod("render", bundle);
        byte[] actual = (byte[]) jar.call(() -> {
            Object context = fhirContext.getMethod("forR4").invoke(null);
            Object parser = fhirContext.getMethod("newJsonParser").invoke(context);
            Object parsed = parser.getClass().getMethod("parseResource", Class.class, String.class).invoke(parser, bundle, document);
            return render.invoke(null, parsed);
        });

        try (PDDocument want = Loader.loadPDF(expected); PDDocument got = Loader.loadPDF(actual)) {
            assertEquals(want.getNumberOfPages(), got.getNumberOfPages());
            String text = new PDFTextStripper().getText(got);
            assertEquals(new PDFTextStripper().getText(want), text);
            assertTrue(text.contains("Outcome measures") && text.contains("PHQ-9"), text);
        }
    }
}
