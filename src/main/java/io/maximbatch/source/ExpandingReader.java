package io.maximbatch.source;

import java.util.List;
import java.util.function.Function;
import org.springframework.batch.infrastructure.item.ExecutionContext;
import org.springframework.batch.infrastructure.item.ItemStreamException;
import org.springframework.batch.infrastructure.item.ItemStreamReader;

/**
 * A source read as the records each of its rows stands for (an ejabberd room: its members). Restartable within a
 * row: a commit in the middle of a row's records saves the source's position before that row and how many of its
 * records were handed on, so a restart reads the row again and skips those.
 */
public final class ExpandingReader implements ItemStreamReader<SourceRecord> {

    private static final String HANDED = "expanding-reader.handed";

    private final ItemStreamReader<SourceRecord> rows;
    private final Function<SourceRecord, List<SourceRecord>> records;
    /** The source's position before the current row. */
    private ExecutionContext beforeRow = new ExecutionContext();
    private List<SourceRecord> current = List.of();
    private int handed;

    public ExpandingReader(ItemStreamReader<SourceRecord> rows, Function<SourceRecord, List<SourceRecord>> records) {
        this.rows = rows;
        this.records = records;
    }

    @Override
    public void open(ExecutionContext context) {
        rows.open(context);
        int skip = context.containsKey(HANDED) ? context.getInt(HANDED) : 0;
        if (skip > 0) {
            nextRow();
            handed = Math.min(skip, current.size());
        }
    }

    @Override
    public SourceRecord read() throws Exception {
        while (handed >= current.size()) {
            if (!nextRow()) {
                return null;
            }
        }
        return current.get(handed++);
    }

    /** Reads the next row of the source; false at its end. */
    private boolean nextRow() {
        beforeRow = new ExecutionContext();
        rows.update(beforeRow);
        SourceRecord row;
        try {
            row = rows.read();
        } catch (RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new ItemStreamException(e.getMessage(), e);
        }
        current = row == null ? List.of() : records.apply(row);
        handed = 0;
        return row != null;
    }

    @Override
    public void update(ExecutionContext context) {
        if (handed < current.size()) {
            // In the middle of a row: resume before it, and skip what was handed on.
            beforeRow.entrySet().forEach(entry -> context.put(entry.getKey(), entry.getValue()));
            context.putInt(HANDED, handed);
        } else {
            rows.update(context);
            context.putInt(HANDED, 0);
        }
    }

    @Override
    public void close() {
        rows.close();
    }
}
