package io.maximbatch.source;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.batch.core.partition.Partitioner;
import org.springframework.batch.infrastructure.item.ExecutionContext;

/**
 * Splits a source into `partitions: N` parts of about equal size, each read by its own step execution: a CSV file
 * into ranges of records (from its line count, so that no parsing pass is needed; the last range is open-ended), a
 * query into ranges of its sort key (NTILE, so that gaps in the keys do not matter). Always exactly N partitions,
 * named partition0..N-1, so that a restart finds them by name.
 */
public final class SourcePartitioner implements Partitioner {

    private final SourceSpec spec;
    private final Map<String, Object> queryParameters;

    public SourcePartitioner(SourceSpec spec, Map<String, Object> queryParameters) {
        this.spec = spec;
        this.queryParameters = queryParameters;
    }

    @Override
    public Map<String, ExecutionContext> partition(int gridSize) {
        Map<String, ExecutionContext> partitions = new LinkedHashMap<>();
        if (spec instanceof SourceSpec.Csv csv) {
            long records = CsvSource.estimateRecords(csv.file());
            if (records < 0) {
                throw new SourceException(csv.file() + ": file not found");
            }
            long size = Math.max(1, (records + gridSize - 1) / gridSize);
            for (int i = 0; i < gridSize; i++) {
                ExecutionContext context = new ExecutionContext();
                context.putLong(CsvSource.FIRST, i * size);
                context.putLong(CsvSource.END, i == gridSize - 1 ? Integer.MAX_VALUE : (i + 1) * size);
                partitions.put(name(i), context);
            }
            return partitions;
        }
        List<Object> bounds = JdbcSource.partitionBounds((SourceSpec.Jdbc) spec, gridSize, queryParameters);
        for (int i = 0; i < gridSize; i++) {
            ExecutionContext context = new ExecutionContext();
            if (i >= bounds.size()) {
                context.putString(JdbcSource.EMPTY, "true");
            } else {
                if (i > 0) {
                    context.put(JdbcSource.FIRST, bounds.get(i));
                }
                if (i + 1 < bounds.size()) {
                    context.put(JdbcSource.END, bounds.get(i + 1));
                }
            }
            partitions.put(name(i), context);
        }
        return partitions;
    }

    private static String name(int i) {
        return "partition" + i;
    }
}
