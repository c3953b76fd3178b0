package io.maximbatch.source;

import java.util.Optional;
import org.springframework.batch.infrastructure.item.ExecutionContext;

/** How far a step has read its CSV input, from what the reader saved with the last chunk; unknown for other sources. */
public record SourceProgress(long position, long total) {

    public static Optional<SourceProgress> of(ExecutionContext context) {
        long total = context.getLong(CsvSource.TOTAL_ESTIMATE, -1);
        if (total <= 0) {
            return Optional.empty();
        }
        // A partition's reader position counts the records before its first, which it skipped.
        long position = Math.max(0, context.getInt(CsvSource.POSITION, 0) - context.getLong(CsvSource.FIRST, 0));
        return Optional.of(new SourceProgress(position, total));
    }

    /** How far several readers (a step's partitions) have read together; empty when none knows its total. */
    public static Optional<SourceProgress> sumOf(java.util.List<ExecutionContext> contexts) {
        long position = 0;
        long total = 0;
        for (ExecutionContext context : contexts) {
            Optional<SourceProgress> one = of(context);
            position += one.map(SourceProgress::position).orElse(0L);
            total += one.map(SourceProgress::total).orElse(0L);
        }
        return total > 0 ? Optional.of(new SourceProgress(position, total)) : Optional.empty();
    }

    /** Between 0 and 1 (the total is estimated from line breaks, so it may stop a little short of 1). */
    public double fraction() {
        return Math.min(1.0, (double) position / total);
    }

    public long remaining() {
        return Math.max(0, total - position);
    }
}
