package io.maximbatch.users;

import io.maximbatch.source.SourceRecord;
import io.maximbatch.step.Reads;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Supplier;
import org.springframework.batch.infrastructure.item.ItemStreamReader;

/**
 * Decides the names of `usernames: rewrite` (the contract is UsernameRewrite's): a first pass over the source takes
 * every name MaxIM accepts as it is, so that those win whatever their place; a second pass gives each other name its
 * rewrite, with the first free suffix, in the source's order. A user an earlier run registered keeps its name. Where
 * the names are kept (the job database in a run, memory in a rehearsal) is the Names' business.
 */
final class UsernameAssignment {

    /** The names of one run. */
    interface Names {

        /** Takes a name MaxIM accepts as it is, for the first legacy user that has it. */
        void takeUnchanged(String username, String legacyId);

        /** The name the ID map gives a legacy user already (an earlier run's), or null. */
        String earlier(String legacyId);

        /** Whether a legacy user has its rewritten name already (the same legacy id twice in the source). */
        boolean hasRewritten(String legacyId);

        /** Whether a candidate name is taken: by this run, by another legacy user of the ID map, or in MaxIM. */
        boolean taken(String username);

        void takeRewritten(String username, String legacyId, String legacyUsername);
    }

    private UsernameAssignment() {
    }

    /** Reads the source twice (rows as the step reads them) and takes every name of the run; returns the rewritten count. */
    static long assign(Supplier<ItemStreamReader<SourceRecord>> source, Function<SourceRecord, UserRow> rows, Names names) {
        Reads.all(source.get(), record -> {
            UserRow row = rows.apply(record);
            if (row.legacyId() != null && row.username() != null && UsernameRewrite.unchanged(row.username())) {
                names.takeUnchanged(row.username(), row.legacyId());
            }
        });
        long[] rewritten = {0};
        Reads.all(source.get(), record -> {
            UserRow row = rows.apply(record);
            if (row.legacyId() == null || row.username() == null || UsernameRewrite.unchanged(row.username())
                    || names.hasRewritten(row.legacyId())) {
                return;
            }
            String earlier = names.earlier(row.legacyId());
            String name = earlier != null ? earlier : UsernameRewrite.free(UsernameRewrite.base(row.username()), names::taken);
            names.takeRewritten(name, row.legacyId(), row.username());
            rewritten[0]++;
        });
        return rewritten[0];
    }

    /** A rehearsal's names (validate, dry run): in memory, against the ID map's names as given. */
    static final class InMemory implements Names {

        private final Set<String> taken = new HashSet<>();
        private final Map<String, String> rewritten = new HashMap<>();
        private final Function<String, String> earlier;
        private final java.util.function.Predicate<String> elsewhere;

        /** earlier: the ID map's name of a legacy id (or null); elsewhere: a name taken outside this run. */
        InMemory(Function<String, String> earlier, java.util.function.Predicate<String> elsewhere) {
            this.earlier = earlier;
            this.elsewhere = elsewhere;
        }

        @Override
        public void takeUnchanged(String username, String legacyId) {
            taken.add(username);
        }

        @Override
        public String earlier(String legacyId) {
            return earlier.apply(legacyId);
        }

        @Override
        public boolean hasRewritten(String legacyId) {
            return rewritten.containsKey(legacyId);
        }

        @Override
        public boolean taken(String username) {
            return taken.contains(username) || elsewhere.test(username);
        }

        @Override
        public void takeRewritten(String username, String legacyId, String legacyUsername) {
            taken.add(username);
            rewritten.put(legacyId, username);
        }

        /** The rewritten name of a legacy user, or null. */
        String nameOf(String legacyId) {
            return rewritten.get(legacyId);
        }

        int rewrittenCount() {
            return rewritten.size();
        }
    }
}
