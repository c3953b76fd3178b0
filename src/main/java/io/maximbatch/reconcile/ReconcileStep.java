package io.maximbatch.reconcile;

import io.maximbatch.report.StepOutcomes;
import io.maximbatch.step.ChunkSteps;
import io.maximbatch.step.StepRun;
import io.maximbatch.step.StepType;
import java.util.List;
import java.util.Map;
import org.springframework.batch.core.step.Step;
import org.springframework.batch.infrastructure.repeat.RepeatStatus;
import org.springframework.stereotype.Component;

/** `type: reconcile`, usually the last step: the job fails when MaxIM lacks anything the job's sources expect. */
@Component
class ReconcileStep implements StepType<ReconcileStep.Settings> {

    /** A reconcile step has no keys of its own. */
    record Settings() {
    }

    private final ChunkSteps steps;
    private final ReconcileService service;

    ReconcileStep(ChunkSteps steps, ReconcileService service) {
        this.steps = steps;
        this.service = service;
    }

    @Override
    public String type() {
        return "reconcile";
    }

    @Override
    public Class<Settings> settingsClass() {
        return Settings.class;
    }

    @Override
    public List<Step> steps(StepRun<Settings> run) {
        return List.of(steps.tasklet(run.name(), (contribution, chunkContext) -> {
                    ReconcileReport report = service.reconcile(run.job(), run.parameters());
                    chunkContext.getStepContext().getStepExecution().getExecutionContext()
                            .putString(StepOutcomes.SUMMARY, String.join("\n", report.summary()));
                    if (!report.complete()) {
                        throw new IncompleteMigrationException("MaxIM lacks what the sources expect: " + String.join("; ",
                                report.summary().subList(0, 4)) + "; see " + report.file());
                    }
                    return RepeatStatus.FINISHED;
                }));
    }

    @Override
    public boolean rehearsed() {
        return false;
    }

    /** Reconcile found something missing. */
    static final class IncompleteMigrationException extends RuntimeException {
        IncompleteMigrationException(String message) {
            super(message);
        }
    }
}
