package io.maximbatch.step;

import io.maximbatch.outcome.Reject;
import io.maximbatch.outcome.Tally;
import io.maximbatch.source.Sources;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The rows a job would reject, found by `validate` without a run and without MaxIM: each step type reads its
 * sources and puts every row through its own decision, with lookups of what the job's earlier steps would write.
 */
public final class Check {

    /** A row that would be rejected: its source (file or query), line, the rule it breaks and why. */
    public record Problem(String source, String line, String rule, String reason) {
    }

    private final List<Problem> problems = new ArrayList<>();
    /** What a run would do differently from what the job file seems to ask, without rejecting a row. */
    private final List<String> warnings = new ArrayList<>();
    /** The job file's step being checked, named in its warnings. */
    private String step;
    private final Map<String, Object> queryParameters;

    /** parameters: the run's name=value parameters a source's query may use. */
    public Check(Map<String, String> parameters) {
        this.queryParameters = Sources.queryParameters(parameters);
    }

    /** The values of the sources' query parameters (see StepRun.queryParameters). */
    public Map<String, Object> queryParameters() {
        return queryParameters;
    }
    private final Foreseen foreseen = new Foreseen();

    /** The rows of one source that its step would reject. */
    public void add(String source, Tally tally) {
        for (Reject reject : tally.rejects()) {
            problems.add(new Problem(source, reject.line(), reject.reasonCode(), reject.reason()));
        }
    }

    /** A warning `validate` prints; it rejects nothing and leaves the exit code as the rows make it. */
    public void warn(String warning) {
        warnings.add(step == null ? warning : "step " + step + ": " + warning);
    }

    /** The step checked from now on. */
    public void step(String name) {
        step = name;
    }

    public List<String> warnings() {
        return List.copyOf(warnings);
    }

    public List<Problem> problems() {
        return List.copyOf(problems);
    }

    public Foreseen foreseen() {
        return foreseen;
    }
}
