package org.peerbridge.server.bulk;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BooleanSupplier;
import org.peerbridge.server.storage.Database;
import org.peerbridge.server.storage.DatabaseClock;
import org.peerbridge.server.storage.ReadScope;

/**
 * Runs one leased job from where it stands to its end, one page per transaction: the lease is renewed (and
 * the job's row locked), a page of the current type is read from the snapshot, appended to the job's
 * files as a chunk, and the job's position moved past it, all committed together. A job stopped at any
 * point (cancelled, replica stopped or killed) has written whole pages only and resumes after the last one.
 * Memory holds one page at most. Between pages the run rests as its {@link ExportPace} says.
 */
final class ExportRun {

    /** How a run ended. */
    enum Outcome {
        /** Every type exported; the job is completed. */
        COMPLETED,
        /** The job was cancelled, or its lease taken over: nothing more is written. */
        LOST,
        /** This replica is stopping: the job is handed back and resumes elsewhere, or here after a restart. */
        STOPPED
    }

    /** A page is cut short once its NDJSON is this long, so large resources never make a huge chunk. */
    private static final int PAGE_CHARS = 4_000_000;

    private final Database database;
    private final ExportJobs jobs;
    private final ExportFiles files;
    private final SnapshotPages pages;
    private final VersionCompartment compartment;
    private final ExportPace pace;
    private final long retentionMs;

    ExportRun(Database database, ExportJobs jobs, ExportFiles files, SnapshotPages pages, VersionCompartment compartment, ExportPace pace,
            long retentionMs) {
        this.database = database;
        this.jobs = jobs;
        this.files = files;
        this.pages = pages;
        this.compartment = compartment;
        this.pace = pace;
        this.retentionMs = retentionMs;
    }

    /** Where the job stands after a page. */
    private record Position(int typeIndex, String afterId, long exported) { }

    Outcome run(ExportJob job, String lease, ReadScope scope, TypeFilters filters, BooleanSupplier stopping) {
        Position position = new Position(job.typeIndex(), job.afterId(), job.exported());
        while (position.typeIndex() < job.types().size()) {
            if (stopping.getAsBoolean()) {
                return Outcome.STOPPED;
            }
            Position from = position;
            long started = System.nanoTime();
            position = database.inTransaction(c -> nextPage(c, job, lease, scope, filters, from));
            if (position == null) {
                return Outcome.LOST;
            }
            if (!pace.rest(Duration.ofNanos(System.nanoTime() - started))) {
                return Outcome.STOPPED;
            }
        }
        return database.inTransaction(c -> {
            long now = DatabaseClock.transactionStart(c);
            return jobs.complete(c, job.id(), lease, now, now + retentionMs);
        }) ? Outcome.COMPLETED : Outcome.LOST;
    }

    private Position nextPage(Connection c, ExportJob job, String lease, ReadScope scope, TypeFilters filters, Position from)
            throws SQLException {
        if (!jobs.renew(c, job.id(), lease, DatabaseClock.transactionStart(c))) {
            return null;
        }
        String type = job.types().get(from.typeIndex());
        StringBuilder output = new StringBuilder();
        int[] count = {0};
        List<SnapshotPages.Row> deleted = new ArrayList<>();
        String last = pages.page(c, job, type, from.afterId(), scope, filters, row -> {
            if (row.deleted()) {
                deleted.add(row);
                return true;
            }
            output.append(row.body()).append('\n');
            count[0]++;
            return output.length() < PAGE_CHARS;
        });
        if (count[0] > 0) {
            files.append(c, job.id(), ExportFiles.Kind.OUTPUT, type, count[0], output.toString());
        }
        appendDeletions(c, job, type, deleted);
        Position next = last == null ? new Position(from.typeIndex() + 1, "", from.exported() + count[0])
                : new Position(from.typeIndex(), last, from.exported() + count[0]);
        jobs.advance(c, job.id(), next.typeIndex(), next.afterId(), next.exported());
        return next;
    }

    /** Each deletion as the IG asks: one line, a transaction Bundle with a DELETE entry for the resource. */
    private void appendDeletions(Connection c, ExportJob job, String type, List<SnapshotPages.Row> deleted) throws SQLException {
        StringBuilder lines = new StringBuilder();
        int count = 0;
        for (SnapshotPages.Row row : deleted) {
            if (!job.level().byPatient() || compartment.holdsDeletion(c, job, type, row.id(), row.version())) {
                // ids and type names are [A-Za-z0-9.-] by FHIR's rules: nothing to escape
                lines.append("{\"resourceType\":\"Bundle\",\"type\":\"transaction\",\"entry\":[{\"request\":{\"method\":\"DELETE\",\"url\":\"")
                        .append(type).append('/').append(row.id()).append("\"}}]}\n");
                count++;
            }
        }
        if (count > 0) {
            files.append(c, job.id(), ExportFiles.Kind.DELETED, "Bundle", count, lines.toString());
        }
    }
}
