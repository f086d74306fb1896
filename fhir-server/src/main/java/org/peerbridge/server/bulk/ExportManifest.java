package org.peerbridge.server.bulk;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.List;

/**
 * The completion manifest of an export (IG STU2): its snapshot time, the kick-off request, that the files
 * need the client's access token, and each file with its type and count; deleted files only when the
 * export had a {@code _since}; no errors (a resource the export holds is stored JSON, so none can fail).
 */
final class ExportManifest {

    private static final JsonFactory JSON = new JsonFactory();

    private ExportManifest() {
    }

    /** @param fileBase the URL the files' numbers are appended to, e.g. https://fhir.example.org/fhir/bulk-export/{job}/ */
    static String of(ExportJob job, List<ExportFiles.ExportFile> files, String fileBase) {
        StringWriter text = new StringWriter();
        try (JsonGenerator json = JSON.createGenerator(text)) {
            json.useDefaultPrettyPrinter();
            json.writeStartObject();
            json.writeStringField("transactionTime", Instant.ofEpochMilli(job.transactionTime()).toString());
            json.writeStringField("request", job.requestUrl());
            json.writeBooleanField("requiresAccessToken", true);
            writeFiles(json, "output", files, ExportFiles.Kind.OUTPUT, fileBase);
            if (job.since() != null) {
                writeFiles(json, "deleted", files, ExportFiles.Kind.DELETED, fileBase);
            }
            json.writeArrayFieldStart("error");
            json.writeEndArray();
            json.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return text.toString();
    }

    private static void writeFiles(JsonGenerator json, String field, List<ExportFiles.ExportFile> files, ExportFiles.Kind kind,
            String fileBase) throws IOException {
        json.writeArrayFieldStart(field);
        for (ExportFiles.ExportFile file : files) {
            if (file.kind().equals(kind.code())) {
                json.writeStartObject();
                json.writeStringField("type", file.type());
                json.writeStringField("url", fileBase + file.number() + ExportStatusServlet.FILE_SUFFIX);
                json.writeNumberField("count", file.count());
                json.writeEndObject();
            }
        }
        json.writeEndArray();
    }
}
