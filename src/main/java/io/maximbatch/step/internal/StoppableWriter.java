package io.maximbatch.step.internal;

import io.maximbatch.maxim.CallStoppedException;
import org.springframework.batch.core.job.JobInterruptedException;
import org.springframework.batch.infrastructure.item.ItemWriter;

/** A writer whose MaxIM calls given up for an operator's stop end the step STOPPED (resumable), not FAILED. */
public final class StoppableWriter {

    private StoppableWriter() {
    }

    public static <T> ItemWriter<T> of(ItemWriter<T> writer) {
        return chunk -> {
            try {
                writer.write(chunk);
            } catch (CallStoppedException e) {
                throw new JobInterruptedException(e.getMessage());
            }
        };
    }
}
