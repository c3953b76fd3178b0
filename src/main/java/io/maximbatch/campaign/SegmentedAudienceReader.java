package io.maximbatch.campaign;

import io.maximbatch.source.SourceRecord;
import io.maximbatch.source.Sources;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.springframework.batch.infrastructure.item.ExecutionContext;
import org.springframework.batch.infrastructure.item.ItemStreamReader;

/**
 * Reads the segments' audiences one after another, in the job file's order. Restartable: the current segment and
 * its reader's position are saved with each chunk; a finished segment's reader state is dropped.
 */
final class SegmentedAudienceReader implements ItemStreamReader<AudienceEntry> {

    private static final String SEGMENT = "campaign.segment";
    private static final String LIST_INDEX = "campaign.list-index";
    private static final String SEGMENT_NAME = "campaign.segment-name";
    private static final List<String> READER_KEYS = List.of("csv-source.", "jdbc-source.");

    private final List<Segment> segments;
    private final List<String> columns;
    private final Map<String, Object> queryParameters;
    private int segment;
    private int listIndex;
    private ItemStreamReader<SourceRecord> source;

    SegmentedAudienceReader(List<Segment> segments, List<String> columns, Map<String, Object> queryParameters) {
        this.segments = segments;
        this.columns = columns;
        this.queryParameters = queryParameters;
    }

    @Override
    public void open(ExecutionContext executionContext) {
        segment = executionContext.getInt(SEGMENT, 0);
        listIndex = executionContext.getInt(LIST_INDEX, 0);
        String saved = executionContext.containsKey(SEGMENT_NAME) ? executionContext.getString(SEGMENT_NAME) : null;
        if (saved != null && (segment >= segments.size() || !segments.get(segment).name().equals(saved))) {
            throw new IllegalStateException("the job file's segments changed since this run began (it was reading segment " + saved
                    + "); put them back, or start a new run with --new");
        }
        openSegment(executionContext);
    }

    /** Opens the current segment's source: from the saved position on a restart, from its start otherwise. */
    private void openSegment(ExecutionContext state) {
        if (segment < segments.size() && segments.get(segment).audience().kind() == Audience.Kind.SOURCE) {
            source = Sources.reader(segments.get(segment).audience().source(), List.of(), queryParameters);
            source.open(state);
        }
    }

    @Override
    public AudienceEntry read() throws Exception {
        while (segment < segments.size()) {
            Audience audience = segments.get(segment).audience();
            AudienceEntry entry = audience.kind() == Audience.Kind.SOURCE ? fromSource() : fromList(audience);
            if (entry != null) {
                return entry;
            }
            nextSegment();
        }
        return null;
    }

    private AudienceEntry fromSource() throws Exception {
        SourceRecord record = source.read();
        if (record == null) {
            return null;
        }
        String legacyId = record.get(columns.get(0));
        String id = record.get(columns.get(1));
        String problem = record.problem() != null ? record.problem()
                : legacyId == null && id == null ? "neither " + columns.get(0) + " nor " + columns.get(1) + " is given" : null;
        return new AudienceEntry(segment, record.line(), Audience.Kind.SOURCE, legacyId, id, null, problem, record.asRead(columns.toArray(String[]::new)));
    }

    private AudienceEntry fromList(Audience audience) {
        if (listIndex >= audience.values().size()) {
            return null;
        }
        String value = audience.values().get(listIndex++);
        LinkedHashMap<String, String> fields = new LinkedHashMap<>();
        fields.put(audience.kind().name().toLowerCase(Locale.ROOT), value);
        return new AudienceEntry(segment, "segment " + segments.get(segment).name() + " #" + listIndex, audience.kind(), null, null,
                value, null, fields);
    }

    private void nextSegment() {
        if (source != null) {
            source.close();
            source = null;
        }
        segment++;
        listIndex = 0;
        // The step's saved state is left alone until the chunk commits (update): a failed chunk must resume where it was.
        openSegment(new ExecutionContext());
    }

    @Override
    public void update(ExecutionContext executionContext) {
        List<String> stale = executionContext.entrySet().stream().map(Map.Entry::getKey)
                .filter(key -> READER_KEYS.stream().anyMatch(key::startsWith) && !key.contains(".partition."))
                .toList();
        stale.forEach(executionContext::remove);
        if (source != null) {
            source.update(executionContext);
        }
        executionContext.putInt(SEGMENT, segment);
        executionContext.putInt(LIST_INDEX, listIndex);
        if (segment < segments.size()) {
            executionContext.putString(SEGMENT_NAME, segments.get(segment).name());
        }
    }

    @Override
    public void close() {
        if (source != null) {
            source.close();
            source = null;
        }
    }
}
