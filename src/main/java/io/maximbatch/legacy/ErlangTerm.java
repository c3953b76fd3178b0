package io.maximbatch.legacy;

import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Erlang terms as ejabberd writes them into its SQL tables (`io_lib:print`, e.g. `muc_room.opts`): atoms, integers,
 * floats, binaries (`<<"text">>` with escapes, `<<230,138,128>>`, `<<>>`), strings, tuples, lists and maps.
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

    private ErlangTerm() {
    }

    /**
     * The term the text holds (a trailing `.` is allowed): Atom, Long or BigInteger, Double, Bin, Str, Tuple, List or
     * Map. A text that is not a term, is longer than 1 MiB, is nested deeper than 200 levels or holds a number of more
     * than 64 digits is an ErlangTermException naming where; nothing else is thrown.
     */
    public static Object parse(String text) {
        return new ErlangTermParser(text).whole();
    }
}
