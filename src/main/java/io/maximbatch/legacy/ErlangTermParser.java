package io.maximbatch.legacy;

import io.maximbatch.legacy.ErlangTerm.Atom;
import io.maximbatch.legacy.ErlangTerm.Bin;
import io.maximbatch.legacy.ErlangTerm.Str;
import io.maximbatch.legacy.ErlangTerm.Tuple;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Reads one term's structure (lists, tuples, maps, binaries) from its text; the cursor reads the tokens within. A text
 * of more than MAX_LENGTH characters, or nested deeper than MAX_DEPTH, is refused: a room's options are a few KB, and
 * the reader must not overflow the stack or take long on whatever a column holds.
 */
final class ErlangTermParser {

    static final int MAX_LENGTH = 1 << 20;
    static final int MAX_DEPTH = 200;

    private final String text;
    private final ErlangTermCursor cursor;
    private int depth;

    ErlangTermParser(String text) {
        this.text = text;
        this.cursor = new ErlangTermCursor(text);
    }

    /** The term that is the whole text, a trailing `.` allowed. */
    Object whole() {
        if (text.length() > MAX_LENGTH) {
            throw new ErlangTermException("the term is longer than 1,048,576 characters (1 MiB)");
        }
        Object term = term();
        cursor.skipSpace();
        if (cursor.take(".")) {
            cursor.skipSpace();
        }
        if (!cursor.atEnd()) {
            throw cursor.problem("unexpected text after the term");
        }
        return term;
    }

    private Object term() {
        cursor.skipSpace();
        if (cursor.atEnd()) {
            throw cursor.problem("a term was expected");
        }
        if (cursor.take("[")) {
            return nested(() -> elements(']'));
        }
        if (cursor.take("{")) {
            return nested(() -> new Tuple(elements('}')));
        }
        if (cursor.take("#{")) {
            return nested(this::map);
        }
        if (cursor.take("<<")) {
            return binary();
        }
        if (cursor.take("\"")) {
            return new Str(cursor.quoted('"'));
        }
        if (cursor.take("'")) {
            return new Atom(cursor.quoted('\''));
        }
        if (cursor.atNumber()) {
            return cursor.number();
        }
        if (Character.isLowerCase(cursor.current())) {
            return new Atom(cursor.atomName());
        }
        throw cursor.problem("a term was expected");
    }

    /** A list, tuple or map within MAX_DEPTH of the top. */
    private <T> T nested(Supplier<T> inside) {
        if (++depth > MAX_DEPTH) {
            throw cursor.problem("the term is nested deeper than " + MAX_DEPTH + " levels");
        }
        T term = inside.get();
        depth--;
        return term;
    }

    /** Elements separated by commas up to the closing character (already past the opening one). */
    private List<Object> elements(char close) {
        List<Object> elements = new ArrayList<>();
        cursor.skipSpace();
        if (cursor.take(String.valueOf(close))) {
            return elements;
        }
        while (true) {
            elements.add(term());
            cursor.skipSpace();
            if (cursor.atEnd()) {
                throw cursor.problem("'" + close + "' was expected");
            }
            char c = cursor.next();
            if (c == close) {
                return elements;
            }
            if (c == '|' && close == ']') {
                throw cursor.problem("an improper list is not supported");
            }
            if (c != ',') {
                throw cursor.problem("',' or '" + close + "' was expected");
            }
        }
    }

    private Map<Object, Object> map() {
        Map<Object, Object> map = new LinkedHashMap<>();
        cursor.skipSpace();
        if (cursor.take("}")) {
            return map;
        }
        while (true) {
            Object key = term();
            cursor.skipSpace();
            if (!cursor.take("=>")) {
                throw cursor.problem("'=>' was expected");
            }
            map.put(key, term());
            cursor.skipSpace();
            if (cursor.atEnd()) {
                throw cursor.problem("'}' was expected");
            }
            char c = cursor.next();
            if (c == '}') {
                return map;
            }
            if (c != ',') {
                throw cursor.problem("',' or '}' was expected");
            }
        }
    }

    /** After "<<": `>>`, string segments `"..."`, or byte values, separated by commas. */
    private Bin binary() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        cursor.skipSpace();
        if (cursor.take(">>")) {
            return new Bin(bytes.toByteArray());
        }
        while (true) {
            cursor.skipSpace();
            if (cursor.take("\"")) {
                bytes.writeBytes(bytesOf(cursor.quoted('"')));
            } else {
                Object value = cursor.number();
                if (!(value instanceof Long b) || b < 0 || b > 255) {
                    throw cursor.problem("a byte (0..255) was expected");
                }
                bytes.write((int) (long) b);
            }
            cursor.skipSpace();
            if (cursor.take(">>")) {
                return new Bin(bytes.toByteArray());
            }
            if (!cursor.take(",")) {
                throw cursor.problem("',' or '>>' was expected");
            }
        }
    }

    /**
     * The bytes a binary's text stands for. ejabberd stores `io_lib:print`'s output raw: each byte of the binary is one
     * character there, so a database that reads the column as UTF-8 gives back the text itself ("é"); a copy that went
     * through latin1 shows each byte as a character ("Ã©"). Characters that are all latin1 and form valid UTF-8 as
     * bytes are those bytes; otherwise the text is the text.
     */
    private static byte[] bytesOf(String text) {
        if (text.chars().allMatch(c -> c <= 0xFF)) {
            byte[] latin1 = text.getBytes(StandardCharsets.ISO_8859_1);
            try {
                StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                        .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(latin1));
                return latin1;
            } catch (CharacterCodingException notUtf8) {
                // A latin1 character of its own (é): the text as it is.
            }
        }
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
