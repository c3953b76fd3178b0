package io.maximbatch.blocks;

import io.maximbatch.source.SourceRecord;
import io.maximbatch.step.Candidate;
import io.maximbatch.step.SourceVerdict;
import java.util.LinkedHashMap;
import java.util.List;

/** One block as read: user_legacy_id blocks blocked_legacy_id; verdict: what the source's query says of it. */
record BlockRow(String line, String userLegacyId, String blockedLegacyId, String problem, SourceVerdict verdict,
                LinkedHashMap<String, String> asRead) implements Candidate {

    /** The source's columns, named once: the job file's check, the readers and the rows use these. */
    static final String USER = "user_legacy_id";
    static final String BLOCKED = "blocked_legacy_id";
    static final List<String> COLUMNS = List.of(USER, BLOCKED);

    /** The row, or null when the source says it is not a block (`skip`: an allow item, another list): filtered out. */
    static BlockRow candidate(SourceRecord record) {
        SourceVerdict verdict = SourceVerdict.of(record);
        if (verdict.skip() && record.problem() == null) {
            return null;
        }
        return new BlockRow(record.line(), record.get(USER), record.get(BLOCKED), record.problem(), verdict, record.asRead(USER, BLOCKED));
    }
}
