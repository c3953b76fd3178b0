package io.maximbatch.ledger;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.function.Consumer;
import org.springframework.dao.DuplicateKeyException;

/** Ledger writes of a batch that a unique key may refuse in part. */
public final class OneByOne {

    private OneByOne() {
    }

    /**
     * Writes the rows in key order with one call of write (its own transaction); when a unique key refuses one of them,
     * writes them again one by one, each in its own transaction (PostgreSQL gives up a transaction at its first error).
     * Returns the rows refused.
     */
    public static <T> List<T> refused(Collection<T> rows, Comparator<? super T> keyOrder, Consumer<List<T>> write) {
        // In key order: two transactions writing overlapping rows then wait for each other at their first common key
        // instead of each holding a key the other needs (a deadlock on PostgreSQL, reproduced in MemberLedgerTest).
        List<T> inKeyOrder = rows.stream().sorted(keyOrder).toList();
        try {
            write.accept(inKeyOrder);
            return List.of();
        } catch (DuplicateKeyException some) {
            List<T> refused = new ArrayList<>();
            for (T row : inKeyOrder) {
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
