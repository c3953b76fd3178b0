package io.maximbatch.step;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Function;
import org.springframework.batch.infrastructure.item.ExecutionContext;
import org.springframework.batch.infrastructure.item.ItemStreamReader;

/** Reading a step's source outside a run (dry run, validate, reconcile): from the start, with the step's own reader. */
public final class Reads {

    private Reads() {
    }

    /**
     * Reads every record as a step would, mapped to its rows, in chunks of chunkSize, and hands on each chunk. A record
     * the mapping filters out (null, as a step's processor) is passed over; returns how many were.
     */
    public static <R, T> long chunks(ItemStreamReader<R> reader, Function<R, T> rows, int chunkSize, Consumer<List<T>> each) {
        List<T> chunk = new ArrayList<>();
        long[] filtered = {0};
        all(reader, record -> {
            T row = rows.apply(record);
            if (row == null) {
                filtered[0]++;
                return;
            }
            chunk.add(row);
            if (chunk.size() == chunkSize) {
                each.accept(List.copyOf(chunk));
                chunk.clear();
            }
        });
        if (!chunk.isEmpty()) {
            each.accept(chunk);
        }
        return filtered[0];
    }

    /** Reads every record of a reader, from the start, and closes it. */
    public static <T> void all(ItemStreamReader<T> reader, Consumer<T> each) {
        reader.open(new ExecutionContext());
        try {
            for (T record = reader.read(); record != null; record = reader.read()) {
                each.accept(record);
            }
        } catch (RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException(e.getMessage(), e);
        } finally {
            reader.close();
        }
    }
}
