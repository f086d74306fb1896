package org.peerbridge.server.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ca.uhn.fhir.context.FhirContext;
import java.io.IOException;
import java.lang.reflect.Method;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
import org.hl7.fhir.r4.model.Bundle;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.peerbridge.mapping.population.Estimate;
import org.peerbridge.server.report.ReportPdf;

/**
 * What fhir-server/pom.xml's shade filters leave in the runnable jar is enough for the paths whose libraries they
 * trim. The other tests run on target/classes and whole dependency jars; here the same code runs from
 * {@code peerbridge.jar} alone (a class loader with only the jar, the JDK's platform classes as parent), and must
 * answer exactly as on the test class path. A class or resource a filter left out that these paths need fails here,
 * as a NoClassDefFoundError or a different answer.
 */
class RunnableJarIT {

    private static URLClassLoader jar;

    @BeforeAll
    static void openJar() throws IOException {
        Path file = Path.of("target/peerbridge.jar").toAbsolutePath(); // failsafe runs in fhir-server/
        assertTrue(Files.isRegularFile(file), "no " + file + ": the package phase builds it");
        jar = new URLClassLoader(new URL[] {file.toUri().toURL()}, ClassLoader.getPlatformClassLoader());
    }

    @AfterAll
    static void closeJar() throws IOException {
        jar.close();
    }

    /** Estimate's Student t intervals (Commons Math, trimmed to TDistribution and what it needs), for 2 to 400 values. */
    @Test
    void confidenceIntervalsAreTheSameFromTheJar() throws Exception {
        Method of = jar.loadClass(Estimate.class.getName()).getMethod("of", double[].class);
        for (int n = 2; n <= 400; n = n < 40 ? n + 1 : n * 3 / 2) {
            double[] values = new double[n];
            for (int i = 0; i < n; i++) {
                values[i] = (i * 7919 % 23) - 4.5 + i / 10.0;
            }
            Estimate expected = Estimate.of(values).orElseThrow();
            Object actual = ((Optional<?>) inJar(() -> of.invoke(null, (Object) values))).orElseThrow();
            assertEquals(expected.toString(), actual.toString(), "the estimate of " + n + " values");
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

        Class<?> fhirContext = jar.loadClass(FhirContext.class.getName());
        Class<?> bundle = jar.loadClass(Bundle.class.getName());
        Method render = jar.loadClass(ReportPdf.class.getName()).getMethod("render", bundle);
        byte[] actual = (byte[]) inJar(() -> {
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

    /** Runs with the jar as the context class loader, as the server's threads have it. */
    private static Object inJar(Callable<Object> call) throws Exception {
        Thread thread = Thread.currentThread();
        ClassLoader previous = thread.getContextClassLoader();
        thread.setContextClassLoader(jar);
        try {
            return call.call();
        } finally {
            thread.setContextClassLoader(previous);
        }
    }
}
