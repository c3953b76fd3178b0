package io.maximbatch.source;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.springframework.batch.infrastructure.item.ExecutionContext;
import org.springframework.batch.infrastructure.item.ItemStreamReader;

/** A row read as several records resumes, after a commit in the middle of a row, with the next record: none twice, none lost. */
class ExpandingReaderTest {

    private static final SourceRecord.Columns COLUMNS = new SourceRecord.Columns(List.of("room", "members"), Map.of("room", 0, "members", 1));

    /** Rows "r<i>" with i members each (r0 none), as a restartable source. */
    private static final class Rooms implements ItemStreamReader<SourceRecord> {
        private int next;

        @Override
        public void open(ExecutionContext context) {
            next = context.containsKey("rooms.next") ? context.getInt("rooms.next") : 0;
        }

        @Override
        public void update(ExecutionContext context) {
            context.putInt("rooms.next", next);
        }

        @Override
        public SourceRecord read() {
            if (next == 6) {
                return null;
            }
            int i = next++;
            return new SourceRecord("r" + i, COLUMNS, new String[] {"r" + i, String.valueOf(i)}, null);
        }
    }

    private static ExpandingReader reader() {
        return new ExpandingReader(new Rooms(), room -> IntStream.range(0, Integer.parseInt(room.get("members")))
                .mapToObj(m -> new SourceRecord(room.line() + "/" + m, COLUMNS, new String[] {room.get("room"), "m" + m}, null)).toList());
    }

    @Test
    void aRestartAfterACommitInTheMiddleOfARowGoesOnWithItsNextRecord() throws Exception {
        List<String> all = new ArrayList<>();
        ExpandingReader whole = reader();
        whole.open(new ExecutionContext());
        for (SourceRecord r = whole.read(); r != null; r = whole.read()) {
            all.add(r.line());
        }
        assertThat(all).hasSize(1 + 2 + 3 + 4 + 5).startsWith("r1/0", "r2/0", "r2/1").endsWith("r5/4");

        for (int commitAfter = 1; commitAfter < all.size(); commitAfter++) {
            ExecutionContext context = new ExecutionContext();
            ExpandingReader first = reader();
            first.open(context);
            List<String> read = new ArrayList<>();
            for (int i = 0; i < commitAfter; i++) {
                read.add(first.read().line());
            }
            first.update(context);
            // Read on without a commit: a crash loses these, the restart reads them again.
            first.read();
            ExpandingReader resumed = reader();
            resumed.open(context);
            for (SourceRecord r = resumed.read(); r != null; r = resumed.read()) {
                read.add(r.line());
            }
            assertThat(read).as("commit after %d records", commitAfter).isEqualTo(all);
        }
    }
}
