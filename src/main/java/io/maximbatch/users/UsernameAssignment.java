package io.maximbatch.users;

import io.maximbatch.source.SourceRecord;
import io.maximbatch.step.Reads;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.function.Supplier;
import org.springframework.batch.infrastructure.item.ItemStreamReader;

/**
 * Decides the names of `usernames: rewrite` (the contract is UsernameRewrite's): a first pass over the source takes
 * every name MaxIM accepts as it is, so that those win whatever their place; a second pass gives each other name its
 * rewrite, with the first free suffix, in the source's order, a chunk at a time: the chunk's candidates are asked of
 * MaxIM together, and each base's next suffix is kept, so that a name costs constant work however many share its base.
 * A user an earlier run registered keeps its name. Where the names are kept (the job database in a run, memory in a
 * rehearsal) is the Names' business.
 */
final class UsernameAssignment {

    /** Names decided together: their MaxIM look-ups go out at once. */
    static final int CHUNK = 500;

    /** The names of one run. */
    interface Names {

        /** Takes names MaxIM accepts as they are (name -> legacy id), each for the first legacy user that has it. */
        void takeUnchanged(Map<String, String> legacyIdByName);

        /** The name the ID map gives a legacy user already (an earlier run's), or null. */
        String earlier(String legacyId);

        /** Whether a legacy user has its rewritten name already (the same legacy id twice in the source). */
        boolean hasRewritten(String legacyId);

        /** Whether a candidate name is taken by this run or by another legacy user of the ID map. */
        boolean takenHere(String username);

        /** Which of these names MaxIM has (asked together). */
        Set<String> inMaxim(Collection<String> usernames);

        /** The next suffix to try for a base (1: the base itself). */
        int nextSuffix(String base);

        /** Keeps the next suffix to try of each base a chunk used. */
        void suffixesUsed(Map<String, Integer> next);

        void takeRewritten(String username, String legacyId, String legacyUsername);
    }

    private UsernameAssignment() {
    }

    /** Reads the source twice (rows as the step reads them) and takes every name of the run; returns the rewritten count. */
    static long assign(Supplier<ItemStreamReader<SourceRecord>> source, Function<SourceRecord, UserRow> rows, Names names) {
        Reads.chunks(source.get(), rows, CHUNK, chunk -> takeUnchanged(chunk, names));
        long[] rewritten = {0};
        Reads.chunks(source.get(), rows, CHUNK, chunk -> rewritten[0] += rewrite(chunk, names));
        return rewritten[0];
    }

    /** The first pass for a chunk of rows, in the source's order: a name MaxIM accepts is taken as it is, by its first row. */
    static void takeUnchanged(List<UserRow> chunk, Names names) {
        Map<String, String> unchanged = new LinkedHashMap<>();
        for (UserRow row : chunk) {
            if (row.legacyId() != null && row.username() != null && UsernameRewrite.unchanged(row.username())) {
                unchanged.putIfAbsent(row.username(), row.legacyId());
            }
        }
        names.takeUnchanged(unchanged);
    }

    /**
     * The second pass for a chunk of rows, in the source's order: each name MaxIM refuses gets its rewrite. The names
     * are chosen as if MaxIM had none of the candidates not yet asked, those are asked together, and the choice is made
     * again until every candidate it rests on has MaxIM's answer (once, unless MaxIM holds one of them). Returns the
     * rewritten count.
     */
    static int rewrite(List<UserRow> chunk, Names names) {
        Map<String, UserRow> todo = new LinkedHashMap<>();
        for (UserRow row : chunk) {
            if (row.legacyId() != null && row.username() != null && !UsernameRewrite.unchanged(row.username())
                    && !todo.containsKey(row.legacyId()) && !names.hasRewritten(row.legacyId())) {
                todo.put(row.legacyId(), row);
            }
        }
        Map<String, String> earlier = new HashMap<>();
        Map<String, Boolean> here = new HashMap<>();
        Map<String, Boolean> maxim = new HashMap<>();
        while (true) {
            Set<String> unknown = new LinkedHashSet<>();
            Set<String> takenNow = new HashSet<>();
            Map<String, Integer> next = new HashMap<>();
            List<String> chosen = new ArrayList<>();
            Predicate<String> taken = name -> takenNow.contains(name) || here.computeIfAbsent(name, names::takenHere)
                    || maximHas(name, maxim, unknown);
            for (UserRow row : todo.values()) {
                String name = earlier.computeIfAbsent(row.legacyId(), id -> Objects.requireNonNullElse(names.earlier(id), ""));
                if (name.isEmpty()) {
                    String base = UsernameRewrite.base(row.username());
                    int n = UsernameRewrite.firstFree(base, next.computeIfAbsent(base, names::nextSuffix), taken);
                    next.put(base, n + 1);
                    name = UsernameRewrite.candidate(base, n);
                }
                chosen.add(name);
                takenNow.add(name);
            }
            if (unknown.isEmpty()) {
                int i = 0;
                for (UserRow row : todo.values()) {
                    names.takeRewritten(chosen.get(i++), row.legacyId(), row.username());
                }
                names.suffixesUsed(next);
                return todo.size();
            }
            Set<String> found = names.inMaxim(unknown);
            unknown.forEach(name -> maxim.put(name, found.contains(name)));
        }
    }

    /** MaxIM's answer for a name; not asked yet: noted to ask, and free until then. */
    private static boolean maximHas(String name, Map<String, Boolean> maxim, Set<String> unknown) {
        Boolean has = maxim.get(name);
        if (has == null) {
            unknown.add(name);
            return false;
        }
        return has;
    }

    /** A rehearsal's names (validate, dry run): in memory, against the ID map's names as given. */
    static final class InMemory implements Names {

        private final Set<String> taken = new HashSet<>();
        private final Map<String, String> rewritten = new HashMap<>();
        private final Map<String, Integer> next = new HashMap<>();
        private final Function<String, String> earlier;
        private final Predicate<String> mapped;
        private final Function<Collection<String>, Set<String>> inMaxim;

        /** earlier: the ID map's name of a legacy id (or null); mapped: a name of the ID map; inMaxim: which names MaxIM has. */
        InMemory(Function<String, String> earlier, Predicate<String> mapped, Function<Collection<String>, Set<String>> inMaxim) {
            this.earlier = earlier;
            this.mapped = mapped;
            this.inMaxim = inMaxim;
        }

        /** Names decided against nothing outside the run. */
        static InMemory alone() {
            return new InMemory(legacyId -> null, name -> false, names -> Set.of());
        }

        @Override
        public void takeUnchanged(Map<String, String> legacyIdByName) {
            taken.addAll(legacyIdByName.keySet());
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
        public boolean takenHere(String username) {
            return taken.contains(username) || mapped.test(username);
        }

        @Override
        public Set<String> inMaxim(Collection<String> usernames) {
            return inMaxim.apply(usernames);
        }

        @Override
        public int nextSuffix(String base) {
            return next.getOrDefault(base, 1);
        }

        @Override
        public void suffixesUsed(Map<String, Integer> used) {
            next.putAll(used);
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
