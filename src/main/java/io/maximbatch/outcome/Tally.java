package io.maximbatch.outcome;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;

/**
 * Records by outcome: one chunk's in a run (saved by {@link StepRecords#save}), a whole step's in a dry run, a
 * source's in `validate`. The rejects keep their line, reason and fields for the reject report.
 */
public final class Tally {

    private final List<Reject> rejects = new ArrayList<>();
    /** Campaign targets the frequency cap skipped, with why: listed in a report of their own, never rejects. */
    private final List<Reject> capped = new ArrayList<>();
    private long written;
    private long updated;
    private long alreadyDone;
    private long pending;

    public void add(String line, LinkedHashMap<String, String> fields, Outcome outcome) {
        switch (outcome.kind()) {
            case WRITTEN -> written++;
            case UPDATED -> updated++;
            case ALREADY_DONE -> alreadyDone++;
            case PENDING -> pending++;
            case REJECTED -> rejects.add(new Reject(line, outcome.why().code(), outcome.why().reason(), fields));
            case CAPPED -> capped.add(new Reject(line, outcome.why().code(), outcome.why().reason(), fields));
        }
    }

    /** Adds records found already done without being looked at one by one (a reader passed them over). */
    public void addAlreadyDone(long records) {
        alreadyDone += records;
    }

    /** Adds another tally's outcomes. */
    public void addAll(Tally other) {
        written += other.written;
        updated += other.updated;
        alreadyDone += other.alreadyDone;
        pending += other.pending;
        rejects.addAll(other.rejects);
        capped.addAll(other.capped);
    }

    public List<Reject> rejects() {
        return rejects;
    }

    public long written() {
        return written;
    }

    public long updated() {
        return updated;
    }

    public long alreadyDone() {
        return alreadyDone;
    }

    public long pending() {
        return pending;
    }

    public long rejected() {
        return rejects.size();
    }

    /** The capped records, where they were read and why. */
    public List<Reject> cappedRecords() {
        return capped;
    }

    public long capped() {
        return capped.size();
    }

    public long read() {
        return written + updated + alreadyDone + pending + rejects.size() + capped.size();
    }
}
