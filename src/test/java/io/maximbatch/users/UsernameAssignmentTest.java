package io.maximbatch.users;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** A chunk's rewrites: MaxIM asked together, the suffixes in the source's order whatever MaxIM holds. */
class UsernameAssignmentTest {

    @Test
    void aChunksCandidatesAreAskedTogetherAndTheSuffixesKeepTheSourcesOrder() {
        Set<String> inMaxim = Set.of("Ivan_2", "Ivan_5", "Zoe");
        List<List<String>> asked = new ArrayList<>();
        UsernameAssignment.InMemory names = new UsernameAssignment.InMemory(legacyId -> null, name -> false, (Collection<String> some) -> {
            asked.add(List.copyOf(some));
            Set<String> found = new HashSet<>(some);
            found.retainAll(inMaxim);
            return found;
        });
        List<UserRow> rows = new ArrayList<>(IntStream.rangeClosed(1, 6).mapToObj(i -> row("L" + i, "Иван")).toList());
        rows.add(2, row("Z", "Zoë"));

        assertThat(UsernameAssignment.rewrite(rows, names)).isEqualTo(7);

        assertThat(IntStream.rangeClosed(1, 6).mapToObj(i -> names.nameOf("L" + i)))
                .containsExactly("Ivan", "Ivan_3", "Ivan_4", "Ivan_6", "Ivan_7", "Ivan_8");
        assertThat(names.nameOf("Z")).isEqualTo("Zoe_2");
        assertThat(asked.get(0)).as("the first round asks every candidate at once").hasSize(7);
        assertThat(asked).as("each name asked once").flatExtracting(list -> list).doesNotHaveDuplicates();

        // The next chunk goes on from the kept suffix: no name before it is tried again.
        asked.clear();
        UsernameAssignment.rewrite(List.of(row("L7", "Иван")), names);
        assertThat(names.nameOf("L7")).isEqualTo("Ivan_9");
        assertThat(asked).containsExactly(List.of("Ivan_9"));
    }

    private static UserRow row(String legacyId, String username) {
        return new UserRow("1", legacyId, username, "pw", AccountFields.none(), null, new java.util.LinkedHashMap<>());
    }
}
