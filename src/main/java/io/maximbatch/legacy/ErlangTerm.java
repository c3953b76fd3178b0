package io.maximbatch.legacy;

import java.io.ByteArrayOutputStream;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A reader of Erlang terms as ejabberd writes them into its SQL tables (`io_lib:print`, e.g. `muc_room.opts`): atoms,
 * integers, floats, binaries (`<<"text">>` with escapes, `<<230,138,128>>`, `<<>>`), strings, tuples, lists and maps.
 * A binary's bytes are kept as bytes ({@link Bin#text()} reads them as UTF-8): `io_lib:print` shows each byte as a
 * character when all are printable latin1, so `<<"Ã©">>` and, read back from a UTF-8 column, `<<"é">>` are both "é".
 */
public final class ErlangTerm {

    /** An atom, e.g. owner, true, 'quoted atom'. */
    public record Atom(String name) {
    }

    /** A binary: its bytes. */
    public record Bin(byte[] bytes) {

        /** The bytes as UTF-8 text. */
        public String text() {
            return new String(bytes, StandardCharsets.UTF_8);
        }
    }

    /** A tuple's elements. */
    public record Tuple(List<Object> elements) {

        public Object get(int i) {
            return elements.get(i);
        }

        public int size() {
            return elements.size();
        }
    }

    /** A string literal ("..."): a list of characters, kept as text. */
    public record Str(String text) {
    }

    private final String in;
    private int at;

    private ErlangTerm(String in) {
        this.in = in;
    }

    /**
     * The term the text holds (a trailing `.` is allowed): Atom, Long or BigInteger, Double, Bin, Str, Tuple, List or
     * Map. A text that is not a term is an IllegalArgumentException naming where it stops being one.
     */
    public static Object parse(String text) {
        ErlangTerm reader = new ErlangTerm(text);
        Object term = reader.term();
        reader.skipSpace();
        if (reader.at < text.length() && text.charAt(reader.at) == '.') {
            reader.at++;
            reader.skipSpace();
        }
        if (reader.at != text.length()) {
            throw reader.problem("unexpected text after the term");
        }
        return term;
    }

    private Object term() {
        skipSpace();
        if (at >= in.length()) {
            throw problem("a term was expected");
        }
        char c = in.charAt(at);
        if (c == '[') {
            at++;
            return elements(']');
        }
        if (c == '{') {
            at++;
            return new Tuple(elements('}'));
        }
        if (c == '#' && peek(1) == '{') {
            at += 2;
            return map();
        }
        if (c == '<' && peek(1) == '<') {
            at += 2;
            return binary();
        }
        if (c == '"') {
            at++;
            return new Str(quoted('"'));
        }
        if (c == '\'') {
            at++;
            return new Atom(quoted('\''));
        }
        if (c == '-' || Character.isDigit(c)) {
            return number();
        }
        if (Character.isLowerCase(c)) {
            int start = at;
            while (at < in.length() && (Character.isLetterOrDigit(in.charAt(at)) || in.charAt(at) == '_' || in.charAt(at) == '@')) {
                at++;
            }
            return new Atom(in.substring(start, at));
        }
        throw problem("a term was expected");
    }

    /** Elements separated by commas up to the closing character (already past the opening one). */
    private List<Object> elements(char close) {
        List<Object> elements = new ArrayList<>();
        skipSpace();
        if (at < in.length() && in.charAt(at) == close) {
            at++;
            return elements;
        }
        while (true) {
            elements.add(term());
            skipSpace();
            if (at >= in.length()) {
                throw problem("'" + close + "' was expected");
            }
            char c = in.charAt(at++);
            if (c == close) {
                return elements;
            }
            if (c == '|' && close == ']') {
                throw problem("an improper list is not supported");
            }
            if (c != ',') {
                throw problem("',' or '" + close + "' was expected");
            }
        }
    }

    private Map<Object, Object> map() {
        Map<Object, Object> map = new LinkedHashMap<>();
        skipSpace();
        if (at < in.length() && in.charAt(at) == '}') {
            at++;
            return map;
        }
        while (true) {
            Object key = term();
            skipSpace();
            if (!in.startsWith("=>", at)) {
                throw problem("'=>' was expected");
            }
            at += 2;
            map.put(key, term());
            skipSpace();
            if (at >= in.length()) {
                throw problem("'}' was expected");
            }
            char c = in.charAt(at++);
            if (c == '}') {
                return map;
            }
            if (c != ',') {
                throw problem("',' or '}' was expected");
            }
        }
    }

