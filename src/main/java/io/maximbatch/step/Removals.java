package io.maximbatch.step;

import io.maximbatch.maxim.ErrorClass;
import io.maximbatch.maxim.MaximException;
import java.util.ArrayList;
import java.util.List;

/**
 * What a removal pass (prune) did, item by item: removed in MaxIM, already gone there, or failed (kept in the ledger,
 * so that the next run tries again). A fatal answer (a refused token, a wrong address) ends the pass at once.
 */
public final class Removals {

    private int removed;
    private int gone;
    private final List<String> failed = new ArrayList<>();

    public void removed() {
        removed++;
    }

    public void gone() {
        gone++;
    }

    /** An item whose call failed: kept for the next run, unless the failure is fatal (thrown). */
    public void failed(String item, MaximException e) {
        if (e.errorClass() == ErrorClass.FATAL) {
            throw e;
        }
        failed.add(item + ": " + e.getMessage());
    }

    public void failed(String item, String reason) {
        failed.add(item + ": " + reason);
    }

    public int removedCount() {
        return removed;
    }

    public int goneCount() {
        return gone;
    }

    public List<String> failures() {
        return List.copyOf(failed);
    }

    /** The summary line of a prune step, e.g. "removed 2, already gone 1, failed 0 memberships this job had made ...". */
    public String summary(String what) {
        return "removed " + removed + ", already gone " + gone + ", failed " + failed.size() + " " + what
                + (failed.isEmpty() ? "" : " (kept for the next run; first: " + failed.get(0) + ")");
    }
}
