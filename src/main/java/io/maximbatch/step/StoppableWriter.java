package io.maximbatch.step;

import io.maximbatch.maxim.CallStoppedException;
import org.springframework.batch.core.job.JobInterruptedException;
import org.springframework.batch.infrastructure.item.ItemWriter;

/** A writer whose MaxIM calls given up for an operator's stop end the step STOPPED (resumable), not FAILED. */
final class StoppableWriter {

    private StoppableWriter() {
    }

    static <T> ItemWriter<T> of(ItemWriter<T> writer) {
        return chunk -> {
            try {
                writer.write(chunk);
            } catch (CallStoppedException e) {
                throw new JobInterruptedException(e.getMessage());
            }
        };
    }
}