    /** After "<<": `>>`, string segments `"..."`, or byte values, separated by commas. */
    private Bin binary() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        skipSpace();
        if (in.startsWith(">>", at)) {
            at += 2;
            return new Bin(bytes.toByteArray());
        }
        while (true) {
            skipSpace();
            if (at < in.length() && in.charAt(at) == '"') {
                at++;
                bytes.writeBytes(bytesOf(quoted('"')));
            } else {
                Object value = number();
                if (!(value instanceof Long b) || b < 0 || b > 255) {
                    throw problem("a byte (0..255) was expected");
                }
                bytes.write((int) (long) b);
            }
            skipSpace();
            if (in.startsWith(">>", at)) {
                at += 2;
                return new Bin(bytes.toByteArray());
            }
            if (at >= in.length() || in.charAt(at) != ',') {
                throw problem("',' or '>>' was expected");
            }
            at++;
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

    private Object number() {
        int start = at;
        if (in.charAt(at) == '-') {
            at++;
        }
        int digits = at;
        while (at < in.length() && Character.isDigit(in.charAt(at))) {
            at++;
        }
        if (at == digits) {
            throw problem("a number was expected");
        }
        boolean real = false;
        if (at + 1 < in.length() && in.charAt(at) == '.' && Character.isDigit(in.charAt(at + 1))) {
            real = true;
            at++;
            while (at < in.length() && Character.isDigit(in.charAt(at))) {
                at++;
            }
            if (at < in.length() && (in.charAt(at) == 'e' || in.charAt(at) == 'E')) {
                at++;
                if (at < in.length() && (in.charAt(at) == '+' || in.charAt(at) == '-')) {
                    at++;
                }
                while (at < in.length() && Character.isDigit(in.charAt(at))) {
                    at++;
                }
            }
        }
        String text = in.substring(start, at);
        if (real) {
            return Double.parseDouble(text);
        }
        BigInteger value = new BigInteger(text);
        return value.bitLength() < 64 ? (Object) value.longValue() : value;
    }

    /** The text up to the closing quote (already past the opening one), escapes resolved. */
    private String quoted(char quote) {
        StringBuilder text = new StringBuilder();
        while (true) {
            if (at >= in.length()) {
                throw problem("the closing " + quote + " is missing");
            }
            char c = in.charAt(at++);
            if (c == quote) {
                return text.toString();
            }
            if (c != '\\') {
                text.append(c);
                continue;
            }
            if (at >= in.length()) {
                throw problem("an escape is cut short");
            }
            char e = in.charAt(at++);
            switch (e) {
                case 'n' -> text.append('\n');
                case 't' -> text.append('\t');
                case 'r' -> text.append('\r');
                case 'b' -> text.append('\b');
                case 'f' -> text.append('\f');
                case 'v' -> text.append('\u000B');
                case 'e' -> text.append('\u001B');
                case 's' -> text.append(' ');
                case 'd' -> text.append('\u007F');
                case 'x' -> text.appendCodePoint(hex());
                case '^' -> text.append((char) (in.charAt(at++) & 0x1F));
                default -> {
                    if (e >= '0' && e <= '7') {
                        int value = e - '0';
                        for (int i = 0; i < 2 && at < in.length() && in.charAt(at) >= '0' && in.charAt(at) <= '7'; i++) {
                            value = value * 8 + (in.charAt(at++) - '0');
                        }
                        text.append((char) value);
                    } else {
                        text.append(e);
                    }
                }
            }
        }
    }

    /** After "\x": two hex digits, or {digits}. */
    private int hex() {
        if (at < in.length() && in.charAt(at) == '{') {
            int end = in.indexOf('}', at);
            if (end < 0) {
                throw problem("'}' was expected");
            }
            int value = Integer.parseInt(in.substring(at + 1, end), 16);
            at = end + 1;
            return value;
        }
        if (at + 2 > in.length()) {
            throw problem("two hex digits were expected");
        }
        int value = Integer.parseInt(in.substring(at, at + 2), 16);
        at += 2;
        return value;
    }

    private char peek(int ahead) {
        return at + ahead < in.length() ? in.charAt(at + ahead) : '\0';
    }

    private void skipSpace() {
        while (at < in.length() && Character.isWhitespace(in.charAt(at))) {
            at++;
        }
    }

    private IllegalArgumentException problem(String what) {
        return new IllegalArgumentException(what + " at character " + (at + 1) + " of the term");
    }
}
