package io.maximbatch.legacy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import io.maximbatch.source.SourceRecord;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Random and mutated room options (the ejabberd fixtures' own, and the reader's test samples) never make the reader
 * throw anything but ErlangTermException, nor take long: a room's options are data from the legacy database.
 */
class ErlangTermFuzzTest {

    private static final long SEED = 20261207L;
    private static final int CASES = 100_000;
    /** Pieces of Erlang's syntax, so that random text gets past the first character now and then. */
    private static final String[] PIECES = {"[", "]", "{", "}", "#{", "=>", "<<", ">>", ",", ".", "|", "\"", "'", "\\", "\\x",
            "\\x{", "\\^", "\\0", "-", "1", "255", "256", "1.5", "e", "e+", "E-", "a", "owner", "'x'", "<<\"t\">>", " ", "\n",
            "{title,", "{affiliations,[", "{{<<\"u\">>,<<\"example.org\">>,<<>>},{owner,<<>>}}", "é", "\u00c3\u00a9", "技",
            "\uD83D\uDE00", "\uD83D", "٣", "9".repeat(70), "1" + "0".repeat(63)};
    private static final SourceRecord.Columns ROOM = new SourceRecord.Columns(List.of("legacy_group_id", "name", "opts"),
            Map.of("legacy_group_id", 0, "name", 1, "opts", 2));

    private final EjabberdRooms rooms = new EjabberdRooms("example.org");

    @Test
    void randomAndMutatedOptionsOnlyEverGiveTheReadersOwnException() {
        List<String> seeds = new ArrayList<>(XmppServerFixture.ejabberdRoomOpts());
        seeds.addAll(List.of("[{title,<<\"Caf\u00c3\u00a9 \\\"team\\\"\">>},{description,<<230,138,128,230,156,175>>},{max_users,200},"
                        + "{affiliations,[{{<<\"eve\">>,<<\"example.org\">>,<<>>},outcast}]},{subject,[{text,<<>>,<<\"Hello\">>}]},"
                        + "{hibernation_time,1700000000000000}]",
                "#{a => 1,<<\"k\">> => [1.5e3,-42,'Quoted atom',\"a\\\"b\"]}.", "<<\"\\x41\\101\\n\\x{1F600}\\^A\">>"));
        Random random = new Random(SEED);
        long start = System.nanoTime();
        int parsed = 0;
        for (int i = 0; i < CASES; i++) {
            String input = i % 2 == 0 ? mutated(seeds.get(random.nextInt(seeds.size())), random) : randomText(random);
            try {
                ErlangTerm.parse(input);
                parsed++;
            } catch (ErlangTermException expected) {
                // The one failure a caller handles.
            } catch (Throwable other) {
                fail("case %d (seed %d) threw %s on %s", i, SEED, other, shown(input));
            }
            if (i % 10 == 0) {
                // Through the room reader too: a group or UNREADABLE_OPTS, never an exception.
                try {
                    SourceRecord group = rooms.group(new SourceRecord("line", ROOM, new String[] {"r", "r", input}, null));
                    rooms.members(new SourceRecord("line", ROOM, new String[] {"r", "r", input}, null));
                    assertThat(group.get("legacy_group_id")).isEqualTo("r");
                } catch (Throwable other) {
                    fail("room of case %d (seed %d) threw %s on %s", i, SEED, other, shown(input));
                }
            }
        }
        Duration took = Duration.ofNanos(System.nanoTime() - start);

        assertThat(parsed).as("some mutations are still terms: the fuzzing reaches past the first error").isPositive();
        // Loose, for a shared machine: it takes about a second.
        assertThat(took).isLessThan(Duration.ofSeconds(30));
    }

    private static String mutated(String seed, Random random) {
        StringBuilder text = new StringBuilder(seed);
        int mutations = 1 + random.nextInt(4);
        for (int m = 0; m < mutations; m++) {
            int at = text.isEmpty() ? 0 : random.nextInt(text.length() + 1);
            switch (random.nextInt(7)) {
                case 0 -> text.setLength(at); // cut short
                case 1 -> text.insert(at, PIECES[random.nextInt(PIECES.length)]);
                case 2 -> text.delete(at, Math.min(text.length(), at + 1 + random.nextInt(8)));
                case 3 -> {
                    if (at < text.length()) {
                        text.setCharAt(at, (char) random.nextInt(random.nextBoolean() ? 128 : 0x10000));
                    }
                }
                case 4 -> text.insert(at, text.substring(at, Math.min(text.length(), at + random.nextInt(40))));
                case 5 -> {
                    // Deep nesting, around the limit.
                    int levels = 150 + random.nextInt(150);
                    String open = random.nextBoolean() ? "[" : "{";
                    text.insert(at, open.repeat(levels));
                    if (random.nextBoolean()) {
                        text.append((open.equals("[") ? "]" : "}").repeat(levels));
                    }
                }
                default -> text.insert(at, "9".repeat(50 + random.nextInt(30)));
            }
        }
        return text.toString();
    }

    private static String randomText(Random random) {
        StringBuilder text = new StringBuilder();
        int length = random.nextInt(60);
        for (int i = 0; i < length; i++) {
            if (random.nextInt(3) == 0) {
                text.append((char) random.nextInt(random.nextBoolean() ? 128 : 0x10000));
            } else {
                text.append(PIECES[random.nextInt(PIECES.length)]);
            }
        }
        return text.toString();
    }

    private static String shown(String input) {
        String cut = input.length() > 300 ? input.substring(0, 300) + "... (" + input.length() + " characters)" : input;
        return cut.chars().mapToObj(c -> c < 32 || c > 126 ? String.format("\\u%04x", c) : String.valueOf((char) c))
                .reduce("", String::concat);
    }
}
