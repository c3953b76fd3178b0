package io.maximbatch.legacy;

import java.math.BigInteger;

/**
 * A position in a term's text and the tokens read from there: numbers, quoted text with its escapes, bare atom names.
 * Every read is bounds-checked; a problem names the character it was found at.
 */
final class ErlangTermCursor {

    /** The most digits a number may have: ejabberd's integers fit in 64 bits, and BigInteger's parsing is quadratic. */
    static final int MAX_DIGITS = 64;

    private final String in;
    private int at;

    ErlangTermCursor(String in) {
        this.in = in;
    }

    boolean atEnd() {
        return at >= in.length();
    }

    /** The character here; a problem at the end of the text. */
    char current() {
        if (atEnd()) {
            throw problem("the term ends too soon");
        }
        return in.charAt(at);
    }

    /** The character here, moving past it; a problem at the end of the text. */
    char next() {
        char c = current();
        at++;
        return c;
    }

    /** Moves past the token when the text goes on with it. */
    boolean take(String token) {
        if (!in.startsWith(token, at)) {
            return false;
        }
        at += token.length();
        return true;
    }

    void skipSpace() {
        while (at < in.length() && Character.isWhitespace(in.charAt(at))) {
            at++;
        }
    }

    ErlangTermException problem(String what) {
        return new ErlangTermException(what + " at character " + (at + 1) + " of the term");
    }

    private static boolean digit(char c) {
        return c >= '0' && c <= '9';
    }

    /** Whether a number starts here: a digit, or '-' then a digit. */
    boolean atNumber() {
        return !atEnd() && (digit(in.charAt(at)) || in.charAt(at) == '-' && at + 1 < in.length() && digit(in.charAt(at + 1)));
    }

    /** Moves past a run of ASCII digits (at most MAX_DIGITS); how many there were. */
    private int digits() {
        int start = at;
        while (at < in.length() && digit(in.charAt(at))) {
            if (at - start == MAX_DIGITS) {
                throw problem("a number of more than " + MAX_DIGITS + " digits");
            }
            at++;
        }
        return at - start;
    }

    /** An unquoted atom's name: a lower-case letter, then letters, digits, '_' and '@'. */
    String atomName() {
        int start = at;
        while (at < in.length() && (Character.isLetterOrDigit(in.charAt(at)) || in.charAt(at) == '_' || in.charAt(at) == '@')) {
            at++;
        }
        return in.substring(start, at);
    }

    /** An integer (Long, or BigInteger when it needs 64 bits or more) or a float (Double). */
    Object number() {
        int start = at;
        if (!atEnd() && in.charAt(at) == '-') {
            at++;
        }
        if (digits() == 0) {
            throw problem("a number was expected");
        }
        boolean real = false;
        if (at + 1 < in.length() && in.charAt(at) == '.' && digit(in.charAt(at + 1))) {
            real = true;
            at++;
            digits();
            if (at < in.length() && (in.charAt(at) == 'e' || in.charAt(at) == 'E')) {
                at++;
                if (at < in.length() && (in.charAt(at) == '+' || in.charAt(at) == '-')) {
                    at++;
                }
                if (digits() == 0) {
                    throw problem("an exponent's digits were expected");
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
    String quoted(char quote) {
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
            char e = next();
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
                case '^' -> text.append((char) (next() & 0x1F));
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

    /** After "\x": two hex digits, or {hex digits} (a code point, at most 10FFFF). */
    private int hex() {
        if (at < in.length() && in.charAt(at) == '{') {
            at++;
            int start = at;
            while (at < in.length() && hexDigit(in.charAt(at)) && at - start < 6) {
                at++;
            }
            if (at == start || atEnd() || in.charAt(at) != '}') {
                throw problem("hex digits and '}' were expected");
            }
            int value = Integer.parseInt(in.substring(start, at), 16);
            at++;
            if (value > Character.MAX_CODE_POINT) {
                throw problem("a code point above 10FFFF");
            }
            return value;
        }
        int start = at;
        for (int i = 0; i < 2; i++) {
            if (atEnd() || !hexDigit(in.charAt(at))) {
                throw problem("two hex digits were expected");
            }
            at++;
        }
        return Integer.parseInt(in.substring(start, at), 16);
    }

    private static boolean hexDigit(char c) {
        return digit(c) || c >= 'a' && c <= 'f' || c >= 'A' && c <= 'F';
    }
}
