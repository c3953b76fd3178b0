package io.maximbatch.reconcile;

import io.maximbatch.jobfile.CommonStepSettings;
import io.maximbatch.jobfile.JobFile;
import io.maximbatch.jobfile.StepFactory;
import io.maximbatch.jobfile.StepSpec;
import io.maximbatch.report.StepOutcomes;
import java.util.List;
import java.util.Set;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.Step;
import org.springframework.batch.core.step.builder.StepBuilder;
import org.springframework.batch.infrastructure.repeat.RepeatStatus;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;

/** `type: reconcile`, usually the last step: the job fails when MaxIM lacks anything the job's sources expect. */
@Component
class ReconcileStepFactory implements StepFactory {

    private final JobRepository jobRepository;
    private final PlatformTransactionManager transactionManager;
    private final ReconcileService service;

    ReconcileStepFactory(JobRepository jobRepository, PlatformTransactionManager transactionManager, ReconcileService service) {
        this.jobRepository = jobRepository;
        this.transactionManager = transactionManager;
        this.service = service;
    }

    @Override
    public String type() {
        return "reconcile";
    }

    @Override
    public Set<String> keys() {
        return Set.of();
    }

    @Override
    public Object settings(StepSpec spec) {
        return Boolean.TRUE;
    }

    @Override
    public List<Step> steps(JobFile job, StepSpec spec, Object settings, CommonStepSettings common) {
        return List.of(new StepBuilder(spec.name(), jobRepository)
                .tasklet((contribution, chunkContext) -> {
                    ReconcileReport report = service.reconcile(job);
                    chunkContext.getStepContext().getStepExecution().getExecutionContext()
                            .putString(StepOutcomes.SUMMARY, String.join("\n", report.summary()));
                    if (!report.complete()) {
                        throw new IncompleteMigrationException("MaxIM lacks what the sources expect: " + String.join("; ",
                                report.summary().subList(0, 4)) + "; see " + report.file());
                    }
                    return RepeatStatus.FINISHED;
                }, transactionManager)
                .build());
    }

    /** Reconcile found something missing. */
    static final class IncompleteMigrationException extends RuntimeException {
        IncompleteMigrationException(String message) {
            super(message);
        }
    }
}
