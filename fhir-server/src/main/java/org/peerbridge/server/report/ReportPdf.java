package org.peerbridge.server.report;

import com.openhtmltopdf.pdfboxout.PdfRendererBuilder;
import com.openhtmltopdf.util.XRLog;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Composition;
import org.hl7.fhir.r4.model.Composition.SectionComponent;
import org.peerbridge.mapping.report.ProgressNarrative;

/**
 * The PDF rendition of a progress report document, for people and for EHR document viewers that show PDF
 * but not FHIR: the Composition's title, its own narrative (the patient header), and each section's
 * title and narrative XHTML, laid out by openhtmltopdf (PDFBox underneath; no browser, no fonts from
 * outside the jar). The narratives are the document's own, so the PDF says exactly what the FHIR document says.
 */
public final class ReportPdf {

    public static final String CONTENT_TYPE = "application/pdf";

    private static final String STYLE = "body{font-family:sans-serif;font-size:10pt;color:#111}h1{font-size:16pt}"
            + "h2{font-size:12pt;margin-top:14pt;border-bottom:1px solid #888}table{border-collapse:collapse;margin:4pt 0}"
            + "th,td{border:1px solid #888;padding:2pt 4pt;text-align:left}";

    static {
        XRLog.setLoggingEnabled(false); // openhtmltopdf logs timings at INFO through java.util.logging
    }

    private ReportPdf() {
    }

    /** The XHTML page the PDF is made from. */
    public static String xhtml(Bundle document) {
        Composition composition = (Composition) document.getEntryFirstRep().getResource();
        return "<html xmlns=\"http://www.w3.org/1999/xhtml\"><head><meta charset=\"utf-8\"/><title>"
                + ProgressNarrative.escape(composition.getTitle()) + "</title><style>" + STYLE + "</style></head><body>"
                + xhtmlBody(document) + "</body></html>";
    }

    /** The report's content: title, the Composition's narrative, then each section's title and narrative. */
    public static String xhtmlBody(Bundle document) {
        Composition composition = (Composition) document.getEntryFirstRep().getResource();
        StringBuilder body = new StringBuilder("<h1>").append(ProgressNarrative.escape(composition.getTitle())).append("</h1>");
        if (composition.hasText() && composition.getText().hasDiv()) {
            body.append(composition.getText().getDivAsString());
        }
        for (SectionComponent section : composition.getSection()) {
            body.append("<h2>").append(ProgressNarrative.escape(section.getTitle())).append("</h2>");
            if (section.hasText() && section.getText().hasDiv()) {
                body.append(section.getText().getDivAsString());
            }
        }
        return body.toString();
    }

    public static byte[] render(Bundle document) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            PdfRendererBuilder builder = new PdfRendererBuilder();
            builder.useFastMode();
            builder.withHtmlContent(xhtml(document), null);
            builder.toStream(out);
            builder.run();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }
}
