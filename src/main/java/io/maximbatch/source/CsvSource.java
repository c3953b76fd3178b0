package io.maximbatch.source;

import com.opencsv.CSVReader;
import com.opencsv.CSVReaderBuilder;
import com.opencsv.RFC4180ParserBuilder;
import com.opencsv.exceptions.CsvException;
import com.opencsv.exceptions.CsvMalformedLineException;
import com.opencsv.exceptions.CsvMultilineLimitBrokenException;
import java.io.BufferedInputStream;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.springframework.batch.infrastructure.item.ExecutionContext;
import org.springframework.batch.infrastructure.item.ItemStreamException;
import org.springframework.batch.infrastructure.item.support.AbstractItemCountingItemStreamItemReader;

/**
 * Reads a CSV file with a header row (RFC 4180 quoting, CRLF or LF, optional UTF-8 or UTF-16 byte order mark,
 * blank lines skipped). Restartable: the position is the number of records read, saved with each chunk.
 * Bytes that are not valid in the file's encoding become U+FFFD, which the validators reject with the line.
 */
public final class CsvSource extends AbstractItemCountingItemStreamItemReader<SourceRecord> {

    /** Execution-context key of the number of records the file holds, estimated from its line count, for the ETA. */
    public static final String TOTAL_ESTIMATE = "csv-source.total-estimate";
    /** Execution-context key of the records read so far, over all executions of the step (Spring Batch's own). */
    public static final String POSITION = "csv-source.read.count";

    /** Execution-context keys of a partition's records: from index FIRST (0: the first after the header) up to END, exclusive. */
    public static final String FIRST = "csv-source.partition.first";
    public static final String END = "csv-source.partition.end";

    /** A record may span at most this many lines; more is almost surely a stray quote swallowing the file. */
    static final int MULTILINE_LIMIT = 50;

    private final Path file;
    private final Map<String, String> mapping;
    private final List<String> required;
    private CSVReader reader;
    private SourceRecord.Columns columns;

    public CsvSource(Path file, Map<String, String> mapping, List<String> required) {
        this.file = file;
        this.mapping = mapping;
        this.required = required;
        setName("csv-source");
    }

    /** Spring Batch wraps whatever doOpen throws; callers (validate, the step) need our message, not "Failed to initialize". */
    @Override
    public void open(ExecutionContext executionContext) {
        try {
            long first = executionContext.getLong(FIRST, 0);
            long end = executionContext.getLong(END, Long.MAX_VALUE);
            if (executionContext.containsKey(FIRST)) {
                // A partition: Spring Batch reads (and drops) the records before its first, as on a restart.
                setCurrentItemCount(Math.toIntExact(first));
                setMaxItemCount((int) Math.min(Integer.MAX_VALUE, end));
            }
            super.open(executionContext);
            if (!executionContext.containsKey(TOTAL_ESTIMATE)) {
                long records = estimateRecords(file);
                executionContext.putLong(TOTAL_ESTIMATE, records < 0 ? records : Math.max(0, Math.min(records, end) - first));
            }
        } catch (ItemStreamException e) {
            if (e.getCause() instanceof SourceException source) {
                throw source;
            }
            throw e;
        }
    }

    @Override
    protected void doOpen() throws IOException {
        openAt(0);
        String[] header = nextNonBlank();
        if (header == null) {
            throw new SourceException(file + ": the file is empty (a header row is expected: " + String.join(", ", required) + ")");
        }
        if (unreadable != null) {
            throw new SourceException(unreadable);
        }
        columns = ColumnMapping.resolve(file.toString(), Arrays.asList(header), mapping, required);
    }

    /** The file's columns, once opened. */
    SourceRecord.Columns columns() {
        return columns;
    }

    /** (Re)opens the file with the parser at the start of the given physical line (0: the first); returns that line's text. */
    private String openAt(long physicalLine) throws IOException {
        if (reader != null) {
            reader.close();
        }
        InputStream in;
        try {
            in = new BufferedInputStream(Files.newInputStream(file), 1 << 16);
        } catch (NoSuchFileException e) {
            throw new SourceException(file + ": file not found");
        }
        Charset charset = skipByteOrderMark(in);
        BufferedReader text = new BufferedReader(new InputStreamReader(in, charset.newDecoder()
                .onMalformedInput(CodingErrorAction.REPLACE)
                .onUnmappableCharacter(CodingErrorAction.REPLACE)), 1 << 16);
        String skipped = null;
        for (long i = 0; i < physicalLine; i++) {
            skipped = text.readLine();
        }
        lineOffset = physicalLine;
        reader = new CSVReaderBuilder(text)
                .withCSVParser(new RFC4180ParserBuilder().build())
                .withKeepCarriageReturn(false)
                .withMultilineLimit(MULTILINE_LIMIT)
                .build();
        return skipped;
    }

