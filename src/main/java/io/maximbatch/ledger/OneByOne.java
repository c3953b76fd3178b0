package io.maximbatch.ledger;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.springframework.dao.DuplicateKeyException;

/** Ledger writes of a batch that a unique key may refuse in part. */
final class OneByOne {

    private OneByOne() {
    }

    /**
     * Writes the rows with one call of write (its own transaction); when a unique key refuses one of them, writes them
     * again one by one, each in its own transaction (PostgreSQL gives up a transaction at its first error). Returns the
     * rows refused.
     */
    static <T> List<T> refused(List<T> rows, Consumer<List<T>> write) {
        try {
            write.accept(rows);
            return List.of();
        } catch (DuplicateKeyException some) {
            List<T> refused = new ArrayList<>();
            for (T row : rows) {
                try {
                    write.accept(List.of(row));
                } catch (DuplicateKeyException e) {
                    refused.add(row);
                }
            }
            return refused;
        }
    }
}
