package io.maximbatch.report;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;

/** The outcomes of one chunk's records, collected by a writer and saved together by {@link StepRecords#save}. */
public final class ChunkTally {

    private final List<Reject> rejects = new ArrayList<>();
    private long written;
    private long alreadyDone;

    public void written() {
        written++;
    }

    public void alreadyDone() {
        alreadyDone++;
    }

    /** Takes back a record counted written or already done, e.g. when its ID-map row could not be saved. */
    public void undo(boolean wasWritten) {
        if (wasWritten) {
            written--;
        } else {
            alreadyDone--;
        }
    }

    public void reject(String line, String code, String reason, LinkedHashMap<String, String> fields) {
        rejects.add(new Reject(line, code, reason, fields));
    }

    /** Adds another tally's outcomes (of a part of the same chunk). */
    public void addAll(ChunkTally other) {
        written += other.written;
        alreadyDone += other.alreadyDone;
        rejects.addAll(other.rejects);
    }

    List<Reject> rejects() {
        return rejects;
    }

    long writtenCount() {
        return written;
    }

    long alreadyDoneCount() {
        return alreadyDone;
    }
}