    /**
     * Skips the records before a restart's position or a partition's first record. Spring Batch's own skipping
     * counts on from the partition's first record and stops at its end, short of the position.
     */
    @Override
    protected void jumpToItem(int itemIndex) throws Exception {
        for (int i = 0; i < itemIndex; i++) {
            if (doRead() == null) {
                return;
            }
        }
    }

    @Override
    protected SourceRecord doRead() throws IOException {
        String[] values = nextNonBlank();
        if (values == null) {
            return null;
        }
        long line = lastRecordStart;
        if (unreadable != null) {
            String problem = unreadable;
            unreadable = null;
            return new SourceRecord(Long.toString(line), columns, values, problem);
        }
        String problem = values.length == columns.headers().size() ? null
                : "expected " + columns.headers().size() + " columns, found " + values.length;
        long lastLine = lineOffset + reader.getLinesRead();
        if (problem == null && lastLine > line && holdsWholeRows(values)) {
            problem = "a quoted field runs from line " + line + " to line " + lastLine
                    + " and holds what look like further rows (a stray quote?)";
        }
        return new SourceRecord(Long.toString(line), columns, values, problem);
    }

    /** A quoted field with a line break followed by a line with a full row's separators: rows swallowed by a stray quote. */
    private boolean holdsWholeRows(String[] values) {
        int separators = columns.headers().size() - 1;
        for (String value : values) {
            if (value != null && value.indexOf('\n') >= 0) {
                for (String continuation : value.substring(value.indexOf('\n') + 1).split("\n")) {
                    if (separators > 0 && continuation.chars().filter(c -> c == ',').count() >= separators) {
                        return true;
                    }
                }
            }
        }
        return false;
    }

    /** Physical line on which the last record returned by nextNonBlank starts (quoted fields may span lines). */
    private long lastRecordStart;
    /** Physical lines before the parser's start (it is reopened after a line it cannot parse). */
    private long lineOffset;
    /** Why the last record returned could not be parsed, or null. */
    private String unreadable;

    /**
     * The next non-blank record. A record the parser cannot read (a quote never closed, which would swallow the rest
     * of the file) is returned as its one physical line, split at commas, with the reason in `unreadable`; reading
     * goes on at the next line, so that the valid rows after it are not lost.
     */
    private String[] nextNonBlank() throws IOException {
        long start = lineOffset + reader.getLinesRead() + 1;
        while (true) {
            String[] values;
            try {
                values = reader.readNext();
            } catch (CsvMalformedLineException | CsvMultilineLimitBrokenException e) {
                // Its message quotes the swallowed text, which holds passwords: say where, not what.
                unreadable = e instanceof CsvMalformedLineException
                        ? file + ": line " + start + ": a quoted field is never closed (a stray quote?); the line is skipped"
                        : file + ": line " + start + ": a quoted field spans more than " + MULTILINE_LIMIT
                                + " lines (a stray quote?); the line is skipped";
                String text = openAt(start);
                lastRecordStart = start;
                return text == null ? new String[] {""} : text.split(",", -1);
            } catch (CsvException e) {
                throw new SourceException(file + ": line " + start + ": the row cannot be parsed (" + e.getClass().getSimpleName() + ")");
            }
            if (values == null) {
                return null;
            }
            if (!(values.length == 1 && values[0].isBlank())) {
                lastRecordStart = start;
                return values;
            }
            start = lineOffset + reader.getLinesRead() + 1;
        }
    }

    /** Lines after the header, counted by a fast scan of the bytes; quoted line breaks make it a slight overestimate. */
    static long estimateRecords(Path file) {
        long lines = 0;
        byte[] buffer = new byte[1 << 16];
        try (InputStream in = Files.newInputStream(file)) {
            int n;
            int last = '\n';
            while ((n = in.read(buffer)) > 0) {
                for (int i = 0; i < n; i++) {
                    if (buffer[i] == '\n') {
                        lines++;
                    }
                }
                last = buffer[n - 1];
            }
            if (last != '\n') {
                lines++;
            }
        } catch (IOException e) {
            return -1;
        }
        return Math.max(0, lines - 1);
    }

    @Override
    protected void doClose() throws IOException {
        if (reader != null) {
            reader.close();
            reader = null;
        }
    }

    /** Consumes a byte order mark if there is one and returns the charset it announces (UTF-8 by default). */
    private static Charset skipByteOrderMark(InputStream in) throws IOException {
        in.mark(3);
        int b0 = in.read();
        int b1 = in.read();
        int b2 = in.read();
        if (b0 == 0xEF && b1 == 0xBB && b2 == 0xBF) {
            return StandardCharsets.UTF_8;
        }
        in.reset();
        if (b0 == 0xFE && b1 == 0xFF) {
            in.skip(2);
            return StandardCharsets.UTF_16BE;
        }
        if (b0 == 0xFF && b1 == 0xFE) {
            in.skip(2);
            return StandardCharsets.UTF_16LE;
        }
        return StandardCharsets.UTF_8;
    }
}
