package io.maximbatch.step;

import io.maximbatch.jobfile.JobFile;
import io.maximbatch.jobfile.StepDefinition;
import java.util.List;
import java.util.Map;

/** A job's dry run and its `validate` check: every step in order, each seeing what the earlier ones would write. */
public final class Rehearsals {

    private Rehearsals() {
    }

    /** Every row the job's steps would reject, checked in step order without a run. */
    public static Check check(JobFile file, Map<String, String> parameters) {
        Check check = new Check(parameters);
        file.steps().forEach(step -> {
            check.step(step.name());
            check(step, check);
        });
        return check;
    }

    private static <S> void check(StepDefinition<S> step, Check check) {
        StepType.of(step).check(step.settings(), check);
    }

    /** What MaxIM must hold after the job, as each step type says. */
    public static void expect(JobFile file, Expectations expectations) {
        file.steps().forEach(step -> {
            expectations.step(step.name());
            expect(step, expectations);
        });
    }

    private static <S> void expect(StepDefinition<S> step, Expectations expectations) {
        StepType.of(step).expect(step.settings(), expectations);
    }
}
