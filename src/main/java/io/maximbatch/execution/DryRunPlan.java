package io.maximbatch.execution;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What a dry run did: per job step its outcome counts and the MaxIM writes it would send, by endpoint ("POST
 * /user/register/batch"), calls and items; their totals, and how long the writes take at the job's rate. Without
 * faults the run makes exactly these calls.
 *
 * @param status   the dry run's end: COMPLETED, or FAILED with its cause (the run would fail there too)
 * @param seconds  the writes' duration at the rate (look-ups the run makes on its own are not counted)
 */
public record DryRunPlan(String job, String status, String cause, double rate, List<Step> steps, Step total, long seconds) {

    /**
     * One job step; a reject report is where its foreseen rejects are, or null; pending: invitations still waiting for
     * consent; capped: campaign targets the frequency cap would skip.
     */
    public record Step(String name, String type, long read, long written, long updated, long alreadyDone, long rejected,
                       long filtered, long pending, Map<String, Long> calls, Map<String, Long> items, String rejects, long capped) {

        public long allCalls() {
            return calls.values().stream().mapToLong(Long::longValue).sum();
        }
    }

    /** The job step so named. */
    public Step step(String name) {
        return steps.stream().filter(step -> step.name().equals(name)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("the dry run has no step " + name + ": " + steps));
    }

    static DryRunPlan of(String job, String status, String cause, double rate, List<Step> steps) {
        Map<String, Long> calls = new TreeMap<>();
        Map<String, Long> items = new TreeMap<>();
        steps.forEach(step -> {
            step.calls().forEach((endpoint, n) -> calls.merge(endpoint, n, Long::sum));
            step.items().forEach((endpoint, n) -> items.merge(endpoint, n, Long::sum));
        });
        Step total = new Step("total", null, steps.stream().mapToLong(Step::read).sum(), steps.stream().mapToLong(Step::written).sum(),
                steps.stream().mapToLong(Step::updated).sum(), steps.stream().mapToLong(Step::alreadyDone).sum(),
                steps.stream().mapToLong(Step::rejected).sum(), steps.stream().mapToLong(Step::filtered).sum(),
                steps.stream().mapToLong(Step::pending).sum(), calls, items, null, steps.stream().mapToLong(Step::capped).sum());
        return new DryRunPlan(job, status, cause, rate, List.copyOf(steps), total, Math.round(Math.ceil(total.allCalls() / rate)));
    }
}
